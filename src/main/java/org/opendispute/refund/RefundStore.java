package org.opendispute.refund;

import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;

import org.opendispute.order.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds: one row per dispute (the unique dispute id), one idempotency key per attempt. The states a provider
 * call may leave behind ({@code SUBMITTED}, {@code UNKNOWN}) commit on their own, so that a rollback of the
 * refund's step, or a node that dies, cannot erase that a call was made.
 */
@Repository
public class RefundStore {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate committedAtOnce;

    public RefundStore(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.committedAtOnce = new TransactionTemplate(transactions);
        this.committedAtOnce.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public static String idempotencyKey(String disputeId, int attempt) {
        return "refund:" + disputeId + (attempt == 1 ? "" : ":" + attempt);
    }

    /**
     * The intent to refund, in the transaction of the decision: a new row, or, after a refused attempt, the
     * next attempt under a new key. A refund already intended or made is answered as it is.
     */
    public Refund intend(String disputeId, Money amount, String paymentMethod, String paymentReference,
                         LocalDate expectedArrival) {
        Optional<Refund> earlier = ofDispute(disputeId);
        if (earlier.isPresent() && earlier.get().state() != Refund.State.FAILED) {
            return earlier.get();
        }
        int attempt = earlier.map(refund -> refund.attempt() + 1).orElse(1);
        String key = idempotencyKey(disputeId, attempt);
        // As the column keeps it, so that the refund answered is the refund stored
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (earlier.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO disputes.refund (refund_id, dispute_id, idempotency_key, attempt, amount, currency,
                      payment_method, payment_reference, state, expected_arrival_date, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                    .params(UUID.randomUUID().toString(), disputeId, key, attempt, amount.amount(),
                            amount.currency().getCurrencyCode(), paymentMethod, paymentReference,
                            java.sql.Date.valueOf(expectedArrival), ts(createdAt))
                    .update();
        } else {
            jdbc.sql("""
                    UPDATE disputes.refund SET idempotency_key = ?, attempt = ?, amount = ?, currency = ?,
                      payment_method = ?, payment_reference = ?, state = 'PENDING', provider_reference = NULL,
                      failure_reason = NULL, expected_arrival_date = ?, created_at = ?, issued_at = NULL
                    WHERE dispute_id = ?""")
                    .params(key, attempt, amount.amount(), amount.currency().getCurrencyCode(), paymentMethod,
                            paymentReference, java.sql.Date.valueOf(expectedArrival), ts(createdAt), disputeId)
                    .update();
        }
        return ofDispute(disputeId).orElseThrow();
    }

    /** Committed at once, before the provider is called. */
    public void markSubmitted(String refundId) {
        committedAtOnce.executeWithoutResult(status -> setState(refundId, Refund.State.SUBMITTED, null));
    }

    /** Handed to the marketplace's worker, with the step that hands it over: from its commit on it may be paid. */
    public void markHandedOver(String refundId) {
        setState(refundId, Refund.State.SUBMITTED, null);
    }

    /** Committed at once: the step that made the call rolls back and is retried. */
    public void markUnknown(String refundId, String detail) {
        committedAtOnce.executeWithoutResult(status -> setState(refundId, Refund.State.UNKNOWN, detail));
    }

    public void markFailed(String refundId, String reason) {
        setState(refundId, Refund.State.FAILED, reason);
    }

    public void markSucceeded(String refundId, String providerReference) {
        jdbc.sql("""
                UPDATE disputes.refund SET state = 'SUCCEEDED', provider_reference = ?, failure_reason = NULL,
                  issued_at = ? WHERE refund_id = ?""")
                .params(providerReference, ts(clock.instant()), refundId)
                .update();
    }

    private void setState(String refundId, Refund.State state, String reason) {
        jdbc.sql("UPDATE disputes.refund SET state = ?, failure_reason = ? WHERE refund_id = ?")
                .params(state.name(), reason == null ? null : abbreviate(reason), refundId)
                .update();
    }

    /** What the order's other disputes refund or may have refunded: every attempt but the refused ones. */
    public BigDecimal refundedForOrderBesides(String orderId, String disputeId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(r.amount), 0) FROM disputes.refund r JOIN disputes.dispute d ON d.dispute_id = r.dispute_id
                WHERE d.order_id = ? AND r.dispute_id <> ? AND r.state <> 'FAILED'""")
                .params(orderId, disputeId)
                .query(BigDecimal.class)
                .single();
    }

    public Optional<Refund> ofDispute(String disputeId) {
        return jdbc.sql("SELECT * FROM disputes.refund WHERE dispute_id = ?")
                .param(disputeId)
                .query((rs, n) -> map(rs))
                .optional();
    }

    public long countOfDispute(String disputeId) {
        return jdbc.sql("SELECT COUNT(*) FROM disputes.refund WHERE dispute_id = ?")
                .param(disputeId)
                .query(Long.class)
                .single();
    }

    private static Refund map(ResultSet rs) throws SQLException {
        return new Refund(rs.getString("refund_id"), rs.getString("dispute_id"), rs.getString("idempotency_key"),
                rs.getInt("attempt"),
                Money.rounded(rs.getBigDecimal("amount"), Currency.getInstance(rs.getString("currency").trim())),
                rs.getString("payment_method"), rs.getString("payment_reference"),
                Refund.State.valueOf(rs.getString("state")), rs.getString("provider_reference"),
                rs.getString("failure_reason"), rs.getDate("expected_arrival_date").toLocalDate(),
                instant(rs, "created_at"), instant(rs, "issued_at"));
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }
}
