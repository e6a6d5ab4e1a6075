package org.opendispute.dispute;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The buyer cancelled before a resolution was applied: every task and timer has ended with the stage. */
@Component("recordCancellationDelegate")
class RecordCancellationDelegate implements JavaDelegate {

    private final DisputeStore disputes;
    private final Deadlines deadlines;
    private final DisputeHistory history;
    private final Actors actors;

    RecordCancellationDelegate(DisputeStore disputes, Deadlines deadlines, DisputeHistory history,
                               Actors actors) {
        this.disputes = disputes;
        this.deadlines = deadlines;
        this.history = history;
        this.actors = actors;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Dispute dispute = disputes.get(execution.getProcessBusinessKey());
        disputes.close(dispute.id(), DisputeStatus.CANCELLED, Outcome.CANCELLED_BY_BUYER);
        deadlines.endAll(dispute.id());
        history.record(dispute.id(), HistoryEvent.CANCELLED, actors.current(), null);
    }
}
