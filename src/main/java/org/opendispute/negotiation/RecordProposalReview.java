package org.opendispute.negotiation;

import org.opendispute.dispute.BuyerVerdict;
import org.opendispute.dispute.Party;
import static org.opendispute.dispute.DisputeProcess.Fields.BUYER_VERDICT;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opendispute.dispute.Actors;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.dispute.InvalidSubmissionException;
import org.opendispute.dispute.Resolutions;
import org.opendispute.dispute.Submission;
import org.springframework.stereotype.Component;

/**
 * The buyer accepted the seller's proposal or refusal (the dispute ends with it) or rejected it (another round).
 */
@Component("recordProposalReview")
class RecordProposalReview implements TaskListener {

    private final ProposalStore proposals;
    private final Resolutions resolutions;
    private final DisputeHistory history;
    private final Actors actors;

    RecordProposalReview(ProposalStore proposals, Resolutions resolutions, DisputeHistory history, Actors actors) {
        this.proposals = proposals;
        this.resolutions = resolutions;
        this.history = history;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        String disputeId = task.getExecution().getProcessBusinessKey();
        String actor = actors.of(task);
        BuyerVerdict verdict = Submission.of(task).required(BUYER_VERDICT);
        var open = proposals.open(disputeId, Party.SELLER);
        if (verdict == BuyerVerdict.ACCEPT) {
            Proposal proposal = open.orElseThrow(() -> new InvalidSubmissionException("no-open-proposal", BUYER_VERDICT.name(),
                    "There is no open proposal of the seller to accept."));
            proposals.decide(proposal.id(), Proposal.State.ACCEPTED);
            resolutions.apply(task, disputeId, proposal.type(), proposal.amount(), actor,
                    "The buyer accepted the seller's proposal");
        } else {
            open.ifPresent(proposal -> proposals.decide(proposal.id(), Proposal.State.REJECTED));
            history.record(disputeId, HistoryEvent.BUYER_REJECTED, actor, "Asks the seller for another answer");
        }
    }
}
