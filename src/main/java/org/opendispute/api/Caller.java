package org.opendispute.api;

import java.util.Set;

import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.Groups;
import org.springframework.http.HttpStatus;

/** The authenticated user of a request, with the groups of the identity store. */
public record Caller(String userId, Set<String> groups) {

    public boolean isStaff() {
        return groups.contains(Groups.ADMINS) || groups.contains(Groups.MEDIATORS);
    }

    public boolean in(String group) {
        return groups.contains(group);
    }

    /** Refuses anyone but the marketplace's backend (integrators) and administrators, with this reason. */
    void requireIntegratorOrAdmin(String refusal) {
        if (!in(Groups.INTEGRATORS) && !in(Groups.ADMINS)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", refusal);
        }
    }

    /** The part this caller plays for the dispute: a party first, then staff; NONE may not even see it. */
    public Role roleFor(Dispute dispute) {
        if (groups.contains(Groups.ADMINS)) {
            return Role.ADMIN;
        }
        if (userId.equals(dispute.buyerId())) {
            return Role.BUYER;
        }
        if (userId.equals(dispute.sellerId())) {
            return Role.SELLER;
        }
        if (groups.contains(Groups.MEDIATORS)) {
            return Role.MEDIATOR;
        }
        if (groups.contains(Groups.INTEGRATORS)) {
            return Role.INTEGRATOR;
        }
        return Role.NONE;
    }
}
