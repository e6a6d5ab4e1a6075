package org.opendispute.dispute;

import java.time.Instant;

import org.opendispute.order.Money;
import org.opendispute.order.Payment;

/** A dispute as the store knows it. Amounts are in the order's currency. */
public record Dispute(
        String id,
        String orderId,
        String buyerId,
        String sellerId,
        Reason reason,
        String description,
        ResolutionType requestedType,
        Money requestedAmount,
        Money disputedValue,
        Money refundableAmount,
        DisputeStatus status,
        Outcome outcome,
        ResolutionType resolutionType,
        Money resolutionAmount,
        boolean flaggedForMediators,
        boolean mediationOverdue,
        int reopenNumber,
        String processInstanceId,
        String returnCarrier,
        String returnTrackingNumber,
        String returnCondition,
        String reshipCarrier,
        String reshipTrackingNumber,
        /** BUYER or SELLER while the mediator's question waits for an answer (the last one asked). */
        String informationFrom,
        Instant openedAt,
        Instant escalatedAt,
        Instant resolvedAt,
        Instant cancelledAt,
        Instant updatedAt,
        /** The order's payment as it was when the dispute was opened: where its refund goes. */
        Payment payment) {
}
