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
import org.opendispute.dispute.Submission;
import org.springframework.stereotype.Component;

/** The buyer shipped the item back: the tracking number by which the carrier will report its delivery. */
@Component("recordReturnShipment")
class RecordReturnShipment implements TaskListener {

    private final DisputeStore disputes;
    private final Deadlines deadlines;
    private final DisputeHistory history;
    private final Actors actors;

    RecordReturnShipment(DisputeStore disputes, Deadlines deadlines, DisputeHistory history, Actors actors) {
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
        disputes.recordReturnShipment(disputeId, carrier, trackingNumber);
        deadlines.endAll(disputeId, Deadline.Kind.TASK);
        history.record(disputeId, HistoryEvent.RETURN_SHIPPED, actors.of(task), carrier + " " + trackingNumber);
    }
}
