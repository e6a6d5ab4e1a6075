package org.opendispute.dispute;

import static org.opendispute.config.SqlTime.ts;

import java.time.Clock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Buyers' dispute counts and block state, and sellers' dispute statistics. */
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

    public void markBuyerForReview(String buyerId) {
        ensureBuyer(buyerId);
        jdbc.sql("UPDATE disputes.buyer_account SET marked_for_review = TRUE, updated_at = ? WHERE buyer_id = ?")
                .params(ts(clock.instant()), buyerId)
                .update();
    }

    public void countDisputeOpened(String buyerId, String sellerId) {
        ensureBuyer(buyerId);
        jdbc.sql("UPDATE disputes.buyer_account SET disputes_opened = disputes_opened + 1, updated_at = ? WHERE buyer_id = ?")
                .params(ts(clock.instant()), buyerId)
                .update();
        ensureSeller(sellerId);
        jdbc.sql("UPDATE disputes.seller_statistics SET disputes_received = disputes_received + 1, updated_at = ? WHERE seller_id = ?")
                .params(ts(clock.instant()), sellerId)
                .update();
    }

    public void countOutcome(String sellerId, Outcome outcome) {
        String column = switch (outcome) {
            case FULL_REFUND, PARTIAL_REFUND -> "resolved_for_buyer";
            case SELLER_FAVOUR -> "resolved_for_seller";
            case RESHIPPED -> "reshipped";
            case CANCELLED_BY_BUYER -> "cancelled_by_buyer";
        };
        ensureSeller(sellerId);
        jdbc.sql("UPDATE disputes.seller_statistics SET " + column + " = " + column + " + 1, updated_at = ? WHERE seller_id = ?")
                .params(ts(clock.instant()), sellerId)
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

    public int disputesOpenedBy(String buyerId) {
        return jdbc.sql("SELECT disputes_opened FROM disputes.buyer_account WHERE buyer_id = ?")
                .param(buyerId)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    public record SellerStatistics(int received, int resolvedForBuyer, int resolvedForSeller, int reshipped,
                                   int cancelledByBuyer) {
    }

    private void ensureBuyer(String buyerId) {
        insertIfAbsent("buyer_account", "buyer_id", buyerId);
    }

    private void ensureSeller(String sellerId) {
        insertIfAbsent("seller_statistics", "seller_id", sellerId);
    }

    /**
     * Creates the account row on first use. Two first disputes of one buyer may race: the loser's insert
     * fails inside a savepoint, which keeps its transaction (and its dispute) alive.
     */
    private void insertIfAbsent(String table, String key, String id) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM disputes." + table + " WHERE " + key + " = ?")
                .param(id).query(Long.class).single() > 0;
        if (exists) {
            return;
        }
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql(
                    "INSERT INTO disputes." + table + " (" + key + ", updated_at) VALUES (?, ?)")
                    .params(id, ts(clock.instant()))
                    .update());
        } catch (DuplicateKeyException createdMeanwhile) {
            // the other transaction created it: the counters below update that row
        }
    }
}
