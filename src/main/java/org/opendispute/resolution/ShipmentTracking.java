package org.opendispute.resolution;

import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.order.OrderStore;
import org.opendispute.order.TrackingEvent;
import org.springframework.stereotype.Service;

/**
 * Carrier events of the parcels a resolution sends: a delivered return moves its dispute on to the seller's
 * confirmation, a delivered reshipment closes its dispute. Every carrier event is kept, so a delivery reported
 * before the tracking number was entered still counts.
 */
@Service("shipmentTracking")
public class ShipmentTracking {

    /** What a carrier event moved on. */
    public enum Delivered { RETURN, RESHIPMENT, NOTHING }

    private final DisputeStore disputes;
    private final DisputeHistory history;
    private final RuntimeService runtimeService;
    private final OrderStore orders;

    public ShipmentTracking(DisputeStore disputes, DisputeHistory history, RuntimeService runtimeService,
                            OrderStore orders) {
        this.disputes = disputes;
        this.history = history;
        this.runtimeService = runtimeService;
        this.orders = orders;
    }

    /** Whether the carrier reported the return delivered before the buyer entered its tracking number. */
    public boolean returnDeliveredAlready(DelegateExecution execution) {
        Dispute dispute = disputes.get(execution.getProcessBusinessKey());
        return deliveredAlready(dispute, dispute.returnCarrier(), dispute.returnTrackingNumber(),
                HistoryEvent.RETURN_DELIVERED);
    }

    /** Whether the carrier reported the reshipped parcel delivered before the seller entered its tracking number. */
    public boolean reshipmentDeliveredAlready(DelegateExecution execution) {
        Dispute dispute = disputes.get(execution.getProcessBusinessKey());
        return deliveredAlready(dispute, dispute.reshipCarrier(), dispute.reshipTrackingNumber(),
                HistoryEvent.RESHIPMENT_DELIVERED);
    }

    /** The reshipped parcel did not arrive in time: the buyer's recourse is the platform's mediation. */
    public void reshipmentNotDelivered(DelegateExecution execution) {
        Dispute dispute = disputes.get(execution.getProcessBusinessKey());
        history.record(dispute.id(), HistoryEvent.RESHIPMENT_NOT_DELIVERED, DisputeHistory.SYSTEM,
                dispute.reshipCarrier() + " " + dispute.reshipTrackingNumber() + ": back to mediation");
    }

    /** Moves on the dispute whose return or reshipment this event delivered, if one waits for it. */
    public Delivered onTrackingEvent(TrackingEvent event) {
        if (event.kind() != TrackingEvent.Kind.DELIVERED || event.trackingNumber() == null) {
            return Delivered.NOTHING;
        }
        if (correlate(disputes.findAwaitingReturn(event.orderId(), event.trackingNumber()),
                DisputeProcess.Messages.RETURN_DELIVERED, HistoryEvent.RETURN_DELIVERED, event)) {
            return Delivered.RETURN;
        }
        if (correlate(disputes.findAwaitingReshipment(event.orderId(), event.trackingNumber()),
                DisputeProcess.Messages.RESHIPMENT_DELIVERED, HistoryEvent.RESHIPMENT_DELIVERED, event)) {
            return Delivered.RESHIPMENT;
        }
        return Delivered.NOTHING;
    }

    private boolean deliveredAlready(Dispute dispute, String carrier, String trackingNumber, HistoryEvent delivered) {
        if (trackingNumber == null || !orders.carrierReportedDelivery(dispute.orderId(), trackingNumber)) {
            return false;
        }
        history.record(dispute.id(), delivered, carrier,
                trackingNumber + " (reported before the tracking number was entered)");
        return true;
    }

    private boolean correlate(Optional<String> waiting, String message, HistoryEvent delivered, TrackingEvent event) {
        return waiting.map(disputeId -> {
            boolean moved = !runtimeService.createMessageCorrelation(message)
                    .processInstanceBusinessKey(disputeId)
                    .correlateAllWithResult()
                    .isEmpty();
            if (moved) {
                history.record(disputeId, delivered, event.carrier(), event.trackingNumber());
            }
            return moved;
        }).orElse(false);
    }
}
