package com.cspflow.sandbox;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Microsoft Graph's partner billing reconciliation export (permission {@code PartnerBilling.Read.All}, a Graph
 * token, app-only or app+user), and the storage its manifest points to:
 *
 * <ul>
 *   <li>{@code POST /graph/v1.0/reports/partners/billing/reconciliation/unbilled/export} {@code {currencyCode,
 *       billingPeriod: current|last, attributeSet: full|basic}}: 202 with {@code Location} of the operation
 *   <li>{@code POST /graph/v1.0/reports/partners/billing/reconciliation/billed/export} {@code {invoiceId,
 *       attributeSet}}: the same for the lines of an invoice; the invoices are Partner Center's
 *       {@code GET /v1/invoices} (a partner token), one per month that has ended
 *   <li>{@code GET /graph/v1.0/reports/partners/billing/operations/{id}}: {@code status} running, then succeeded
 *       with {@code resourceLocation}: the manifest ({@code blobCount}, {@code blobs[{name, partitionValue}]},
 *       {@code rootDirectory}, {@code sasToken}, {@code dataFormat: compressedJSONLines})
 *   <li>{@code GET /blobs/partnerbilling/{exportId}/{name}?sv=&sig=}: a blob, gzipped JSON lines; 403 without the
 *       export's signature
 * </ul>
 *
 * Fault injection by operation name: {@code billing-export} (the request and the polls) and
 * {@code billing-download}; what {@link SandboxBillingExports#injectIntoNext} sets.
 */
@RestController
class SandboxBillingController {

  static final String EXPORT = "billing-export";
  static final String DOWNLOAD = "billing-download";
  private static final String OPERATIONS = "/reports/partners/billing/operations/";

  record UnbilledExportIn(String currencyCode, String billingPeriod, String attributeSet) {}

  record BilledExportIn(String invoiceId, String attributeSet) {}

  private final SandboxBillingExports exports;
  private final SandboxFaults faults;

  SandboxBillingController(SandboxBillingExports exports, SandboxFaults faults) {
    this.exports = exports;
    this.faults = faults;
  }

  @PostMapping("/graph/v1.0/reports/partners/billing/reconciliation/unbilled/export")
  ResponseEntity<Object> requestUnbilled(@RequestBody UnbilledExportIn request, HttpServletRequest http)
      throws InterruptedException {
    ResponseEntity<Object> fault = fault(EXPORT, http);
    if (fault != null) {
      return fault;
    }
    if (request.attributeSet() != null && !List.of("full", "basic").contains(request.attributeSet())) {
      throw SandboxError.invalid("attributeSet must be full or basic");
    }
    return accepted(exports.requestUnbilled(request.billingPeriod(), request.currencyCode()));
  }

  @PostMapping("/graph/v1.0/reports/partners/billing/reconciliation/billed/export")
  ResponseEntity<Object> requestBilled(@RequestBody BilledExportIn request, HttpServletRequest http)
      throws InterruptedException {
    ResponseEntity<Object> fault = fault(EXPORT, http);
    if (fault != null) {
      return fault;
    }
    if (request.attributeSet() != null && !List.of("full", "basic").contains(request.attributeSet())) {
      throw SandboxError.invalid("attributeSet must be full or basic");
    }
    return accepted(exports.requestBilled(request.invoiceId()));
  }

  @SandboxOperation(value = "list-invoices", grant = SandboxOperation.Grant.APP_ONLY_OR_APP_USER)
  @GetMapping("/v1/invoices")
  Map<String, Object> invoices() {
    return SandboxJson.collection(exports.invoices());
  }

  private static ResponseEntity<Object> accepted(SandboxBillingExports.Export export) {
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(URI.create(serviceRoot() + OPERATIONS + export.id())).header("Retry-After", "1").build();
  }

  @GetMapping("/graph/v1.0/reports/partners/billing/operations/{id}")
  ResponseEntity<Object> operation(@PathVariable String id, HttpServletRequest http) throws InterruptedException {
    ResponseEntity<Object> fault = fault(EXPORT, http);
    if (fault != null) {
      return fault;
    }
    SandboxBillingExports.Export export = exports.export(id)
        .orElseThrow(() -> SandboxError.notFound("Operation " + id + " not found"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", export.id());
    body.put("createdDateTime", SandboxBillingExports.dateTime(export.createdAt()));
    long now = System.currentTimeMillis();
    if (now < export.readyAt()) {
      body.put("@odata.type", "#microsoft.graph.partners.billing.runningOperation");
      body.put("status", "running");
      body.put("lastActionDateTime", SandboxBillingExports.dateTime(now));
      return ResponseEntity.ok().header("Retry-After", "1").body(body);
    }
    body.put("@odata.type", "#microsoft.graph.partners.billing.exportSuccessOperation");
    body.put("status", "succeeded");
    body.put("lastActionDateTime", SandboxBillingExports.dateTime(export.readyAt()));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("@odata.type", "microsoft.graph.partners.billing.manifest");
    manifest.put("id", export.id());
    manifest.put("schemaVersion", "2");
    manifest.put("dataFormat", "compressedJSONLines");
    manifest.put("createdDateTime", SandboxBillingExports.dateTime(export.readyAt()));
    manifest.put("eTag", Long.toString(export.lastChargeId()));
    manifest.put("partnerTenantId", "");
    manifest.put("rootDirectory", ServletUriComponentsBuilder.fromCurrentContextPath()
        .path("/blobs/partnerbilling/" + export.id()).toUriString());
    manifest.put("sasToken", "sv=2024-11-04&sr=c&sp=rl&sig=" + export.sasToken());
    manifest.put("partitionType", "default");
    manifest.put("blobCount", export.blobCount());
    manifest.put("blobs", java.util.stream.IntStream.range(0, export.blobCount())
        .mapToObj(n -> Map.of("name", blobName(n), "partitionValue", "default")).toList());
    body.put("resourceLocation", manifest);
    return ResponseEntity.ok(body);
  }

  @GetMapping("/blobs/partnerbilling/{exportId}/{name}")
  void blob(@PathVariable String exportId, @PathVariable String name,
      @RequestParam(name = "sig", required = false) String signature, HttpServletRequest http,
      HttpServletResponse response) throws IOException, InterruptedException {
    SandboxFaults.Verdict verdict = faults.before(DOWNLOAD);
    if (verdict instanceof SandboxFaults.Throttled throttled) {
      response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
      response.sendError(503, "Server busy");
      return;
    }
    if (verdict instanceof SandboxFaults.ServerError) {
      response.sendError(500, "Internal error");
      return;
    }
    SandboxBillingExports.Export export = exports.export(exportId).orElse(null);
    if (export == null || signature == null || !signature.equals(export.sasToken())) {
      response.sendError(403, "AuthenticationFailed: the signature does not match");
      return;
    }
    Integer number = blobNumber(name);
    if (number == null || number >= export.blobCount()) {
      response.sendError(404, "BlobNotFound");
      return;
    }
    byte[] blob = exports.blob(export, number);
    response.setContentType("application/octet-stream");
    response.setContentLengthLong(blob.length);
    if (exports.failsThisTime(export, number)) {
      // The connection breaks off half-way: fewer bytes than announced, then the connection is dropped.
      response.getOutputStream().write(blob, 0, blob.length / 2);
      response.flushBuffer();
      throw new IOException("Connection dropped half-way (injected)");
    }
    response.getOutputStream().write(blob);
  }

  @ExceptionHandler(SandboxError.class)
  ResponseEntity<Map<String, Object>> refused(SandboxError error, HttpServletRequest request) {
    String code = error.httpStatus() == 404 ? "itemNotFound" : "invalidRequest";
    return graphError(error.httpStatus(), code, error.description(), request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpServletRequest request) {
    return graphError(400, "invalidRequest", "The request body is not valid JSON for this resource", request);
  }

  private ResponseEntity<Object> fault(String operation, HttpServletRequest request) throws InterruptedException {
    SandboxFaults.Verdict verdict = faults.before(operation);
    if (verdict instanceof SandboxFaults.Throttled throttled) {
      return ResponseEntity.status(429).header("Retry-After", Long.toString(throttled.retryAfterSeconds()))
          .contentType(MediaType.APPLICATION_JSON).body(SandboxGraphJson.error("TooManyRequests",
              "Too many requests", String.valueOf(request.getAttribute(SandboxGraphInterceptor.REQUEST_ID))));
    }
    if (verdict instanceof SandboxFaults.ServerError) {
      return ResponseEntity.status(500).contentType(MediaType.APPLICATION_JSON).body(SandboxGraphJson.error(
          "generalException", "An internal error occurred",
          String.valueOf(request.getAttribute(SandboxGraphInterceptor.REQUEST_ID))));
    }
    return null;
  }

  static String blobName(int number) {
    return String.format("part-%05d.json.gz", number + 1);
  }

  private static Integer blobNumber(String name) {
    if (!name.matches("part-\\d{5}\\.json\\.gz")) {
      return null;
    }
    return Integer.parseInt(name.substring(5, 10)) - 1;
  }

  private static ResponseEntity<Map<String, Object>> graphError(int status, String code, String message,
      HttpServletRequest request) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(SandboxGraphJson.error(code,
        message, String.valueOf(request.getAttribute(SandboxGraphInterceptor.REQUEST_ID))));
  }

  private static String serviceRoot() {
    return ServletUriComponentsBuilder.fromCurrentContextPath().path("/graph/v1.0").toUriString();
  }
}
