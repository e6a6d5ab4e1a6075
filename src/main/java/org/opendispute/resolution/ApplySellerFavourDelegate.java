package org.opendispute.resolution;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.Resolutions;
import org.springframework.stereotype.Component;

/** The buyer did not ship the return in time: the dispute closes in the seller's favour. */
@Component("applySellerFavourDelegate")
class ApplySellerFavourDelegate implements JavaDelegate {

    private final Resolutions resolutions;

    ApplySellerFavourDelegate(Resolutions resolutions) {
        this.resolutions = resolutions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        resolutions.apply(execution, execution.getProcessBusinessKey(), ResolutionType.SELLER_FAVOUR, null,
                DisputeHistory.SYSTEM, "The return was not shipped in time");
    }
}
