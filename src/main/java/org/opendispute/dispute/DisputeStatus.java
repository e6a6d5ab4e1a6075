package org.opendispute.dispute;

/** Where a dispute is in its lifecycle: mirrored into the store by the step that moves it. */
public enum DisputeStatus {
    AWAITING_SELLER,
    NEGOTIATING,
    IN_MEDIATION,
    AWAITING_INFORMATION,
    AWAITING_BUYER_DECISION,
    AWAITING_RETURN,
    AWAITING_RETURN_RECEIPT,
    AWAITING_RESHIPMENT,
    REFUND_PENDING,
    RESOLVED,
    CANCELLED;

    public boolean isActive() {
        return this != RESOLVED && this != CANCELLED;
    }
}
