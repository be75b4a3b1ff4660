package com.cspflow.reconciliation;

import com.cspflow.platform.input.StartsProcess;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The back office asks for a billing period to be reconciled with Microsoft's charges: {@code current} or
 * {@code last} (Microsoft's unbilled lines of this month or the last, calendar months in UTC, as Microsoft Graph names
 * them), or a month {@code YYYY-MM} Microsoft has invoiced (the invoice's billed lines; the last month before its
 * invoice: its unbilled lines).
 */
@StartsProcess(ReconciliationService.PROCESS_KEY)
public record ReconcileBilling(
    @NotBlank @Pattern(regexp = "current|last|\\d{4}-(0[1-9]|1[0-2])",
        message = "must be current, last or a month as YYYY-MM")
    @Schema(description = "current, last, or an invoiced month as YYYY-MM", example = "current") String billingPeriod) {}
