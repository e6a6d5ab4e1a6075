package org.opendispute.dispute;

import static org.opendispute.dispute.DisputeProcess.Elements.ANSWER_REJECTION;
import static org.opendispute.dispute.DisputeProcess.Elements.CHOOSE_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.CONFIRM_RETURN_RECEIPT;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATE;
import static org.opendispute.dispute.DisputeProcess.Elements.PROVIDE_INFORMATION;
import static org.opendispute.dispute.DisputeProcess.Elements.RESHIP;
import static org.opendispute.dispute.DisputeProcess.Elements.RESPOND_AS_SELLER;
import static org.opendispute.dispute.DisputeProcess.Elements.REVIEW_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.SHIP_RETURN;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Who works each user task, from the store and never from a process variable (a task's assignee could
 * write those): the diagram's assignees are {@code ${disputeParties.buyer(execution)}} and the like, and
 * every completion is checked against the same answer, whichever route it came by.
 */
@Component("disputeParties")
public class DisputeParties {

    /** Who performs a user task of the diagram. */
    public enum Performer { BUYER, SELLER, PARTY_ASKED_FOR_INFORMATION, MEDIATOR }

    private static final Map<String, Performer> PERFORMERS = Map.of(
            RESPOND_AS_SELLER, Performer.SELLER,
            ANSWER_REJECTION, Performer.SELLER,
            REVIEW_PROPOSAL, Performer.BUYER,
            MEDIATE, Performer.MEDIATOR,
            PROVIDE_INFORMATION, Performer.PARTY_ASKED_FOR_INFORMATION,
            CHOOSE_PROPOSAL, Performer.BUYER,
            SHIP_RETURN, Performer.BUYER,
            CONFIRM_RETURN_RECEIPT, Performer.SELLER,
            RESHIP, Performer.SELLER);

    private final DisputeStore disputes;
    private final Actors actors;

    public DisputeParties(DisputeStore disputes, Actors actors) {
        this.disputes = disputes;
        this.actors = actors;
    }

    public String buyer(DelegateExecution execution) {
        return disputes.get(execution.getProcessBusinessKey()).buyerId();
    }

    public String seller(DelegateExecution execution) {
        return disputes.get(execution.getProcessBusinessKey()).sellerId();
    }

    /** The party the mediator asked, as the mediator's step recorded it in the store. */
    public String askedForInformation(DelegateExecution execution) {
        return partyAsked(disputes.get(execution.getProcessBusinessKey()));
    }

    /**
     * Refuses a completion by anyone but the task's performer (or an administrator). The platform itself,
     * acting with no user (timers, jobs, in-process callers), is not a party.
     */
    public void requirePerformer(DelegateTask task) {
        var actor = actors.authenticated();
        if (actor.isEmpty() || actor.get().in(Groups.ADMINS)) {
            return;
        }
        Performer performer = PERFORMERS.get(task.getTaskDefinitionKey());
        boolean allowed = performer == Performer.MEDIATOR ? actor.get().in(Groups.MEDIATORS)
                : performer != null && actor.get().userId().equals(expected(performer,
                        disputes.get(task.getExecution().getProcessBusinessKey())));
        if (!allowed) {
            throw new AuthorizationException(actor.get().userId() + " is not who works " + task.getTaskDefinitionKey()
                    + " of this dispute.");
        }
    }

    private static String expected(Performer performer, Dispute dispute) {
        return switch (performer) {
            case BUYER -> dispute.buyerId();
            case SELLER -> dispute.sellerId();
            case PARTY_ASKED_FOR_INFORMATION -> partyAsked(dispute);
            case MEDIATOR -> null;
        };
    }

    private static String partyAsked(Dispute dispute) {
        if (dispute.informationFrom() == null) {
            throw new IllegalStateException("No information request is recorded for " + dispute.id());
        }
        return "BUYER".equals(dispute.informationFrom()) ? dispute.buyerId() : dispute.sellerId();
    }
}
