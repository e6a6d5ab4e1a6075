package org.opendispute.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.opendispute.jdbc.SqlTime;
import org.opendispute.support.EmbeddedStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * A round of webhook deliveries on H2, the embedded default, whose SQL differs from PostgreSQL's (the suite's
 * database) in what it accepts: each dispute's oldest pending delivery, in event order, claimed once.
 */
class EmbeddedWebhookRoundTest {

    private static final String URL = "jdbc:h2:mem:webhook-round;DB_CLOSE_DELAY=-1";

    @Test
    void onH2ARoundTakesEachDisputesOldestPendingDeliveryOnce() {
        EmbeddedStore.migrate(URL);
        DriverManagerDataSource database = new DriverManagerDataSource(URL, "sa", "");
        JdbcClient jdbc = JdbcClient.create(database);
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
        WebhookDeliveries deliveries = new WebhookDeliveries(jdbc, clock, new JdbcTransactionManager(database));
        jdbc.sql("""
                INSERT INTO disputes.webhook_endpoint (endpoint_id, url, event_types, enabled, secret, created_by, created_at)
                VALUES ('we_h2', 'https://example.com/hooks', '*', TRUE, 'whsec_h2', 'integrator', CURRENT_TIMESTAMP)""")
                .update();
        // Two events of dispute A, one of B, one of no dispute (an order's)
        String[][] events = {{"evt_a1", "DSP-A", "1"}, {"evt_b1", "DSP-B", "1"}, {"evt_a2", "DSP-A", "2"}, {"evt_o1", null, null}};
        for (String[] event : events) {
            jdbc.sql("""
                    INSERT INTO disputes.dispute_event (event_id, type, dispute_id, dispute_version, occurred_at, body)
                    VALUES (?, 'dispute.status_changed', ?, ?, CURRENT_TIMESTAMP, '{}')""")
                    .params(event[0], event[1], event[2] == null ? null : Integer.valueOf(event[2])).update();
            jdbc.sql("""
                    INSERT INTO disputes.webhook_delivery (endpoint_id, event_seq, dispute_id, state, next_attempt_at, created_at)
                    SELECT 'we_h2', seq, dispute_id, 'PENDING', ?, CURRENT_TIMESTAMP FROM disputes.dispute_event
                    WHERE event_id = ?""").params(SqlTime.ts(clock.instant()), event[0]).update();
        }

        var round = deliveries.claimDue("we_h2", 10, clock.instant().plus(Duration.ofMinutes(1)));

        assertThat(round).extracting(WebhookDeliveries.Due::eventId).containsExactly("evt_a1", "evt_b1", "evt_o1");
        assertThat(deliveries.claimDue("we_h2", 10, clock.instant().plus(Duration.ofMinutes(1))))
                .as("what a round holds, no other takes").isEmpty();
    }
}
