package org.opendispute.refund;

import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

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

/** Refunds: at most one per dispute, enforced by the unique dispute id and idempotency key. */
@Repository
public class RefundStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public RefundStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public static String idempotencyKey(String disputeId) {
        return "refund:" + disputeId;
    }

    public Refund create(String disputeId, Money amount, String paymentMethod, String paymentReference,
                         LocalDate expectedArrival) {
        String id = UUID.randomUUID().toString();
        // As the column keeps it, so that the refund answered is the refund stored
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO disputes.refund (refund_id, dispute_id, idempotency_key, amount, currency, payment_method,
                  payment_reference, state, expected_arrival_date, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(id, disputeId, idempotencyKey(disputeId), amount.amount(),
                        amount.currency().getCurrencyCode(), paymentMethod, paymentReference,
                        java.sql.Date.valueOf(expectedArrival), ts(createdAt))
                .update();
        return new Refund(id, disputeId, idempotencyKey(disputeId), amount, paymentMethod, paymentReference,
                Refund.State.PENDING, null, expectedArrival, createdAt, null);
    }

    public void markIssued(String refundId, String providerReference) {
        jdbc.sql("UPDATE disputes.refund SET state = 'ISSUED', provider_reference = ?, issued_at = ? WHERE refund_id = ?")
                .params(providerReference, ts(clock.instant()), refundId)
                .update();
    }

    public Optional<Refund> ofDispute(String disputeId) {
        return jdbc.sql("SELECT * FROM disputes.refund WHERE dispute_id = ?")
                .param(disputeId)
                .query((rs, n) -> new Refund(rs.getString("refund_id"), rs.getString("dispute_id"),
                        rs.getString("idempotency_key"),
                        Money.rounded(rs.getBigDecimal("amount"), Currency.getInstance(rs.getString("currency").trim())),
                        rs.getString("payment_method"), rs.getString("payment_reference"),
                        Refund.State.valueOf(rs.getString("state")), rs.getString("provider_reference"),
                        rs.getDate("expected_arrival_date").toLocalDate(), instant(rs, "created_at"),
                        instant(rs, "issued_at")))
                .optional();
    }

    public long countOfDispute(String disputeId) {
        return jdbc.sql("SELECT COUNT(*) FROM disputes.refund WHERE dispute_id = ?")
                .param(disputeId)
                .query(Long.class)
                .single();
    }
}
