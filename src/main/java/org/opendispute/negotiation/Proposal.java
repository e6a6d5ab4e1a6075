package org.opendispute.negotiation;

import org.opendispute.dispute.Party;
import java.time.Instant;

import org.opendispute.dispute.ResolutionType;
import org.opendispute.order.Money;

public record Proposal(String id, String disputeId, Party by, String authorId, ResolutionType type, Money amount,
                       State state, String note, Instant createdAt) {

    public enum State { OPEN, ACCEPTED, REJECTED, SUPERSEDED }
}
