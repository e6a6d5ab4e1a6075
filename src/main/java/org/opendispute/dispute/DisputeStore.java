package org.opendispute.dispute;

import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.opendispute.order.Money;
import org.opendispute.order.Payment;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The disputes table and its lines. Every write joins the caller's (the engine's) transaction, and each transaction
 * reads a dispute once until it changes it ({@link TransactionReads}).
 */
@Repository
public class DisputeStore {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher changes;
    private final TransactionReads reads = new TransactionReads();

    private static final String SELECT_DISPUTE = "SELECT * FROM disputes.dispute WHERE dispute_id = ?";

    public DisputeStore(JdbcClient jdbc, Clock clock, ApplicationEventPublisher changes) {
        this.changes = changes;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void insert(String disputeId, String processInstanceId, OpeningRequest request, String sellerId,
                       Eligibility eligibility) {
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO disputes.dispute (dispute_id, order_id, buyer_id, seller_id, reason, description, currency,
                  requested_type, requested_amount, disputed_value, refundable_amount, status, flagged_for_mediators,
                  reopen_number, process_instance_id, opened_at, updated_at, payment_method, payment_reference)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                  (SELECT payment_method FROM disputes.marketplace_order WHERE order_id = ?),
                  (SELECT payment_reference FROM disputes.marketplace_order WHERE order_id = ?))""")
                .params(disputeId, request.orderId(), request.buyerId(), sellerId, request.reason().name(),
                        request.description(), eligibility.disputedValue().currency().getCurrencyCode(),
                        request.requestedType().name(), amountOrNull(eligibility.requestedAmount()),
                        eligibility.disputedValue().amount(), eligibility.refundableAmount().amount(),
                        DisputeStatus.AWAITING_SELLER.name(), eligibility.flagForMediators(),
                        eligibility.reopenNumber(), processInstanceId, ts(now), ts(now), request.orderId(),
                        request.orderId())
                .update();
        reads.changed(disputeId);
        for (DisputedLine line : eligibility.lines()) {
            jdbc.sql("INSERT INTO disputes.dispute_line (dispute_id, sku, quantity) VALUES (?, ?, ?)")
                    .params(disputeId, line.sku(), line.quantity())
                    .update();
        }
    }

    /** The dispute; read once per transaction until this store changes it (ADR 0020). */
    public Optional<Dispute> find(String disputeId) {
        return reads.find(disputeId, () -> jdbc.sql(SELECT_DISPUTE)
                .param(disputeId)
                .query(DisputeStore::map)
                .optional());
    }

    /**
     * Moves the dispute's event version on and returns it. The update locks the row until the transaction ends, so
     * two transactions changing one dispute number their events in the order they commit, and a read of the dispute
     * from now on is the row as it is.
     */
    public int nextEventVersion(String disputeId) {
        jdbc.sql("UPDATE disputes.dispute SET event_version = event_version + 1 WHERE dispute_id = ?")
                .param(disputeId)
                .update();
        Optional<Integer> counted = reads.eventVersionMoved(disputeId);
        if (counted.isPresent()) {
            return counted.get();
        }
        return jdbc.sql(SELECT_DISPUTE)
                .param(disputeId)
                .query((rs, row) -> {
                    int version = rs.getInt("event_version");
                    reads.readUnderLock(map(rs, row), version);
                    return version;
                })
                .single();
    }

    public Dispute get(String disputeId) {
        return find(disputeId).orElseThrow(() -> new IllegalStateException("No dispute " + disputeId));
    }

    public List<DisputedLine> lines(String disputeId) {
        return jdbc.sql("SELECT sku, quantity FROM disputes.dispute_line WHERE dispute_id = ? ORDER BY sku")
                .param(disputeId)
                .query((rs, n) -> new DisputedLine(rs.getString("sku"), rs.getInt("quantity")))
                .list();
    }

    /** The statuses of every dispute the order ever had, oldest first. */
    public List<DisputeStatus> statusesOfOrder(String orderId) {
        return jdbc.sql("SELECT status FROM disputes.dispute WHERE order_id = ? ORDER BY opened_at")
                .param(orderId)
                .query((rs, n) -> DisputeStatus.valueOf(rs.getString("status")))
                .list();
    }

    public long countOpenedByBuyerSince(String buyerId, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM disputes.dispute WHERE buyer_id = ? AND opened_at >= ?")
                .params(buyerId, ts(since))
                .query(Long.class)
                .single();
    }

    /** Mirrors the process's status; a new one is announced ({@link DisputeChanged}). */
    public void updateStatus(String disputeId, DisputeStatus status) {
        int changed = jdbc.sql("UPDATE disputes.dispute SET status = ?, updated_at = ? WHERE dispute_id = ? AND status <> ?")
                .params(status.name(), ts(clock.instant()), disputeId, status.name())
                .update();
        if (changed > 0) {
            reads.changed(disputeId);
            changes.publishEvent(DisputeChanged.status(disputeId, status));
        }
    }

    public void markSellerAnswered(String disputeId) {
        updateDispute(disputeId, "UPDATE disputes.dispute SET seller_answered_at = COALESCE(seller_answered_at, ?) WHERE dispute_id = ?",
                ts(clock.instant()), disputeId);
    }

    public void markEscalated(String disputeId) {
        updateDispute(disputeId, "UPDATE disputes.dispute SET escalated_at = COALESCE(escalated_at, ?) WHERE dispute_id = ?",
                ts(clock.instant()), disputeId);
    }

    /** The mediator asked this party (BUYER or SELLER): it alone may answer the question. */
    public void recordInformationRequest(String disputeId, String party) {
        updateDispute(disputeId, "UPDATE disputes.dispute SET information_from = ?, updated_at = ? WHERE dispute_id = ?",
                party, ts(clock.instant()), disputeId);
    }

    public void markMediationOverdue(String disputeId) {
        updateDispute(disputeId, "UPDATE disputes.dispute SET mediation_overdue = TRUE, updated_at = ? WHERE dispute_id = ?",
                ts(clock.instant()), disputeId);
    }

    /** Records what was agreed or applied; the process routes on the same values. */
    public void setResolution(String disputeId, ResolutionType type, Money amount) {
        updateDispute(disputeId, """
                UPDATE disputes.dispute SET resolution_type = ?, resolution_amount = ?, decided_at = ?, updated_at = ?
                WHERE dispute_id = ?""",
                type.name(), amountOrNull(amount), ts(clock.instant()), ts(clock.instant()), disputeId);
    }

    public void recordReturnShipment(String disputeId, String carrier, String trackingNumber) {
        updateDispute(disputeId, "UPDATE disputes.dispute SET return_carrier = ?, return_tracking_number = ?, updated_at = ? WHERE dispute_id = ?",
                carrier, trackingNumber, ts(clock.instant()), disputeId);
    }

    public void recordReturnCondition(String disputeId, String condition) {
        updateDispute(disputeId, "UPDATE disputes.dispute SET return_condition = ?, updated_at = ? WHERE dispute_id = ?",
                condition, ts(clock.instant()), disputeId);
    }

    public void recordReshipment(String disputeId, String carrier, String trackingNumber) {
        updateDispute(disputeId, "UPDATE disputes.dispute SET reship_carrier = ?, reship_tracking_number = ?, updated_at = ? WHERE dispute_id = ?",
                carrier, trackingNumber, ts(clock.instant()), disputeId);
    }

    /** The active dispute waiting for a return shipped with this tracking number, if any. */
    public Optional<String> findAwaitingReturn(String orderId, String trackingNumber) {
        return jdbc.sql("""
                SELECT dispute_id FROM disputes.dispute
                WHERE order_id = ? AND return_tracking_number = ? AND status = 'AWAITING_RETURN'""")
                .params(orderId, trackingNumber)
                .query(String.class)
                .optional();
    }

    /** The active dispute whose reshipped parcel, sent with this tracking number, is awaited, if any. */
    public Optional<String> findAwaitingReshipment(String orderId, String trackingNumber) {
        return jdbc.sql("""
                SELECT dispute_id FROM disputes.dispute
                WHERE order_id = ? AND reship_tracking_number = ? AND status = 'AWAITING_RESHIPMENT'""")
                .params(orderId, trackingNumber)
                .query(String.class)
                .optional();
    }

    public void close(String disputeId, DisputeStatus status, Outcome outcome) {
        Instant now = clock.instant();
        // Read under the row's lock, not from this transaction's copy: whether the status changes decides its event
        DisputeStatus before = DisputeStatus.valueOf(
                jdbc.sql("SELECT status FROM disputes.dispute WHERE dispute_id = ? FOR UPDATE")
                        .param(disputeId)
                        .query(String.class)
                        .single());
        updateDispute(disputeId, """
                UPDATE disputes.dispute SET status = ?, outcome = ?, updated_at = ?,
                  resolved_at = CASE WHEN ? = 'RESOLVED' THEN ? ELSE resolved_at END,
                  cancelled_at = CASE WHEN ? = 'CANCELLED' THEN ? ELSE cancelled_at END
                WHERE dispute_id = ?""",
                status.name(), outcome.name(), ts(now), status.name(), ts(now), status.name(), ts(now), disputeId);
        if (before != status) {
            changes.publishEvent(DisputeChanged.status(disputeId, status));
        }
    }

    /** Changes the dispute's row: this transaction's copy is forgotten, and the row stays locked (ADR 0020). */
    private void updateDispute(String disputeId, String sql, Object... params) {
        jdbc.sql(sql).params(params).update();
        reads.changed(disputeId);
    }

    /** Disputes matching the filters (any may be null), newest first. */
    public List<Dispute> search(String buyerId, String sellerId, DisputeStatus status, int page, int size) {
        return jdbc.sql("SELECT * FROM disputes.dispute WHERE " + FILTER
                        + " ORDER BY opened_at DESC, dispute_id OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY")
                .param("buyer", buyerId)
                .param("seller", sellerId)
                .param("status", status == null ? null : status.name())
                .param("offset", (long) page * size)
                .param("size", size)
                .query(DisputeStore::map)
                .list();
    }

    /**
     * How many disputes {@link #search} pages through. Every dispute, or those of one status, are read from the
     * tally ({@code dispute_count}, see DisputeTally): counting them took a scan of the whole table.
     */
    public long count(String buyerId, String sellerId, DisputeStatus status) {
        if (buyerId == null && sellerId == null) {
            return jdbc.sql("""
                    SELECT COALESCE(SUM(disputes), 0) FROM disputes.dispute_count
                    WHERE CAST(:status AS VARCHAR(32)) IS NULL OR status = :status""")
                    .param("status", status == null ? null : status.name())
                    .query(Long.class)
                    .single();
        }
        return jdbc.sql("SELECT COUNT(*) FROM disputes.dispute WHERE " + FILTER)
                .param("buyer", buyerId)
                .param("seller", sellerId)
                .param("status", status == null ? null : status.name())
                .query(Long.class)
                .single();
    }

    private static final String FILTER = """
            (CAST(:buyer AS VARCHAR(64)) IS NULL OR buyer_id = :buyer)
            AND (CAST(:seller AS VARCHAR(64)) IS NULL OR seller_id = :seller)
            AND (CAST(:status AS VARCHAR(32)) IS NULL OR status = :status)""";

    private static BigDecimal amountOrNull(Money money) {
        return money == null ? null : money.amount();
    }

    private static Dispute map(ResultSet rs, int row) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency").trim());
        return new Dispute(
                rs.getString("dispute_id"),
                rs.getString("order_id"),
                rs.getString("buyer_id"),
                rs.getString("seller_id"),
                Reason.valueOf(rs.getString("reason")),
                rs.getString("description"),
                ResolutionType.valueOf(rs.getString("requested_type")),
                money(rs, "requested_amount", currency),
                money(rs, "disputed_value", currency),
                money(rs, "refundable_amount", currency),
                DisputeStatus.valueOf(rs.getString("status")),
                enumOrNull(Outcome.class, rs.getString("outcome")),
                enumOrNull(ResolutionType.class, rs.getString("resolution_type")),
                money(rs, "resolution_amount", currency),
                rs.getBoolean("flagged_for_mediators"),
                rs.getBoolean("mediation_overdue"),
                rs.getInt("reopen_number"),
                rs.getString("process_instance_id"),
                rs.getString("return_carrier"),
                rs.getString("return_tracking_number"),
                rs.getString("return_condition"),
                rs.getString("reship_carrier"),
                rs.getString("reship_tracking_number"),
                rs.getString("information_from"),
                instant(rs, "opened_at"),
                instant(rs, "escalated_at"),
                instant(rs, "resolved_at"),
                instant(rs, "cancelled_at"),
                instant(rs, "updated_at"),
                new Payment(rs.getString("payment_method"), rs.getString("payment_reference")));
    }

    static Money money(ResultSet rs, String column, Currency currency) throws SQLException {
        BigDecimal amount = rs.getBigDecimal(column);
        return amount == null ? null : Money.rounded(amount, currency);
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }
}
