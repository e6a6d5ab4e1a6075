package org.opendispute.dispute;

/** What a dispute's timeline records; the name is what the store keeps and the API shows. */
public enum HistoryEvent {
    OPENED,
    /** The abuse rules' flag: for staff's eyes, never a party's. */
    FLAGGED_FOR_MEDIATORS(true),
    NEGOTIATION_STARTED,
    SELLER_PROPOSED,
    SELLER_REFUSED,
    BUYER_REJECTED,
    RESOLUTION_AGREED,
    MESSAGE_POSTED,
    BUYER_WARNED,
    EVIDENCE_ADDED,
    ESCALATED,
    MEDIATION_STARTED,
    MEDIATION_OVERDUE,
    INFORMATION_REQUESTED,
    /** A party's deadline is near: {@code disputes.policy.reminder-before} ahead of it. */
    DEADLINE_APPROACHING,
    INFORMATION_PROVIDED,
    INFORMATION_NOT_PROVIDED,
    PLATFORM_PROPOSAL_ISSUED,
    PLATFORM_PROPOSAL_OVERRIDDEN,
    RETURN_SHIPPED,
    RETURN_DELIVERED,
    RETURN_RECEIVED,
    RESHIPPED,
    RESHIPMENT_DELIVERED,
    RESHIPMENT_NOT_DELIVERED,
    REFUND_ISSUED,
    REFUND_FAILED,
    CANCELLED,
    RESOLVED;

    private final boolean staffOnly;

    HistoryEvent() {
        this(false);
    }

    HistoryEvent(boolean staffOnly) {
        this.staffOnly = staffOnly;
    }

    public boolean staffOnly() {
        return staffOnly;
    }

    /** The event a stage's start records. */
    static HistoryEvent started(Deadline stage) {
        return switch (stage) {
            case NEGOTIATION -> NEGOTIATION_STARTED;
            case MEDIATION -> MEDIATION_STARTED;
            default -> throw new IllegalArgumentException(stage.key() + " is not a stage");
        };
    }
}
