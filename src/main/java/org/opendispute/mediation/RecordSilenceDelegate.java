package org.opendispute.mediation;

import static org.opendispute.dispute.DisputeProcess.Vars.INFORMATION_FROM;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opendispute.dispute.DisputeHistory;
import org.springframework.stereotype.Component;

/** The party did not answer the mediator in time: recorded, and it counts against them. */
@Component("recordSilenceDelegate")
class RecordSilenceDelegate implements JavaDelegate {

    private final DisputeHistory history;

    RecordSilenceDelegate(DisputeHistory history) {
        this.history = history;
    }

    @Override
    public void execute(DelegateExecution execution) {
        history.record(execution.getProcessBusinessKey(), "INFORMATION_NOT_PROVIDED", DisputeHistory.SYSTEM,
                execution.getVariable(INFORMATION_FROM) + " did not answer in time; this counts against them.");
    }
}
