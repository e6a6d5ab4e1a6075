package org.opendispute.resolution;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.Resolutions;
import org.springframework.stereotype.Component;

/** The seller did not reship in time: a full refund is issued instead. */
@Component("convertToFullRefundDelegate")
class ConvertToFullRefundDelegate implements JavaDelegate {

    private final DisputeStore disputes;
    private final Resolutions resolutions;

    ConvertToFullRefundDelegate(DisputeStore disputes, Resolutions resolutions) {
        this.disputes = disputes;
        this.resolutions = resolutions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Dispute dispute = disputes.get(execution.getProcessBusinessKey());
        resolutions.apply(execution, dispute.id(), ResolutionType.FULL_REFUND, dispute.refundableAmount(),
                DisputeHistory.SYSTEM, "The seller did not reship in time");
    }
}
