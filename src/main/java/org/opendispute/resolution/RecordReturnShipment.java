package org.opendispute.resolution;

import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_CARRIER;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_TRACKING_NUMBER;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opendispute.dispute.Actors;
import org.opendispute.dispute.Deadline;
import org.opendispute.dispute.Deadlines;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.dispute.InvalidSubmissionException;
import org.opendispute.dispute.Submission;
import org.opendispute.order.OrderStore;
import org.springframework.stereotype.Component;

/** The buyer shipped the item back: the tracking number by which the carrier will report its delivery. */
@Component("recordReturnShipment")
class RecordReturnShipment implements TaskListener {

    private final DisputeStore disputes;
    private final Deadlines deadlines;
    private final DisputeHistory history;
    private final Actors actors;

    private final OrderStore orders;

    RecordReturnShipment(DisputeStore disputes, Deadlines deadlines, DisputeHistory history, Actors actors,
                         OrderStore orders) {
        this.orders = orders;
        this.disputes = disputes;
        this.deadlines = deadlines;
        this.history = history;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        Submission submission = Submission.of(task);
        String disputeId = task.getExecution().getProcessBusinessKey();
        String carrier = submission.required(RETURN_CARRIER);
        String trackingNumber = submission.required(RETURN_TRACKING_NUMBER);
        // A parcel the buyer received is not a return: its delivery must not count as the return's
        var dispute = disputes.get(disputeId);
        String original = orders.find(dispute.orderId()).map(order -> order.trackingNumber()).orElse(null);
        if (trackingNumber.equalsIgnoreCase(String.valueOf(original))
                || trackingNumber.equalsIgnoreCase(String.valueOf(dispute.reshipTrackingNumber()))) {
            throw new InvalidSubmissionException("tracking-number-not-a-return", RETURN_TRACKING_NUMBER.name(),
                    "The return's tracking number must be the return parcel's, not the one the buyer received.");
        }
        disputes.recordReturnShipment(disputeId, carrier, trackingNumber);
        deadlines.endAll(disputeId, Deadline.Kind.TASK);
        history.record(disputeId, HistoryEvent.RETURN_SHIPPED, actors.of(task), carrier + " " + trackingNumber);
    }
}
