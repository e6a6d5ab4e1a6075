package org.opendispute.refund;

import java.time.Instant;
import java.time.LocalDate;

import org.opendispute.order.Money;

public record Refund(String id, String disputeId, String idempotencyKey, Money amount, String paymentMethod,
                     String paymentReference, State state, String providerReference, LocalDate expectedArrivalDate,
                     Instant createdAt, Instant issuedAt) {

    public enum State { PENDING, ISSUED }
}
