package org.opendispute.api;

import java.time.Instant;

import org.opendispute.order.TrackingEvent;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A carrier's event about the order's shipment or a return shipment (matched by tracking number). */
public record TrackingEventRequest(
        @Size(max = 64) @Schema(example = "DHL") String carrier,
        @Size(max = 128) @Schema(example = "JJD000390007") String trackingNumber,
        @NotNull @Schema(example = "DELIVERED") TrackingEvent.Kind kind,
        @Size(max = 512) @Schema(example = "Delivered to the front door") String description,
        @NotNull @Schema(example = "2026-03-05T14:20:00Z") Instant occurredAt) {
}
