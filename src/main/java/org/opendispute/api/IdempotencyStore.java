package org.opendispute.api;

import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.opendispute.jdbc.ClusterSchedule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Answers to POST requests with an Idempotency-Key, per caller, kept for {@code disputes.idempotency.kept}
 * (default 24 hours). A claim holds for {@code disputes.idempotency.lease} (default 30 s): a node that dies
 * with a claim in hand blocks its retries no longer than that.
 */
@Repository
class IdempotencyStore {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lease;
    private final Duration kept;
    private final ClusterSchedule schedule;

    IdempotencyStore(JdbcClient jdbc, Clock clock,
                     @Value("${disputes.idempotency.lease:PT30S}") Duration lease,
                     @Value("${disputes.idempotency.kept:PT24H}") Duration kept, ClusterSchedule schedule) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lease = lease;
        this.kept = kept;
        this.schedule = schedule;
    }

    /** Claims the key for this request; false when the caller already used it. */
    boolean claim(String caller, String key, String requestHash) {
        Instant now = clock.instant();
        try {
            jdbc.sql("""
                    INSERT INTO disputes.api_idempotency (caller, idempotency_key, request_hash, created_at, lease_until)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(caller, key, requestHash, ts(now), ts(now.plus(lease)))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Takes over a claim whose lease ran out with neither an answer nor a committed outcome: the request
     * that held it died before its action committed, so running it again is safe. One retry wins.
     */
    boolean takeOver(String caller, String key, String requestHash) {
        Instant now = clock.instant();
        return jdbc.sql("""
                UPDATE disputes.api_idempotency SET lease_until = ?
                WHERE caller = ? AND idempotency_key = ? AND request_hash = ? AND status IS NULL
                  AND outcome_status IS NULL AND lease_until < ?""")
                .params(ts(now.plus(lease)), caller, key, requestHash, ts(now))
                .update() == 1;
    }

    Optional<Stored> find(String caller, String key) {
        return jdbc.sql("""
                SELECT request_hash, status, content_type, body, location, lease_until, outcome_status,
                  outcome_dispute_id FROM disputes.api_idempotency WHERE caller = ? AND idempotency_key = ?""")
                .params(caller, key)
                .query((rs, n) -> new Stored(rs.getString(1).trim(), (Integer) rs.getObject(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), instant(rs, "lease_until"), (Integer) rs.getObject(7),
                        rs.getString(8)))
                .optional();
    }

    /**
     * The action's result, written in the action's own transaction: if its answer is lost (the node dies
     * after the commit), a retry is answered from the store with this.
     */
    void recordOutcome(String caller, String key, int status, String disputeId) {
        jdbc.sql("""
                UPDATE disputes.api_idempotency SET outcome_status = ?, outcome_dispute_id = ?
                WHERE caller = ? AND idempotency_key = ?""")
                .params(status, disputeId, caller, key)
                .update();
    }

    void complete(String caller, String key, int status, String contentType, String body, String location) {
        jdbc.sql("""
                UPDATE disputes.api_idempotency SET status = ?, content_type = ?, body = ?, location = ?
                WHERE caller = ? AND idempotency_key = ?""")
                .params(status, contentType, body, location, caller, key)
                .update();
    }

    /** A request that failed on our side, or met a passing conflict, may be retried with the same key. */
    void release(String caller, String key) {
        jdbc.sql("DELETE FROM disputes.api_idempotency WHERE caller = ? AND idempotency_key = ? AND outcome_status IS NULL")
                .params(caller, key)
                .update();
    }

    /** Once an hour across the cluster; a node that died halfway leaves nothing a rerun does not finish. */
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void purgeOnSchedule() {
        schedule.runIfDue("idempotency-purge", Duration.ofHours(1), this::purgeExpired);
    }

    void purgeExpired() {
        jdbc.sql("DELETE FROM disputes.api_idempotency WHERE created_at < ?")
                .param(ts(clock.instant().minus(kept)))
                .update();
    }

    record Stored(String requestHash, Integer status, String contentType, String body, String location,
                  Instant leaseUntil, Integer outcomeStatus, String outcomeDisputeId) {

        boolean completed() {
            return status != null;
        }
    }
}
