package org.opendispute.negotiation;

import org.opendispute.dispute.Party;
import java.time.Instant;

public record Message(long id, String disputeId, String authorId, Party authorRole, String body,
                      boolean flaggedOffPlatform, boolean flaggedAbusive, Instant postedAt) {
}
