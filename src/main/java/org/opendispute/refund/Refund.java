package org.opendispute.refund;

import java.time.Instant;
import java.time.LocalDate;

import org.opendispute.order.Money;

/**
 * A dispute's refund: what is to be paid back, to which original payment, under which idempotency key, and how
 * far it got. One row per dispute; a refused attempt is renewed as the next {@code attempt}.
 */
public record Refund(String id, String disputeId, String idempotencyKey, int attempt, Money amount,
                     String paymentMethod, String paymentReference, State state, String providerReference,
                     String failureReason, LocalDate expectedArrivalDate, Instant createdAt, Instant issuedAt) {

    public enum State {
        /** The intent, committed with the decision; no provider was called yet. */
        PENDING,
        /** Committed just before the provider was called: it may have paid, so it is asked before a resend. */
        SUBMITTED,
        SUCCEEDED,
        /** The provider refused; the dispute went back to mediation with the reason. */
        FAILED,
        /** The provider did not answer; reconciled by asking it, never re-sent blindly. */
        UNKNOWN;

        /** Whether the provider may have paid this attempt. */
        public boolean mayHavePaid() {
            return this == SUBMITTED || this == UNKNOWN;
        }
    }
}
