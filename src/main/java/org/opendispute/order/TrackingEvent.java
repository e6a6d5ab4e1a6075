package org.opendispute.order;

import java.time.Instant;

/** What a carrier reported about a shipment: of the order itself, or of a return. */
public record TrackingEvent(String orderId, String carrier, String trackingNumber, Kind kind, String description,
                            Instant occurredAt) {

    public enum Kind { IN_TRANSIT, DELIVERED, RETURNED_BY_CUSTOMS, LOST }
}
