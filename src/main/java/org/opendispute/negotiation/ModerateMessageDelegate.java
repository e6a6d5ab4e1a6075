package org.opendispute.negotiation;

import static org.opendispute.dispute.DisputeProcess.Vars.MESSAGE_AUTHOR;
import static org.opendispute.dispute.DisputeProcess.Vars.MESSAGE_BODY;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opendispute.dispute.Accounts;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputePolicy;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.dispute.Party;
import org.springframework.stereotype.Component;

/**
 * Keeps a party's message with its moderation flags. A flagged message is shown to the mediators, and
 * the buyer is warned that refunds happen only through the dispute.
 */
@Component("moderateMessageDelegate")
class ModerateMessageDelegate implements JavaDelegate {

    private final DisputeStore disputes;
    private final MessageStore messages;
    private final MessageModerator moderator;
    private final DisputeHistory history;
    private final Accounts accounts;
    private final DisputePolicy policy;
    private final Clock clock;

    ModerateMessageDelegate(DisputeStore disputes, MessageStore messages, MessageModerator moderator,
                            DisputeHistory history, Accounts accounts, DisputePolicy policy, Clock clock) {
        this.accounts = accounts;
        this.policy = policy;
        this.clock = clock;
        this.disputes = disputes;
        this.messages = messages;
        this.moderator = moderator;
        this.history = history;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Dispute dispute = disputes.get(execution.getProcessBusinessKey());
        String author = (String) execution.getVariable(MESSAGE_AUTHOR);
        String body = (String) execution.getVariable(MESSAGE_BODY);
        Party role = author.equals(dispute.sellerId()) ? Party.SELLER
                : author.equals(dispute.buyerId()) ? Party.BUYER : Party.PLATFORM;
        MessageModerator.Verdict verdict = moderator.moderate(body);
        messages.add(dispute.id(), author, role, body, verdict);
        history.record(dispute.id(), HistoryEvent.MESSAGE_POSTED, author, verdict.flagged() ? "flagged for the mediators" : null);
        if (verdict.flagged() && messages.countFlaggedOfAuthorSince(author, clock.instant().minus(policy.abuseWindow()))
                >= policy.flaggedMessagesForReview()) {
            accounts.markBuyerForReview(author, "Messages flagged by moderation again and again");
        }
        if (verdict.offPlatform()) {
            history.record(dispute.id(), HistoryEvent.BUYER_WARNED, DisputeHistory.SYSTEM,
                    "Refunds happen only through the dispute: never settle outside the platform.");
        }
    }
}
