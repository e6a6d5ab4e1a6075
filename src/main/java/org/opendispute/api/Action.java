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
    RESPOND(Elements.RESPOND_AS_SELLER, null, EnumSet.of(SELLER, ADMIN)),
    ACCEPT_PROPOSAL(Elements.REVIEW_PROPOSAL, null, EnumSet.of(BUYER, ADMIN)),
    REJECT_PROPOSAL(Elements.REVIEW_PROPOSAL, null, EnumSet.of(BUYER, ADMIN)),
    ESCALATE(null, Messages.BUYER_ESCALATES, EnumSet.of(BUYER, ADMIN)),
    CANCEL(null, Messages.BUYER_CANCELS, EnumSet.of(BUYER, ADMIN)),
    DECIDE(Elements.CHOOSE_PROPOSAL, null, EnumSet.of(BUYER, ADMIN)),
    PROVIDE_INFORMATION(Elements.PROVIDE_INFORMATION, null, EnumSet.of(BUYER, SELLER, ADMIN)),
    SHIP_RETURN(Elements.SHIP_RETURN, null, EnumSet.of(BUYER, ADMIN)),
    CONFIRM_RETURN_RECEIPT(Elements.CONFIRM_RETURN_RECEIPT, null, EnumSet.of(SELLER, ADMIN)),
    RESHIP(Elements.RESHIP, null, EnumSet.of(SELLER, ADMIN)),
    POST_MESSAGE(null, Messages.PARTY_MESSAGE_POSTED, EnumSet.of(BUYER, SELLER, MEDIATOR, ADMIN)),
    ADD_EVIDENCE(null, null, EnumSet.of(BUYER, SELLER, ADMIN));

    private final String taskKey;
    private final String message;
    private final Set<Role> roles;

    Action(String taskKey, String message, Set<Role> roles) {
        this.taskKey = taskKey;
        this.message = message;
        this.roles = roles;
    }

    /** The user task this action completes, or null. */
    public String taskKey() {
        return taskKey;
    }

    /** The message this action correlates, or null. */
    public String message() {
        return message;
    }

    public boolean permits(Role role) {
        return roles.contains(role);
    }
}
