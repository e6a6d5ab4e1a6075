package org.opendispute.dispute;

import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.time.Clock;
import java.time.Instant;

import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Buyers' block and review state, and the dispute statistics of buyers and sellers (views over the
 * disputes, so they never disagree with them and need no write when a dispute opens or closes).
 */
@Repository
public class Accounts {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    public Accounts(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public boolean isBuyerBlocked(String buyerId) {
        return jdbc.sql("SELECT blocked FROM disputes.buyer_account WHERE buyer_id = ?")
                .param(buyerId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    public boolean isMarkedForReview(String buyerId) {
        return jdbc.sql("SELECT marked_for_review FROM disputes.buyer_account WHERE buyer_id = ?")
                .param(buyerId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    public void blockBuyer(String buyerId, boolean blocked) {
        ensureBuyer(buyerId);
        jdbc.sql("UPDATE disputes.buyer_account SET blocked = ?, updated_at = ? WHERE buyer_id = ?")
                .params(blocked, ts(clock.instant()), buyerId)
                .update();
    }

    /** Staff block or unblock a buyer, with the reason; the account's history keeps it. */
    public void setBlocked(String buyerId, boolean blocked, String reason, String actor) {
        blockBuyer(buyerId, blocked);
        record(buyerId, blocked ? "BLOCKED" : "UNBLOCKED", reason, actor);
    }

    /** The accounts the abuse rules marked for review, most recently changed first. */
    public List<String> markedForReview() {
        return jdbc.sql("SELECT buyer_id FROM disputes.buyer_account WHERE marked_for_review ORDER BY updated_at DESC")
                .query(String.class)
                .list();
    }

    /** What happened to the account, oldest first. */
    public List<Event> history(String buyerId) {
        return jdbc.sql("""
                SELECT event, reason, actor, occurred_at FROM disputes.account_event WHERE buyer_id = ?
                ORDER BY event_id""")
                .param(buyerId)
                .query((rs, n) -> new Event(rs.getString("event"), rs.getString("reason"), rs.getString("actor"),
                        instant(rs, "occurred_at")))
                .list();
    }

    public record Event(String event, String reason, String actor, Instant occurredAt) {
    }

    private void record(String buyerId, String event, String reason, String actor) {
        jdbc.sql("""
                INSERT INTO disputes.account_event (buyer_id, event, reason, actor, occurred_at)
                VALUES (?, ?, ?, ?, ?)""")
                .params(buyerId, event, reason, actor, ts(clock.instant()))
                .update();
    }

    public void markBuyerForReview(String buyerId, String why) {
        if (!isMarkedForReview(buyerId)) {
            record(buyerId, "MARKED_FOR_REVIEW", why, DisputeHistory.SYSTEM);
        }
        ensureBuyer(buyerId);
        jdbc.sql("UPDATE disputes.buyer_account SET marked_for_review = TRUE, updated_at = ? WHERE buyer_id = ?")
                .params(ts(clock.instant()), buyerId)
                .update();
    }

    public SellerStatistics sellerStatistics(String sellerId) {
        return jdbc.sql("""
                SELECT disputes_received, resolved_for_buyer, resolved_for_seller, reshipped, cancelled_by_buyer
                FROM disputes.seller_statistics WHERE seller_id = ?""")
                .param(sellerId)
                .query((rs, n) -> new SellerStatistics(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)))
                .optional()
                .orElse(new SellerStatistics(0, 0, 0, 0, 0));
    }

    public record SellerStatistics(int received, int resolvedForBuyer, int resolvedForSeller, int reshipped,
                                   int cancelledByBuyer) {
    }

    /** How long the seller's resolved disputes took, from opening to resolution, the median; none resolved: empty. */
    public java.util.Optional<java.time.Duration> medianTimeToResolve(String sellerId) {
        java.util.List<java.time.Duration> durations = jdbc.sql("""
                SELECT opened_at, resolved_at FROM disputes.dispute
                WHERE seller_id = ? AND resolved_at IS NOT NULL""")
                .param(sellerId)
                .query((rs, n) -> java.time.Duration.between(instant(rs, "opened_at"), instant(rs, "resolved_at")))
                .list().stream().sorted().toList();
        if (durations.isEmpty()) {
            return java.util.Optional.empty();
        }
        int middle = durations.size() / 2;
        return java.util.Optional.of(durations.size() % 2 == 1 ? durations.get(middle)
                : durations.get(middle - 1).plus(durations.get(middle)).dividedBy(2));
    }

    /**
     * Creates the buyer's row on first use. Two requests about one new buyer may race: the loser's insert
     * fails inside a savepoint, which keeps its transaction alive, and its update then finds the row.
     */
    private void ensureBuyer(String buyerId) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM disputes.buyer_account WHERE buyer_id = ?")
                .param(buyerId).query(Long.class).single() > 0;
        if (exists) {
            return;
        }
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql(
                    "INSERT INTO disputes.buyer_account (buyer_id, updated_at) VALUES (?, ?)")
                    .params(buyerId, ts(clock.instant()))
                    .update());
        } catch (DuplicateKeyException createdMeanwhile) {
            // the other transaction created it
        }
    }
}
