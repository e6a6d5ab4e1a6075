package org.opendispute.api;

import java.time.Duration;

import org.opendispute.dispute.Accounts;
import org.opendispute.dispute.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;

/** A seller's dispute record, for staff and the marketplace: what POLICY.md "Closed" keeps up to date. */
@RestController
@RequestMapping("/api/sellers")
@Validated
class SellerController {

    private final Accounts accounts;
    private final CurrentCaller currentCaller;

    SellerController(Accounts accounts, CurrentCaller currentCaller) {
        this.accounts = accounts;
        this.currentCaller = currentCaller;
    }

    @GetMapping("/{sellerId}/statistics")
    @Operation(summary = "A seller's disputes: opened, resolved for either party, cancelled, median time to resolve")
    SellerStatistics statistics(@PathVariable @Pattern(regexp = DisputeController.ID) String sellerId) {
        Caller caller = currentCaller.get();
        if (!caller.isStaff() && !caller.in(Groups.INTEGRATORS)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Seller statistics are for staff and integrators.");
        }
        Accounts.SellerStatistics counts = accounts.sellerStatistics(sellerId);
        return new SellerStatistics(sellerId, counts.received(), counts.resolvedForBuyer() + counts.reshipped(),
                counts.resolvedForSeller(), counts.cancelledByBuyer(),
                accounts.medianTimeToResolve(sellerId).map(Duration::toString).orElse(null));
    }

    record SellerStatistics(
            String sellerId,
            int disputesOpened,
            @Schema(description = "Resolved with a refund or a reshipment") int resolvedForBuyer,
            int resolvedForSeller,
            int cancelled,
            @Schema(example = "P3DT4H", description = "ISO-8601; none while no dispute is resolved") String medianTimeToResolve) {
    }
}
