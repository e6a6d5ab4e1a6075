package org.opendispute.resolution;

import org.opendispute.dispute.ReturnCondition;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_CONDITION;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opendispute.dispute.Actors;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.dispute.Submission;
import org.springframework.stereotype.Component;

/** The seller confirmed what came back; an empty or different package sends the case back to mediation. */
@Component("recordReturnReceipt")
class RecordReturnReceipt implements TaskListener {

    private final DisputeStore disputes;
    private final DisputeHistory history;
    private final Actors actors;

    RecordReturnReceipt(DisputeStore disputes, DisputeHistory history, Actors actors) {
        this.disputes = disputes;
        this.history = history;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        String disputeId = task.getExecution().getProcessBusinessKey();
        ReturnCondition condition = Submission.of(task).required(RETURN_CONDITION);
        disputes.recordReturnCondition(disputeId, condition.name());
        history.record(disputeId, HistoryEvent.RETURN_RECEIVED, actors.of(task), condition.name());
    }
}
