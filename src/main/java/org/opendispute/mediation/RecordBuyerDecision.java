package org.opendispute.mediation;

import org.opendispute.dispute.Choice;
import static org.opendispute.dispute.DisputeProcess.Fields.CHOICE;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opendispute.dispute.Actors;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.Party;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.Resolutions;
import org.opendispute.dispute.Submission;
import org.opendispute.negotiation.Proposal;
import org.opendispute.negotiation.ProposalStore;
import org.springframework.stereotype.Component;

/**
 * The buyer chose between the platform's proposal and the seller's last one (a seller who only refused
 * stands for the seller's favour). Either choice ends the dispute with it.
 */
@Component("recordBuyerDecision")
class RecordBuyerDecision implements TaskListener {

    private final DisputeStore disputes;
    private final ProposalStore proposals;
    private final Resolutions resolutions;
    private final Actors actors;

    RecordBuyerDecision(DisputeStore disputes, ProposalStore proposals, Resolutions resolutions, Actors actors) {
        this.disputes = disputes;
        this.proposals = proposals;
        this.resolutions = resolutions;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        Dispute dispute = disputes.get(task.getExecution().getProcessBusinessKey());
        String buyer = actors.of(task);
        Proposal platform = proposals.latest(dispute.id(), Party.PLATFORM).orElseThrow();
        if (Submission.of(task).required(CHOICE) == Choice.PLATFORM) {
            proposals.decide(platform.id(), Proposal.State.ACCEPTED);
            resolutions.apply(task, dispute.id(), platform.type(), platform.amount(), buyer,
                    "The buyer chose the platform's proposal");
            return;
        }
        proposals.decide(platform.id(), Proposal.State.REJECTED);
        proposals.latest(dispute.id(), Party.SELLER).ifPresentOrElse(
                seller -> {
                    proposals.decide(seller.id(), Proposal.State.ACCEPTED);
                    resolutions.apply(task, dispute.id(), seller.type(), seller.amount(), buyer,
                            "The buyer chose the seller's proposal");
                },
                () -> resolutions.apply(task, dispute.id(), ResolutionType.SELLER_FAVOUR, null, buyer,
                        "The buyer chose the seller's position"));
    }
}
