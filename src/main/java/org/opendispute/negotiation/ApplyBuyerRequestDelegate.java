package org.opendispute.negotiation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.Resolutions;
import org.springframework.stereotype.Component;

/** The seller did not answer in time: the buyer's request is executed (POLICY.md, Negotiation). */
@Component("applyBuyerRequestDelegate")
class ApplyBuyerRequestDelegate implements JavaDelegate {

    private final DisputeStore disputes;
    private final Resolutions resolutions;

    ApplyBuyerRequestDelegate(DisputeStore disputes, Resolutions resolutions) {
        this.disputes = disputes;
        this.resolutions = resolutions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        resolutions.applyBuyerRequest(execution, disputes.get(execution.getProcessBusinessKey()), DisputeHistory.SYSTEM,
                "The seller did not answer in time");
    }
}
