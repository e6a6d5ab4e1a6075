package org.opendispute.events;

import static org.opendispute.jdbc.SqlTime.secondsSince;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.opendispute.jdbc.Sampled;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The outbox's backlog: {@code disputes_events_backlog} deliveries not yet accepted by their endpoint (retries
 * included), and {@code disputes_events_oldest_undelivered_age_seconds}, how long ago the oldest of their events
 * occurred. Each attempt's result is counted by {@link WebhookOutcomes}.
 */
@Component
class EventMetrics implements MeterBinder {

    private record Backlog(long deliveries, double oldestAgeSeconds) {
    }

    private final Sampled<Backlog> backlog;

    EventMetrics(JdbcClient jdbc, Clock clock) {
        this.backlog = new Sampled<>(() -> {
            Instant now = clock.instant();
            return jdbc.sql("""
                    SELECT COUNT(*) AS deliveries, MIN(v.occurred_at) AS oldest FROM disputes.webhook_delivery d
                    JOIN disputes.dispute_event v ON v.seq = d.event_seq
                    JOIN disputes.webhook_endpoint e ON e.endpoint_id = d.endpoint_id AND e.enabled = TRUE
                    WHERE d.state = 'PENDING'""")
                    .query((rs, n) -> new Backlog(rs.getLong("deliveries"), secondsSince(rs.getTimestamp("oldest"), now)))
                    .single();
        }, Duration.ofSeconds(10), clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("disputes.events.backlog", backlog, sampled -> sampled.get().deliveries())
                .description("Webhook deliveries not yet accepted by their (enabled) endpoint").register(registry);
        Gauge.builder("disputes.events.oldest.undelivered.age", backlog, sampled -> sampled.get().oldestAgeSeconds())
                .baseUnit("seconds").description("Age of the oldest event not yet delivered").register(registry);
    }
}
