package org.opendispute.events;

import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opendispute.dispute.DisputePolicy;
import org.opendispute.jdbc.ClusterSchedule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code order.protection_expiring}: an order with no dispute whose buyer protection ends within
 * {@code disputes.policy.protection-reminder-before} (3 days). A periodic scan by an index on the orders' delivery
 * date, not an engine timer per order; each order is claimed by an update, so one node announces it.
 */
@Component
public class ProtectionReminders {

    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final EventOutbox outbox;
    private final DisputePolicy policy;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ClusterSchedule schedule;

    ProtectionReminders(JdbcClient jdbc, EventOutbox outbox, DisputePolicy policy, Clock clock,
                        TransactionTemplate transaction, ClusterSchedule schedule) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.policy = policy;
        this.clock = clock;
        this.transaction = transaction;
        this.schedule = schedule;
    }

    record Expiring(String orderId, String buyerId, String sellerId, Instant deliveryDue) {
    }

    /** Every ten minutes across the cluster (each order is claimed anyway: this spares the other nodes the scan). */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void announceOnSchedule() {
        schedule.runIfDue("protection-reminders", Duration.ofMinutes(10), this::announceExpiring);
    }

    /** Announces every order whose protection ends soon; answers how many. */
    public int announceExpiring() {
        int announced = 0;
        List<Expiring> batch;
        do {
            batch = expiring();
            for (Expiring order : batch) {
                if (Boolean.TRUE.equals(transaction.execute(status -> announce(order)))) {
                    announced++;
                }
            }
        } while (batch.size() == BATCH);
        return announced;
    }

    private List<Expiring> expiring() {
        Instant now = clock.instant();
        // Protection ends at deliveryDue + openUntilAfterDelivery: within the reminder period, and not over yet
        return jdbc.sql("""
                SELECT o.order_id, o.buyer_id, o.seller_id, o.delivery_due_at FROM disputes.marketplace_order o
                WHERE o.delivery_due_at <= :remindFrom AND o.delivery_due_at > :closedBefore
                  AND o.protection_reminded_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM disputes.dispute d WHERE d.order_id = o.order_id)
                ORDER BY o.delivery_due_at FETCH FIRST :batch ROWS ONLY""")
                .param("remindFrom", ts(now.minus(policy.openUntilAfterDelivery()).plus(policy.protectionReminderBefore())))
                .param("closedBefore", ts(now.minus(policy.openUntilAfterDelivery())))
                .param("batch", BATCH)
                .query((rs, n) -> new Expiring(rs.getString("order_id"), rs.getString("buyer_id"),
                        rs.getString("seller_id"), instant(rs, "delivery_due_at")))
                .list();
    }

    private boolean announce(Expiring order) {
        boolean claimed = jdbc.sql("""
                UPDATE disputes.marketplace_order SET protection_reminded_at = ?
                WHERE order_id = ? AND protection_reminded_at IS NULL""")
                .params(ts(clock.instant()), order.orderId()).update() == 1;
        if (claimed) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("orderId", order.orderId());
            data.put("buyerId", order.buyerId());
            data.put("sellerId", order.sellerId());
            data.put("protectionEndsAt", order.deliveryDue().plus(policy.openUntilAfterDelivery()).toString());
            outbox.writeOrderEvent(EventTypes.PROTECTION_EXPIRING, data);
        }
        return claimed;
    }
}
