package org.opendispute.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of the application: the engine's. Process tests move it with {@link ClockUtil},
 * and the store's date rules follow; in production it is the system clock. Always UTC.
 */
public final class EngineClock extends Clock {

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("OpenDispute computes in UTC only");
    }

    @Override
    public Instant instant() {
        return ClockUtil.now().toInstant();
    }
}
