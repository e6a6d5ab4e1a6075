package org.opendispute.api;

import static org.opendispute.api.Role.ADMIN;
import static org.opendispute.api.Role.BUYER;
import static org.opendispute.api.Role.MEDIATOR;
import static org.opendispute.api.Role.SELLER;

import java.util.EnumSet;
import java.util.Set;

import org.opendispute.dispute.DisputeProcess.Elements;
import org.opendispute.dispute.DisputeProcess.Messages;

/**
 * What a caller can do to a dispute through the API, who may ever do it, and what it does in the process:
 * complete a user task or correlate a message. Whether it is possible <em>now</em> the engine decides.
 */
public enum Action {
    RESPOND(Set.of(Elements.RESPOND_AS_SELLER, Elements.ANSWER_REJECTION), null, EnumSet.of(SELLER, ADMIN)),
    ACCEPT_PROPOSAL(Set.of(Elements.REVIEW_PROPOSAL), null, EnumSet.of(BUYER, ADMIN)),
    REJECT_PROPOSAL(Set.of(Elements.REVIEW_PROPOSAL), null, EnumSet.of(BUYER, ADMIN)),
    ESCALATE(Set.of(), Messages.BUYER_ESCALATES, EnumSet.of(BUYER, ADMIN)),
    CANCEL(Set.of(), Messages.BUYER_CANCELS, EnumSet.of(BUYER, ADMIN)),
    DECIDE(Set.of(Elements.CHOOSE_PROPOSAL), null, EnumSet.of(BUYER, ADMIN)),
    PROVIDE_INFORMATION(Set.of(Elements.PROVIDE_INFORMATION), null, EnumSet.of(BUYER, SELLER, ADMIN)),
    SHIP_RETURN(Set.of(Elements.SHIP_RETURN), null, EnumSet.of(BUYER, ADMIN)),
    CONFIRM_RETURN_RECEIPT(Set.of(Elements.CONFIRM_RETURN_RECEIPT), null, EnumSet.of(SELLER, ADMIN)),
    RESHIP(Set.of(Elements.RESHIP), null, EnumSet.of(SELLER, ADMIN)),
    POST_MESSAGE(Set.of(), Messages.PARTY_MESSAGE_POSTED, EnumSet.of(BUYER, SELLER, MEDIATOR, ADMIN)),
    ADD_EVIDENCE(Set.of(), null, EnumSet.of(BUYER, SELLER, ADMIN));

    private final Set<String> taskKeys;
    private final String message;
    private final Set<Role> roles;

    Action(Set<String> taskKeys, String message, Set<Role> roles) {
        this.taskKeys = taskKeys;
        this.message = message;
        this.roles = roles;
    }

    /** Whether this action completes a user task (else it correlates a message, or neither). */
    public boolean completesTask() {
        return !taskKeys.isEmpty();
    }

    /** Whether this action completes the user task of this diagram id. */
    public boolean completes(String taskKey) {
        return taskKeys.contains(taskKey);
    }

    /** The message this action correlates, or null. */
    public String message() {
        return message;
    }

    public boolean permits(Role role) {
        return roles.contains(role);
    }
}
