package com.cspflow.platform.security;

import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.input.PartnerId;
import com.cspflow.platform.input.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administrators register the API clients of partners and of the marketplace's portal, and disable them. */
@RestController
@Tag(name = "Administration", description = "API clients (administrators only)")
public class ApiClientAdminApi {

  private final ApiClients clients;

  public ApiClientAdminApi(ApiClients clients) {
    this.clients = clients;
  }

  @Schema(description = "A partner's system (role PARTNER, with partnerId) or the marketplace's portal (MARKETPLACE)")
  @PartnerOfPartnerClientsOnly
  public record NewApiClient(
      @NotBlank @Pattern(regexp = ApiClient.ID_PATTERN, message = ApiClient.ID_HINT) String clientId,
      @NotBlank @PlainText(max = 100) String name,
      @NotNull ClientRole role,
      @PartnerId String partnerId) {}

  /** What an API client may be; people sign in with their own account and get their group's role. */
  public enum ClientRole {
    PARTNER(ApiRole.PARTNER), MARKETPLACE(ApiRole.MARKETPLACE);

    private final ApiRole role;

    ClientRole(ApiRole role) {
      this.role = role;
    }
  }

  /** A PARTNER client names its partner, a MARKETPLACE client none; the problem is reported on partnerId. */
  @Documented
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = PartnerOfPartnerClientsOnly.Check.class)
  public @interface PartnerOfPartnerClientsOnly {

    String message() default "is required for a PARTNER client and left out for a MARKETPLACE client";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PartnerOfPartnerClientsOnly, NewApiClient> {

      @Override
      public boolean isValid(NewApiClient client, ConstraintValidatorContext context) {
        boolean named = client.partnerId() != null && !client.partnerId().isBlank();
        if (client.role() == null || (client.role() == ClientRole.PARTNER) == named) {
          return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(named ? "must be left out for a MARKETPLACE client"
            : "is required for a PARTNER client").addPropertyNode("partnerId").addConstraintViolation();
        return false;
      }
    }
  }

  @Schema(description = "The client's secret is in this answer only; keep it like a password")
  public record RegisteredClient(String clientId, String clientSecret, ApiClient client) {}

  @PostMapping("/api/admin/clients")
  @Operation(summary = "Register an API client; the answer holds its secret, once")
  @ResponseStatus(HttpStatus.CREATED)
  public ResponseEntity<RegisteredClient> register(@Valid @RequestBody NewApiClient request) {
    ApiClients.Credentials credentials = clients.register(request.clientId(), request.name().trim(),
        request.role().role, request.role() == ClientRole.PARTNER ? request.partnerId() : null,
        ApiCaller.current().id());
    return ResponseEntity.created(URI.create("/api/admin/clients/" + credentials.clientId())).body(
        new RegisteredClient(credentials.clientId(), credentials.clientSecret(), credentials.client()));
  }

  @GetMapping("/api/admin/clients")
  @Operation(summary = "Every API client, enabled or not (no secrets)")
  public List<ApiClient> list() {
    return clients.all();
  }

  /** What the Location of a registration names: 404 for an id never registered. */
  @GetMapping("/api/admin/clients/{clientId}")
  @Operation(summary = "One API client, enabled or not (no secret)")
  public ApiClient client(@PathVariable @Pattern(regexp = ApiClient.ID_PATTERN,
      message = "must be a client id") String clientId) {
    return clients.find(clientId).orElseThrow(() -> new NotFound("No API client " + clientId));
  }

  @DeleteMapping("/api/admin/clients/{clientId}")
  @Operation(summary = "Disable a client: its tokens stop working within 30 seconds")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public ResponseEntity<Void> disable(@PathVariable @Pattern(regexp = ApiClient.ID_PATTERN,
      message = "must be a client id") String clientId) {
    if (!clients.disable(clientId)) {
      throw new NotFound("No enabled API client " + clientId);
    }
    return ResponseEntity.noContent().build();
  }
}
