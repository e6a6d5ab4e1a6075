package org.opendispute.dispute;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the disputes of each status counted for a list page's total ({@link DisputeStore#count}). On PostgreSQL a
 * trigger adds a row of +1/-1 per status to {@code dispute_tally_change} for every dispute opened and every status
 * changed, in the writer's own transaction; this folds those rows into {@code dispute_tally} in one statement, so
 * the changes stay few and the total, which sums both, stays exact. Nodes may fold at the same time: a change row is
 * deleted by one of them only. On the embedded database nothing is tallied (it counts its few disputes).
 */
@Component
public class DisputeTally {

    private final JdbcClient jdbc;

    DisputeTally(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    public void fold() {
        boolean changed = jdbc.sql("SELECT EXISTS (SELECT 1 FROM disputes.dispute_tally_change)")
                .query(Boolean.class).single();
        if (changed) {
            jdbc.sql("""
                    WITH folded AS (DELETE FROM disputes.dispute_tally_change RETURNING status, change)
                    INSERT INTO disputes.dispute_tally (status, disputes)
                    SELECT status, SUM(change) FROM folded GROUP BY status
                    ON CONFLICT (status) DO UPDATE SET disputes = dispute_tally.disputes + EXCLUDED.disputes""")
                    .update();
        }
    }
}
