package org.opendispute.api;

import java.time.Instant;

/** An action the caller can take now, and until when. */
public record AllowedAction(Action action, Instant deadline) {
}
