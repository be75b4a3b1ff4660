package com.cspflow.monthlyupdate;

import com.cspflow.platform.input.BillingPeriod;
import com.cspflow.platform.input.StartsProcess;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;

/**
 * The back office asks for the quantity update of a billing period (a rerun replaces that period's lines): incremental
 * (only the customers that changed since the last complete run are read from Microsoft) unless {@code fullSweep}.
 */
@StartsProcess(MonthlyUpdateService.PROCESS_KEY)
public record RequestMonthlyUpdate(
    @NotBlank @BillingPeriod String period,
    @DecimalMin("0.1") @DecimalMax("1000") BigDecimal cspRequestsPerSecond,
    @Schema(description = "Read every customer from Microsoft (a full sweep); otherwise only those that changed "
        + "since the last complete run", example = "false") Boolean fullSweep) {}
