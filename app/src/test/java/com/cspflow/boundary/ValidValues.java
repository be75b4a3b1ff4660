package com.cspflow.boundary;

import com.cspflow.support.SandboxAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/**
 * A value each field accepts, so that a generated case changes one field of an otherwise valid request and its
 * refusal can only be about that field. Records of a partner come from the partner's fixtures; other fields from
 * the OpenAPI description's examples, or from here when it has none (a process command's variables, ids).
 */
final class ValidValues {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static final Map<String, JsonNode> KNOWN = Map.ofEntries(
      Map.entry("organizationName", JSON.textNode("Contoso AB")),
      Map.entry("contactFirstName", JSON.textNode("Anna")),
      Map.entry("contactLastName", JSON.textNode("Andersson")),
      Map.entry("contactEmail", JSON.textNode("anna@contoso.example")),
      Map.entry("contactPhone", JSON.textNode("+46 8 123 456")),
      Map.entry("street", JSON.textNode("Drottninggatan 1")),
      Map.entry("postalCode", JSON.textNode("111 51")),
      Map.entry("city", JSON.textNode("Stockholm")),
      Map.entry("country", JSON.textNode("SE")),
      Map.entry("mode", JSON.textNode("NEW_TENANT")),
      Map.entry("domainPrefix", JSON.textNode("contoso")),
      Map.entry("agreementConfirmed", JSON.booleanNode(true)),
      Map.entry("confirmedBy", JSON.textNode("Anna Andersson")),
      Map.entry("recipientEmail", JSON.textNode("it@contoso.example")),
      Map.entry("category", JSON.textNode("Corporate")),
      Map.entry("productGroup", JSON.textNode("Microsoft 365")),
      Map.entry("catalogItemId", JSON.textNode(PartnerWorld.BUSINESS_BASIC)),
      Map.entry("quantity", JSON.numberNode(12)),
      Map.entry("termDuration", JSON.textNode("P1Y")),
      Map.entry("billingCycle", JSON.textNode("monthly")),
      Map.entry("mpnId", JSON.textNode("1234567")),
      Map.entry("contactName", JSON.textNode("Petra Partner")),
      Map.entry("period", JSON.textNode("2025-02")),
      Map.entry("cspRequestsPerSecond", JSON.numberNode(5)),
      Map.entry("fullSweep", JSON.booleanNode(false)),
      Map.entry("clientId", JSON.textNode("boundary-new-client")),
      Map.entry("name", JSON.textNode("Boundary client")),
      Map.entry("role", JSON.textNode("MARKETPLACE")),
      Map.entry("resolution", JSON.textNode("RETRY")),
      Map.entry("cancelReason", JSON.textNode("The customer changed its mind")),
      Map.entry("migrationDecision", JSON.textNode("REMIND")),
      Map.entry("failedOrderDecision", JSON.textNode("RETRY")),
      Map.entry("pendingDecision", JSON.textNode("CHECK_AGAIN")),
      Map.entry("failureReason", JSON.textNode("Microsoft never provisioned it")),
      Map.entry("reviewDecision", JSON.textNode("RETRY")),
      Map.entry("billingPeriod", JSON.textNode("current")),
      Map.entry("reviewNote", JSON.textNode("Seats added in Microsoft's portal: billed by hand")),
      Map.entry("currency", JSON.textNode("EUR")));

  private ValidValues() {}

  /** A value the field accepts: the partner's own record for an id, else a known value, the example or a choice. */
  static JsonNode of(FieldSpec field, JsonNode example, PartnerWorld.Partner partner) {
    String id = partner == null ? null : partner.idFor(field.name());
    if (id != null) {
      return JSON.textNode(id);
    }
    if (field.name().equals("refreshToken")) {
      // A consent Microsoft accepts is spent when stored (its token rotates): a fresh one for every call.
      return JSON.textNode(new SandboxAdmin().consent(true).refreshToken());
    }
    if (KNOWN.containsKey(field.name())) {
      return KNOWN.get(field.name());
    }
    if (example != null && !example.isMissingNode() && !example.isNull()) {
      return example;
    }
    if (field.choices() != null) {
      return JSON.textNode(field.choices().get(0));
    }
    throw new IllegalStateException("The boundary suite knows no valid value of field " + field.name()
        + ": give it an example in the OpenAPI description (@Schema(example = ...)) or add it to ValidValues");
  }

  /** The text form of a valid value, the base that hostile characters are appended to. */
  static String text(JsonNode value) {
    return value.isTextual() ? value.asText() : value.toString();
  }
}
