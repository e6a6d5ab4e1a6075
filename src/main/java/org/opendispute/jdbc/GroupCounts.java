package org.opendispute.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A gauge per value of an enum, read from one {@code SELECT key, COUNT(*) … GROUP BY key}, asked at most every
 * 10 s however many gauges and scrapes read it; a value no row has counts 0.
 */
public final class GroupCounts {

    private static final Duration SAMPLE = Duration.ofSeconds(10);

    private final Sampled<Map<String, Long>> counts;

    public GroupCounts(JdbcClient jdbc, String sql, Clock clock) {
        this.counts = new Sampled<>(() -> {
            Map<String, Long> byKey = new HashMap<>();
            jdbc.sql(sql).query(rs -> {
                byKey.put(rs.getString(1), rs.getLong(2));
            });
            return byKey;
        }, SAMPLE, clock);
    }

    public void register(MeterRegistry registry, String name, String description, String tag, Enum<?>... values) {
        for (Enum<?> value : values) {
            Gauge.builder(name, counts, sampled -> sampled.get().getOrDefault(value.name(), 0L))
                    .description(description).tag(tag, value.name()).register(registry);
        }
    }
}
