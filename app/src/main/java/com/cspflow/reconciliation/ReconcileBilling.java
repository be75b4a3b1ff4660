package com.cspflow.reconciliation;

import com.cspflow.platform.input.StartsProcess;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The back office asks for a billing period to be reconciled with Microsoft's charges: Microsoft's unbilled lines of
 * the {@code current} billing period or the {@code last} (calendar months, UTC), as Microsoft Graph names them.
 */
@StartsProcess(ReconciliationService.PROCESS_KEY)
public record ReconcileBilling(
    @NotBlank @Pattern(regexp = "current|last", message = "must be current or last")
    @Schema(allowableValues = {"current", "last"}, example = "current") String billingPeriod) {}
