package org.opendispute.mediation;

import org.opendispute.dispute.MediatorAction;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_FROM;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_QUESTION;
import static org.opendispute.dispute.DisputeProcess.Fields.MEDIATOR_ACTION;
import static org.opendispute.dispute.DisputeProcess.Fields.OVERRIDE_JUSTIFICATION;
import static org.opendispute.dispute.DisputeProcess.Fields.PLATFORM_PROPOSAL_AMOUNT;
import static org.opendispute.dispute.DisputeProcess.Fields.PLATFORM_PROPOSAL_TYPE;

import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.opendispute.dispute.Actors;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.dispute.InvalidSubmissionException;
import org.opendispute.dispute.Party;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.Submission;
import org.opendispute.negotiation.ProposalStore;
import org.opendispute.negotiation.ProposalTerms;
import org.opendispute.order.Money;
import org.springframework.stereotype.Component;

/**
 * The mediator asks a party for information, or issues the platform's proposal: the decision table's
 * suggestion, or another one with a written justification.
 */
@Component("recordMediation")
class RecordMediation implements TaskListener {

    private final DisputeStore disputes;
    private final ProposalStore proposals;
    private final DisputeHistory history;
    private final Actors actors;

    RecordMediation(DisputeStore disputes, ProposalStore proposals, DisputeHistory history, Actors actors) {
        this.disputes = disputes;
        this.proposals = proposals;
        this.history = history;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        Submission submission = Submission.of(task);
        Dispute dispute = disputes.get(task.getExecution().getProcessBusinessKey());
        String mediator = actors.of(task);
        if (submission.required(MEDIATOR_ACTION) == MediatorAction.REQUEST_INFORMATION) {
            Party from = submission.required(INFORMATION_FROM);
            if (from == Party.PLATFORM) {
                throw new InvalidSubmissionException("invalid-choice", INFORMATION_FROM.name(), "Ask the buyer or the seller.");
            }
            disputes.recordInformationRequest(dispute.id(), from.name());
            history.record(dispute.id(), HistoryEvent.INFORMATION_REQUESTED, mediator,
                    from + ": " + submission.required(INFORMATION_QUESTION));
            return;
        }
        Optional<PlatformSuggestion> suggested = PlatformSuggestion.of(task, dispute);
        ResolutionType chosenType = submission.optional(PLATFORM_PROPOSAL_TYPE);
        if (suggested.isEmpty()) {
            // No rule of the decision table matched: the mediator's own proposal is the only one, nothing to justify
            ResolutionType type = submission.required(PLATFORM_PROPOSAL_TYPE);
            Money amount = ProposalTerms.amountFor(dispute, type,
                    type.hasChosenAmount() ? submission.required(PLATFORM_PROPOSAL_AMOUNT) : null,
                    PLATFORM_PROPOSAL_AMOUNT.name());
            propose(dispute, mediator, type, amount, submission.optional(OVERRIDE_JUSTIFICATION), false);
            return;
        }
        PlatformSuggestion suggestion = suggested.get();
        ResolutionType type = chosenType == null ? suggestion.type() : chosenType;
        Money amount = type == suggestion.type() && submission.optional(PLATFORM_PROPOSAL_AMOUNT) == null
                ? suggestion.amount()
                : ProposalTerms.amountFor(dispute, type,
                        type.hasChosenAmount() ? submission.required(PLATFORM_PROPOSAL_AMOUNT) : null,
                        PLATFORM_PROPOSAL_AMOUNT.name());
        boolean overridden = type != suggestion.type() || !Objects.equals(amount, suggestion.amount());
        String justification = overridden ? submission.optional(OVERRIDE_JUSTIFICATION) : null;
        if (overridden && justification == null) {
            throw new InvalidSubmissionException("justification-required", OVERRIDE_JUSTIFICATION.name(),
                    "A proposal other than the suggested " + suggestion.type()
                            + (suggestion.amount() == null ? "" : " of " + suggestion.amount()) + " needs a justification.");
        }
        propose(dispute, mediator, type, amount, justification, overridden);
    }

    private void propose(Dispute dispute, String mediator, ResolutionType type, Money amount,
                         String justification, boolean overridden) {
        proposals.propose(dispute.id(), Party.PLATFORM, mediator, type, amount, dispute.refundableAmount().currency(),
                justification);
        history.record(dispute.id(), overridden ? HistoryEvent.PLATFORM_PROPOSAL_OVERRIDDEN : HistoryEvent.PLATFORM_PROPOSAL_ISSUED, mediator,
                type + (amount == null ? "" : " " + amount) + (justification == null ? "" : ": " + justification));
    }
}
