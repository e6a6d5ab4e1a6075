package org.opendispute.api;

import static org.opendispute.config.SqlTime.ts;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/** First answers to POST requests with an Idempotency-Key, per caller, kept for 24 hours. */
@Repository
class IdempotencyStore {

    static final Duration KEPT = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Claims the key for this request; false when the caller already used it. */
    boolean claim(String caller, String key, String requestHash) {
        try {
            jdbc.sql("""
                    INSERT INTO disputes.api_idempotency (caller, idempotency_key, request_hash, created_at)
                    VALUES (?, ?, ?, ?)""")
                    .params(caller, key, requestHash, ts(clock.instant()))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<Stored> find(String caller, String key) {
        return jdbc.sql("""
                SELECT request_hash, status, content_type, body FROM disputes.api_idempotency
                WHERE caller = ? AND idempotency_key = ?""")
                .params(caller, key)
                .query((rs, n) -> new Stored(rs.getString(1).trim(), (Integer) rs.getObject(2), rs.getString(3),
                        rs.getString(4)))
                .optional();
    }

    void complete(String caller, String key, int status, String contentType, String body) {
        jdbc.sql("""
                UPDATE disputes.api_idempotency SET status = ?, content_type = ?, body = ?
                WHERE caller = ? AND idempotency_key = ?""")
                .params(status, contentType, body, caller, key)
                .update();
    }

    /** A request that failed on our side may be retried with the same key. */
    void release(String caller, String key) {
        jdbc.sql("DELETE FROM disputes.api_idempotency WHERE caller = ? AND idempotency_key = ?")
                .params(caller, key)
                .update();
    }

    @Scheduled(fixedDelayString = "PT1H")
    void purgeExpired() {
        jdbc.sql("DELETE FROM disputes.api_idempotency WHERE created_at < ?")
                .param(ts(clock.instant().minus(KEPT)))
                .update();
    }

    record Stored(String requestHash, Integer status, String contentType, String body) {
        boolean completed() {
            return status != null;
        }
    }
}
