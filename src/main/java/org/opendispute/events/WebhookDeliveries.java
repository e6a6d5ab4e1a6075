package org.opendispute.events;

import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each event's delivery to each endpoint: its attempts, its last answer and its next try. A node claims a
 * delivery in the database before it sends it, so one node sends it however many run; a node that dies gives its
 * claims back when they run out.
 */
@Repository
public class WebhookDeliveries {

    public enum State { PENDING, DELIVERED, FAILED }

    /** A delivery as the endpoint's log shows it. */
    public record Delivery(long id, String endpointId, String eventId, String eventType, String disputeId,
                           State state, int attempts, Integer lastStatus, String lastError, Instant nextAttemptAt,
                           Instant deliveredAt) {
    }

    /** A due delivery, with what is sent. */
    record Due(long id, long eventSeq, String disputeId, String eventId, String body, int attempts) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;

    WebhookDeliveries(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The enabled endpoints with a delivery due now: one look each at the due end of ix_delivery_pending_due. A
     * delivery is never due before the one its dispute waits for ({@link #retryAt}, {@code EventOutbox}), so an endpoint
     * whose deliveries all wait for a retry costs that look, however many wait.
     */
    List<String> endpointsDue() {
        return jdbc.sql("""
                SELECT e.endpoint_id FROM disputes.webhook_endpoint e
                WHERE e.enabled = TRUE
                  AND EXISTS (SELECT 1 FROM disputes.webhook_delivery d
                              WHERE d.endpoint_id = e.endpoint_id AND d.state = 'PENDING' AND d.next_attempt_at <= ?)""")
                .param(ts(clock.instant())).query(String.class).list();
    }

    /**
     * The deliveries a round may take, locked until the round is claimed: the endpoint's pending ones due now that no
     * node holds, each the oldest unsent event of its dispute (a dispute's events reach an endpoint in order; one
     * waiting for a retry holds back the later ones, which are due no earlier). It walks the endpoint's due deliveries
     * from the longest due and stops once the round is full, so it costs the round, not the backlog.
     */
    private static final String ROUND = """
            SELECT d.delivery_id FROM disputes.webhook_delivery d
            WHERE d.endpoint_id = :endpoint AND d.state = 'PENDING' AND d.next_attempt_at <= :now
              AND (d.claimed_until IS NULL OR d.claimed_until < :now)
              AND (d.dispute_id IS NULL -- an order's event: no order to keep
                   OR d.event_seq = (SELECT MIN(oldest.event_seq) FROM disputes.webhook_delivery oldest
                                     WHERE oldest.endpoint_id = d.endpoint_id AND oldest.dispute_id = d.dispute_id
                                       AND oldest.state = 'PENDING'))
            ORDER BY d.next_attempt_at, d.event_seq
            FETCH FIRST :limit ROWS ONLY
            FOR UPDATE""";

    /**
     * Claims a round of the endpoint's deliveries ({@link #ROUND}) and answers them, in one short transaction: the
     * round's rows stay locked from the moment they are chosen until they are marked claimed, so two nodes never hold
     * the same delivery. Each statement reads its rows by what selects them alone: the claim and the read-back go by
     * the round's ids. (One UPDATE with the round as its subquery, planned from statistics of a quiet moment, read every
     * pending delivery, or ran the subquery again for each of them: a round cost in proportion to the backlog.)
     */
    List<Due> claimDue(String endpointId, int limit, Instant until) {
        return transaction.execute(status -> {
            List<Long> round = jdbc.sql(ROUND)
                    .param("endpoint", endpointId)
                    .param("now", ts(clock.instant()))
                    .param("limit", limit)
                    .query(Long.class).list();
            if (round.isEmpty()) {
                return List.of();
            }
            jdbc.sql("UPDATE disputes.webhook_delivery SET claimed_until = :until WHERE delivery_id IN (:round)")
                    .param("until", ts(until)).param("round", round).update();
            // Each delivery by its id and its event by its key: a join here may be planned as a merge of both tables
            return jdbc.sql("""
                    SELECT d.delivery_id, d.event_seq, d.dispute_id, d.attempts,
                           (SELECT v.event_id FROM disputes.dispute_event v WHERE v.seq = d.event_seq) AS event_id,
                           (SELECT v.body FROM disputes.dispute_event v WHERE v.seq = d.event_seq) AS body
                    FROM disputes.webhook_delivery d
                    WHERE d.delivery_id IN (:round) ORDER BY d.event_seq""")
                    .param("round", round)
                    .query((rs, n) -> new Due(rs.getLong("delivery_id"), rs.getLong("event_seq"), rs.getString("dispute_id"),
                            rs.getString("event_id"), rs.getString("body"), rs.getInt("attempts")))
                    .list();
        });
    }

    /** The endpoint took these (each answered {@code status}): one update for the round. */
    void delivered(Collection<Long> deliveryIds, int status) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE disputes.webhook_delivery SET state = 'DELIVERED', attempts = attempts + 1, last_status = :status,
                  last_error = NULL, delivered_at = :now, claimed_until = NULL
                WHERE delivery_id IN (:ids)""")
                .param("status", status)
                .param("now", ts(clock.instant()))
                .param("ids", deliveryIds)
                .update();
    }

    /**
     * The delivery is tried again at {@code next}; the later ones of its dispute wait until then too, so that a round
     * or a look for due deliveries never reads them before.
     */
    void retryAt(String endpointId, Due delivery, Integer status, String error, Instant next) {
        transaction.executeWithoutResult(retry -> {
            jdbc.sql("""
                    UPDATE disputes.webhook_delivery SET attempts = attempts + 1, last_status = ?, last_error = ?,
                      next_attempt_at = ?, claimed_until = NULL
                    WHERE delivery_id = ?""")
                    .params(status, error, ts(next), delivery.id()).update();
            if (delivery.disputeId() != null) {
                jdbc.sql("""
                        UPDATE disputes.webhook_delivery SET next_attempt_at = :next
                        WHERE endpoint_id = :endpoint AND dispute_id = :dispute AND state = 'PENDING'
                          AND event_seq > :seq AND next_attempt_at < :next""")
                        .param("next", ts(next))
                        .param("endpoint", endpointId)
                        .param("dispute", delivery.disputeId())
                        .param("seq", delivery.eventSeq())
                        .update();
            }
        });
    }

    void failed(long deliveryId, Integer status, String error) {
        jdbc.sql("""
                UPDATE disputes.webhook_delivery SET state = 'FAILED', attempts = attempts + 1, last_status = ?,
                  last_error = ?, claimed_until = NULL
                WHERE delivery_id = ?""")
                .params(status, error, deliveryId).update();
    }

    /** Sends the delivery again, now, with a fresh retry schedule. */
    public boolean redeliver(String endpointId, long deliveryId) {
        return jdbc.sql("""
                UPDATE disputes.webhook_delivery SET state = 'PENDING', attempts = 0, next_attempt_at = ?, claimed_until = NULL
                WHERE delivery_id = ? AND endpoint_id = ?""")
                .params(ts(clock.instant()), deliveryId, endpointId).update() == 1;
    }

    /** The endpoint's log, newest first. */
    public List<Delivery> log(String endpointId, int limit) {
        return jdbc.sql("""
                SELECT d.*, v.event_id, v.type FROM disputes.webhook_delivery d
                JOIN disputes.dispute_event v ON v.seq = d.event_seq
                WHERE d.endpoint_id = ? ORDER BY d.event_seq DESC FETCH FIRST ? ROWS ONLY""")
                .params(endpointId, limit)
                .query(WebhookDeliveries::delivery).list();
    }

    private static Delivery delivery(ResultSet rs, int n) throws SQLException {
        State state = State.valueOf(rs.getString("state"));
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new Delivery(rs.getLong("delivery_id"), rs.getString("endpoint_id"), rs.getString("event_id"),
                rs.getString("type"), rs.getString("dispute_id"), state, rs.getInt("attempts"),
                lastStatus, rs.getString("last_error"),
                state == State.PENDING ? instant(rs, "next_attempt_at") : null, instant(rs, "delivered_at"));
    }
}
