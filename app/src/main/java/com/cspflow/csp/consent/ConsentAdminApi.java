package com.cspflow.csp.consent;

import com.cspflow.platform.api.NotFound;
import com.cspflow.platform.security.ApiCaller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators (the {@code /api/admin/**} paths are theirs, SecurityConfiguration) renew the Partner Center consent
 * after a partner user has signed in to cspflow's app registration again: the answer says when it was given and
 * when it expires if unused, never the token.
 */
@RestController
@Tag(name = "Administration", description = "The Partner Center consent (administrators only)")
public class ConsentAdminApi {

  private final ConsentService consents;

  public ConsentAdminApi(ConsentService consents) {
    this.consents = consents;
  }

  @Schema(description = "The refresh token of a partner user's new consent (Secure Application Model, with MFA)")
  public record NewConsent(
      @NotBlank @Size(max = 4000) @Pattern(regexp = "[\\x21-\\x7E ]+", message = "must be the token as Microsoft "
          + "issued it: printable characters without line breaks") String refreshToken) {

    /** Records print their components; this one is a secret. */
    @Override
    public String toString() {
      return "NewConsent[refreshToken=(not shown)]";
    }
  }

  @PutMapping("/api/admin/csp-consent")
  @Operation(summary = "Store a new Partner Center consent; jobs waiting for one are retried",
      description = "The answer describes the stored consent without its token.")
  @ApiResponse(responseCode = "200", description = "The consent as stored", content = @Content(
      mediaType = "application/json", schema = @Schema(implementation = ConsentState.class)))
  @ApiResponse(responseCode = "503", description = "Microsoft's sign-in could not be reached; nothing was stored",
      headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = "integer")),
      content = @Content(mediaType = "application/problem+json",
          schema = @Schema(ref = "#/components/schemas/ProblemDetail")))
  public ConsentState renew(@Valid @RequestBody NewConsent consent) {
    return consents.renew(consent.refreshToken(), ApiCaller.current().id());
  }

  @GetMapping("/api/admin/csp-consent")
  @Operation(summary = "The stored Partner Center consent: given when and by whom, last used, expires if unused, "
      + "refused by Microsoft")
  public ConsentState consent() {
    return consents.state().orElseThrow(() -> new NotFound("No Partner Center consent is stored"));
  }
}
