package org.opendispute.api;

import java.util.List;

import org.opendispute.dispute.Choice;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.ReturnCondition;
import org.opendispute.dispute.SellerAction;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The bodies of the dispute endpoints: their shape only. What the shape allows is decided by the domain
 * (the opening rules, the steps of the diagram), once for every route.
 */
final class DisputeRequests {

    private DisputeRequests() {
    }

    record Open(
            @NotBlank @Size(max = 64) @Schema(example = "ORD-1001") String orderId,
            @NotNull @Schema(example = "DAMAGED") Reason reason,
            @NotBlank @Size(max = 4000) @Schema(example = "The headphones arrived with a cracked headband.") String description,
            @Size(max = 200) @Schema(description = "The disputed lines; none means the whole order")
            List<@Valid @NotNull Line> lines,
            @NotNull @Valid Requested requestedResolution,
            @Size(max = 20) List<@NotBlank @Size(max = 64) String> evidenceIds) {
    }

    record Line(@NotBlank @Size(max = 64) @Schema(example = "HP-01") String sku,
                @NotNull @Min(1) @Max(100000) @Schema(example = "1") Integer quantity) {
    }

    record Requested(@NotNull @Schema(example = "PARTIAL_REFUND") ResolutionType type,
                     @Valid @Schema(description = "Partial refunds only, in the order's currency") MoneyDto amount) {
    }

    record SellerResponse(@NotNull @Schema(example = "PROPOSE") SellerAction action,
                          @Valid Proposal proposal,
                          @Size(max = 4000) @Schema(example = "The parcel was insured; I offer a partial refund.") String reason) {
    }

    record Proposal(@NotNull @Schema(example = "PARTIAL_REFUND") ResolutionType type,
                    @Valid @Schema(description = "Partial refunds only, in the order's currency") MoneyDto amount) {
    }

    record Decision(@NotNull @Schema(example = "PLATFORM") Choice choice) {
    }

    record Message(@NotBlank @Size(max = 4000) @Schema(example = "Could you send a photo of the label?") String body) {
    }

    record Information(@NotBlank @Size(max = 4000) @Schema(example = "Photos attached as evidence.") String answer) {
    }

    record Shipment(@NotBlank @Size(max = 64) @Schema(example = "DHL") String carrier,
                    @NotBlank @Size(max = 128) @Schema(example = "JJD000390099") String trackingNumber) {
    }

    record ReturnReceipt(@NotNull @Schema(example = "RECEIVED") ReturnCondition condition) {
    }
}
