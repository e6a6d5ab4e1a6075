package org.opendispute.api;

import java.time.Instant;

/** A dispute in a list: enough to find it and see where it stands. */
public record DisputeSummary(String id, String orderId, String buyerId, String sellerId, String reason, String status,
                             String outcome, Instant openedAt, Instant updatedAt) {
}
