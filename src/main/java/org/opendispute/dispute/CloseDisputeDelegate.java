package org.opendispute.dispute;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opendispute.order.Money;
import org.springframework.stereotype.Component;

/** Closes a resolved dispute: its outcome (which the statistics views count), no deadline left running. */
@Component("closeDisputeDelegate")
class CloseDisputeDelegate implements JavaDelegate {

    private final DisputeStore disputes;
    private final Deadlines deadlines;
    private final DisputeHistory history;

    CloseDisputeDelegate(DisputeStore disputes, Deadlines deadlines, DisputeHistory history) {
        this.disputes = disputes;
        this.deadlines = deadlines;
        this.history = history;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Dispute dispute = disputes.get(execution.getProcessBusinessKey());
        Outcome outcome = outcomeOf(dispute);
        disputes.close(dispute.id(), DisputeStatus.RESOLVED, outcome);
        deadlines.endAll(dispute.id());
        history.record(dispute.id(), HistoryEvent.RESOLVED, DisputeHistory.SYSTEM, outcome.name());
    }

    static Outcome outcomeOf(Dispute dispute) {
        Money amount = dispute.resolutionAmount();
        return switch (dispute.resolutionType()) {
            case RESHIPMENT -> Outcome.RESHIPPED;
            case SELLER_FAVOUR -> Outcome.SELLER_FAVOUR;
            case FULL_REFUND, PARTIAL_REFUND, RETURN_AND_REFUND ->
                    amount != null && amount.compareTo(dispute.refundableAmount()) >= 0
                            ? Outcome.FULL_REFUND : Outcome.PARTIAL_REFUND;
        };
    }
}
