package org.opendispute.events;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.opendispute.dispute.DisputeChanged;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.HistoryEvent;

/**
 * The names integrators rely on, stable once shipped. Every step of the timeline a party or the marketplace must
 * know of has one, and so has every new status; the switch over {@link HistoryEvent} is exhaustive, so a new
 * step of the timeline cannot be added without deciding what it announces.
 */
public final class EventTypes {

    public static final String STATUS_CHANGED = "dispute.status_changed";
    public static final String RETURN_REQUESTED = "dispute.return_requested";
    public static final String REFUND_PENDING = "refund.pending";
    /** An order without a dispute whose buyer protection ends soon ({@code disputes.policy.protection-reminder-before}). */
    public static final String PROTECTION_EXPIRING = "order.protection_expiring";

    private EventTypes() {
    }

    /** The event a change announces; empty for what stays inside the platform (staff's flags, stage bookkeeping). */
    public static Optional<String> of(DisputeChanged change) {
        if (change.status() != null) {
            return Optional.of(switch (change.status()) {
                case AWAITING_RETURN -> RETURN_REQUESTED;
                case REFUND_PENDING -> REFUND_PENDING;
                default -> STATUS_CHANGED;
            });
        }
        return Optional.ofNullable(switch (change.step()) {
            case OPENED -> "dispute.opened";
            case SELLER_PROPOSED -> "dispute.proposal_made";
            case SELLER_REFUSED -> "dispute.seller_responded";
            case BUYER_REJECTED -> "dispute.proposal_rejected";
            case RESOLUTION_AGREED -> "dispute.resolution_agreed";
            case MESSAGE_POSTED -> "dispute.message_posted";
            case EVIDENCE_ADDED -> "dispute.evidence_added";
            case ESCALATED -> "dispute.escalated";
            case INFORMATION_REQUESTED -> "dispute.information_requested";
            case DEADLINE_APPROACHING -> "dispute.deadline_approaching";
            case INFORMATION_PROVIDED -> "dispute.information_provided";
            case INFORMATION_NOT_PROVIDED -> "dispute.information_not_provided";
            case PLATFORM_PROPOSAL_ISSUED -> "dispute.awaiting_buyer_decision";
            case RETURN_SHIPPED -> "dispute.return_shipped";
            case RETURN_DELIVERED -> "dispute.return_delivered";
            case RETURN_RECEIVED -> "dispute.return_received";
            case RESHIPPED -> "dispute.reshipped";
            case RESHIPMENT_DELIVERED -> "dispute.reshipment_delivered";
            case RESHIPMENT_NOT_DELIVERED -> "dispute.reshipment_not_delivered";
            case REFUND_ISSUED -> "refund.succeeded";
            case REFUND_FAILED -> "refund.failed";
            case CANCELLED -> "dispute.cancelled";
            case RESOLVED -> "dispute.resolved";
            // Inside the platform: the staff's flags and warnings, the stages' own bookkeeping (a status follows)
            case FLAGGED_FOR_MEDIATORS, BUYER_WARNED, NEGOTIATION_STARTED, MEDIATION_STARTED, MEDIATION_OVERDUE,
                 PLATFORM_PROPOSAL_OVERRIDDEN -> null;
        });
    }

    /** Every type there is, for validating a subscription. */
    public static List<String> all() {
        Stream<String> steps = Stream.of(HistoryEvent.values())
                .map(step -> of(new DisputeChanged("", step, null, null, null, java.util.Map.of())))
                .flatMap(Optional::stream);
        Stream<String> statuses = Stream.of(DisputeStatus.values())
                .map(status -> of(new DisputeChanged("", null, status, null, null, java.util.Map.of())))
                .flatMap(Optional::stream);
        return Stream.concat(Stream.concat(steps, statuses), Stream.of(PROTECTION_EXPIRING)).distinct().sorted().toList();
    }
}
