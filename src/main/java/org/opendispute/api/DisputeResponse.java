package org.opendispute.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A dispute as the caller sees it: where it stands, every running deadline, and what the caller can do now. */
public record DisputeResponse(
        @Schema(example = "DSP-7K3QM9XW2P") String id,
        @Schema(example = "ORD-1001") String orderId,
        String buyerId,
        String sellerId,
        @Schema(example = "DAMAGED") String reason,
        String description,
        @Schema(example = "AWAITING_SELLER") String status,
        @Schema(example = "FULL_REFUND") String outcome,
        Requested requestedResolution,
        List<Line> lines,
        MoneyDto disputedValue,
        MoneyDto refundableAmount,
        Resolution resolution,
        List<Proposal> proposals,
        Refund refund,
        @Schema(description = "Each running deadline by name", example = "{\"sellerResponse\": \"2026-03-15T09:00:00Z\"}")
        Map<String, Instant> deadlines,
        List<AllowedAction> allowedActions,
        @Schema(description = "Staff only: the abuse rules flagged the buyer's dispute for the mediators")
        Boolean flaggedForMediators,
        Instant openedAt,
        Instant updatedAt) {

    public record Requested(@Schema(example = "PARTIAL_REFUND") String type, MoneyDto amount) {
    }

    public record Line(String sku, int quantity) {
    }

    public record Resolution(String type, MoneyDto amount) {
    }

    public record Proposal(String id, @Schema(example = "SELLER") String by, @Schema(example = "PARTIAL_REFUND") String type,
                           MoneyDto amount, @Schema(example = "OPEN") String state, String note, Instant createdAt) {
    }

    public record Refund(MoneyDto amount,
                         @Schema(example = "SUCCEEDED", description = "PENDING, SUBMITTED, SUCCEEDED, FAILED or UNKNOWN")
                         String state,
                         @Schema(example = "re_3MtwBwLkdIwHu7ix28a3tqPa") String providerReference,
                         @Schema(description = "Why the provider refused it (FAILED), or what the last call said (UNKNOWN)")
                         String failureReason,
                         LocalDate expectedArrivalDate) {
    }
}
