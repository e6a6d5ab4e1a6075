package org.opendispute.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A query's answer, asked again at most once per period: a metrics scrape reads several gauges of one query, and
 * each scrape of each node would otherwise ask the database again.
 */
public final class Sampled<T> implements Supplier<T> {

    private final Supplier<T> query;
    private final Duration period;
    private final Clock clock;
    private T value;
    private Instant asked = Instant.MIN;

    public Sampled(Supplier<T> query, Duration period, Clock clock) {
        this.query = query;
        this.period = period;
        this.clock = clock;
    }

    @Override
    public synchronized T get() {
        Instant now = clock.instant();
        if (value == null || !now.isBefore(asked.plus(period))) {
            value = query.get();
            asked = now;
        }
        return value;
    }
}
