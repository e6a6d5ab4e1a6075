package org.opendispute.mediation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.Party;
import org.opendispute.dispute.Resolutions;
import org.opendispute.negotiation.Proposal;
import org.opendispute.negotiation.ProposalStore;
import org.springframework.stereotype.Component;

/** The buyer did not choose in time: the platform's proposal is applied (POLICY.md, Decision). */
@Component("applyPlatformProposalDelegate")
class ApplyPlatformProposalDelegate implements JavaDelegate {

    private final ProposalStore proposals;
    private final Resolutions resolutions;

    ApplyPlatformProposalDelegate(ProposalStore proposals, Resolutions resolutions) {
        this.proposals = proposals;
        this.resolutions = resolutions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String disputeId = execution.getProcessBusinessKey();
        Proposal platform = proposals.latest(disputeId, Party.PLATFORM).orElseThrow();
        proposals.decide(platform.id(), Proposal.State.ACCEPTED);
        resolutions.apply(execution, disputeId, platform.type(), platform.amount(), DisputeHistory.SYSTEM,
                "The buyer did not choose in time: the platform's proposal applies");
    }
}
