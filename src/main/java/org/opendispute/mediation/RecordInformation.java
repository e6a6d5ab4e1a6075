package org.opendispute.mediation;

import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_ANSWER;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opendispute.dispute.Actors;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.dispute.Submission;
import org.springframework.stereotype.Component;

/** A party answered the mediator's question; the answer joins the dispute's history. */
@Component("recordInformation")
class RecordInformation implements TaskListener {

    private final DisputeHistory history;
    private final Actors actors;

    RecordInformation(DisputeHistory history, Actors actors) {
        this.history = history;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        history.record(task.getExecution().getProcessBusinessKey(), HistoryEvent.INFORMATION_PROVIDED, actors.of(task),
                Submission.of(task).required(INFORMATION_ANSWER));
    }
}
