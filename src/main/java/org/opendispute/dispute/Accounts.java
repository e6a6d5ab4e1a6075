package org.opendispute.dispute;

import static org.opendispute.config.SqlTime.ts;

import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Buyers' dispute counts and block state, and sellers' dispute statistics. */
@Repository
public class Accounts {

    private final JdbcClient jdbc;
    private final Clock clock;

    public Accounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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

    // Portable insert-if-absent; should two first disputes of one buyer race, the key violation rolls one back.
    private void ensureBuyer(String buyerId) {
        jdbc.sql("""
                INSERT INTO disputes.buyer_account (buyer_id, updated_at)
                SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM disputes.buyer_account WHERE buyer_id = ?)""")
                .params(buyerId, ts(clock.instant()), buyerId)
                .update();
    }

    private void ensureSeller(String sellerId) {
        jdbc.sql("""
                INSERT INTO disputes.seller_statistics (seller_id, updated_at)
                SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM disputes.seller_statistics WHERE seller_id = ?)""")
                .params(sellerId, ts(clock.instant()), sellerId)
                .update();
    }
}
