package org.opendispute.resolution;

import static org.opendispute.dispute.DisputeProcess.Vars.RETURN_CONDITION;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opendispute.dispute.Actors;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.dispute.DisputeStore;
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
        ReturnCondition condition = Submission.of(task).choice(RETURN_CONDITION, ReturnCondition.class);
        disputes.recordReturnCondition(disputeId, condition.name());
        history.record(disputeId, HistoryEvent.RETURN_RECEIVED, actors.of(task), condition.name());
    }
}
