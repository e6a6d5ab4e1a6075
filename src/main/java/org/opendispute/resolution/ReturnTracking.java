package org.opendispute.resolution;

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

/** Carrier events of return shipments: a delivered return moves its dispute on to the seller's confirmation. */
@Service("returnTracking")
public class ReturnTracking {

    private final DisputeStore disputes;
    private final DisputeHistory history;
    private final RuntimeService runtimeService;
    private final OrderStore orders;

    public ReturnTracking(DisputeStore disputes, DisputeHistory history, RuntimeService runtimeService,
                          OrderStore orders) {
        this.disputes = disputes;
        this.history = history;
        this.runtimeService = runtimeService;
        this.orders = orders;
    }

    /**
     * Whether the carrier reported the return delivered before the buyer entered its tracking number: its event
     * was kept (every carrier event is), and the return need not wait for another.
     */
    public boolean deliveredAlready(DelegateExecution execution) {
        Dispute dispute = disputes.get(execution.getProcessBusinessKey());
        if (dispute.returnTrackingNumber() == null
                || !orders.carrierReportedDelivery(dispute.orderId(), dispute.returnTrackingNumber())) {
            return false;
        }
        history.record(dispute.id(), HistoryEvent.RETURN_DELIVERED, dispute.returnCarrier(),
                dispute.returnTrackingNumber() + " (reported before the tracking number was entered)");
        return true;
    }

    /** Answers whether the event was the delivery of a return that a dispute was waiting for. */
    public boolean onTrackingEvent(TrackingEvent event) {
        if (event.kind() != TrackingEvent.Kind.DELIVERED || event.trackingNumber() == null) {
            return false;
        }
        return disputes.findAwaitingReturn(event.orderId(), event.trackingNumber())
                .map(disputeId -> {
                    var result = runtimeService.createMessageCorrelation(DisputeProcess.Messages.RETURN_DELIVERED)
                            .processInstanceBusinessKey(disputeId)
                            .correlateAllWithResult();
                    if (!result.isEmpty()) {
                        history.record(disputeId, HistoryEvent.RETURN_DELIVERED, event.carrier(), event.trackingNumber());
                    }
                    return !result.isEmpty();
                })
                .orElse(false);
    }
}
