package org.opendispute.resolution;

import static org.opendispute.dispute.DisputeProcess.Fields.RESHIP_CARRIER;
import static org.opendispute.dispute.DisputeProcess.Fields.RESHIP_TRACKING_NUMBER;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opendispute.dispute.Actors;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.dispute.InvalidSubmissionException;
import org.opendispute.dispute.Submission;
import org.opendispute.order.OrderStore;
import org.springframework.stereotype.Component;

/** The seller shipped the order again, with a new tracking number. */
@Component("recordReshipment")
class RecordReshipment implements TaskListener {

    private final DisputeStore disputes;
    private final DisputeHistory history;
    private final Actors actors;
    private final OrderStore orders;

    RecordReshipment(DisputeStore disputes, DisputeHistory history, Actors actors, OrderStore orders) {
        this.disputes = disputes;
        this.history = history;
        this.actors = actors;
        this.orders = orders;
    }

    @Override
    public void notify(DelegateTask task) {
        Submission submission = Submission.of(task);
        String disputeId = task.getExecution().getProcessBusinessKey();
        String carrier = submission.required(RESHIP_CARRIER);
        String trackingNumber = submission.required(RESHIP_TRACKING_NUMBER);
        String original = orders.find(disputes.get(disputeId).orderId()).map(order -> order.trackingNumber()).orElse(null);
        if (trackingNumber.equalsIgnoreCase(String.valueOf(original))) {
            throw new InvalidSubmissionException("tracking-number-unchanged", RESHIP_TRACKING_NUMBER.name(),
                    "A reshipment is a new parcel: its tracking number must differ from the original shipment's.");
        }
        disputes.recordReshipment(disputeId, carrier, trackingNumber);
        history.record(disputeId, HistoryEvent.RESHIPPED, actors.of(task), carrier + " " + trackingNumber);
    }
}
