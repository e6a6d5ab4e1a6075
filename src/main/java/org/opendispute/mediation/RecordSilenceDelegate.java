package org.opendispute.mediation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.HistoryEvent;
import org.springframework.stereotype.Component;

/** The party did not answer the mediator in time: recorded, and it counts against them. */
@Component("recordSilenceDelegate")
class RecordSilenceDelegate implements JavaDelegate {

    private final DisputeHistory history;
    private final DisputeStore disputes;

    RecordSilenceDelegate(DisputeHistory history, DisputeStore disputes) {
        this.history = history;
        this.disputes = disputes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String disputeId = execution.getProcessBusinessKey();
        String silent = disputes.get(disputeId).informationFrom();
        // The decision table suggests again, now knowing who kept silent (platform-proposal.dmn)
        execution.setVariable(DisputeProcess.Vars.SILENT_PARTY, silent);
        history.record(disputeId, HistoryEvent.INFORMATION_NOT_PROVIDED, DisputeHistory.SYSTEM,
                silent + " did not answer in time; this counts against them.");
    }
}
