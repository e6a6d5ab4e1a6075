package org.opendispute.negotiation;

import org.opendispute.dispute.Party;
import org.opendispute.dispute.SellerAction;
import static org.opendispute.dispute.DisputeProcess.Fields.PROPOSAL_AMOUNT;
import static org.opendispute.dispute.DisputeProcess.Fields.PROPOSAL_CURRENCY;
import static org.opendispute.dispute.DisputeProcess.Fields.PROPOSAL_TYPE;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_ACTION;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_REASON;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opendispute.dispute.Actors;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.dispute.InvalidSubmissionException;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.Resolutions;
import org.opendispute.dispute.Submission;
import org.opendispute.order.Money;
import org.springframework.stereotype.Component;

/** The seller answered: accepts the buyer's request, proposes something else, or refuses with reasons. */
@Component("recordSellerResponse")
class RecordSellerResponse implements TaskListener {

    private final DisputeStore disputes;
    private final ProposalStore proposals;
    private final Resolutions resolutions;
    private final DisputeHistory history;
    private final Actors actors;

    RecordSellerResponse(DisputeStore disputes, ProposalStore proposals, Resolutions resolutions,
                         DisputeHistory history, Actors actors) {
        this.disputes = disputes;
        this.proposals = proposals;
        this.resolutions = resolutions;
        this.history = history;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        Submission submission = Submission.of(task);
        Dispute dispute = disputes.get(task.getExecution().getProcessBusinessKey());
        String actor = actors.of(task);
        SellerAction action = submission.required(SELLER_ACTION);
        disputes.markSellerAnswered(dispute.id());
        switch (action) {
            case ACCEPT -> resolutions.applyBuyerRequest(task, dispute, actor, "The seller accepted the buyer's request");
            case PROPOSE -> {
                ResolutionType type = submission.required(PROPOSAL_TYPE);
                if (type == ResolutionType.SELLER_FAVOUR) {
                    throw new InvalidSubmissionException("invalid-choice", PROPOSAL_TYPE.name(),
                            "To propose nothing, refuse the request with reasons.");
                }
                Money amount = ProposalTerms.amountFor(dispute, type,
                        type.hasChosenAmount() ? submission.required(PROPOSAL_AMOUNT) : null,
                        submission.optional(PROPOSAL_CURRENCY), PROPOSAL_AMOUNT.name());
                Proposal proposal = proposals.propose(dispute.id(), Party.SELLER, actor, type, amount,
                        dispute.refundableAmount().currency(), submission.optional(SELLER_REASON));
                history.record(dispute.id(), HistoryEvent.SELLER_PROPOSED, actor,
                        type + (amount == null ? "" : " " + amount) + " (" + proposal.id() + ")");
            }
            case REFUSE -> {
                // A refusal stands as the seller's position: nothing refunded. The buyer may accept or reject it.
                String reason = submission.required(SELLER_REASON);
                proposals.propose(dispute.id(), Party.SELLER, actor, ResolutionType.SELLER_FAVOUR, null,
                        dispute.refundableAmount().currency(), reason);
                history.record(dispute.id(), HistoryEvent.SELLER_REFUSED, actor, reason);
            }
        }
    }
}
