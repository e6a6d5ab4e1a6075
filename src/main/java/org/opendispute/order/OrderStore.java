package org.opendispute.order;

import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Orders registered by the marketplace, with their lines and carrier events. */
@Repository
public class OrderStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public OrderStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Registers the order or replaces its snapshot; answers whether it was new. A return by customs is a carrier's
     * fact (a tracking event): no later snapshot undoes it.
     */
    @Transactional
    public boolean save(Order order) {
        Instant now = clock.instant();
        int updated = jdbc.sql("""
                UPDATE disputes.marketplace_order SET buyer_id = :buyer, seller_id = :seller, currency = :currency,
                  shipping_cost = :shippingCost, payment_method = :paymentMethod, payment_reference = :paymentReference,
                  shipping_method_paid = :methodPaid, shipping_method_used = :methodUsed, carrier = :carrier,
                  tracking_number = :tracking, paid_at = :paidAt, shipped_at = :shippedAt,
                  promised_delivery_days = :promisedDays, delivery_confirmed_at = :confirmedAt,
                  customs_returned = (customs_returned OR :customs), shipping_cost_of_method_used = :shippingCostUsed,
                  updated_at = :now
                WHERE order_id = :orderId""")
                .paramSource(params(order, now))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO disputes.marketplace_order (order_id, buyer_id, seller_id, currency, shipping_cost,
                      payment_method, payment_reference, shipping_method_paid, shipping_method_used, carrier,
                      tracking_number, paid_at, shipped_at, promised_delivery_days, delivery_confirmed_at,
                      customs_returned, shipping_cost_of_method_used, registered_at, updated_at)
                    VALUES (:orderId, :buyer, :seller, :currency, :shippingCost, :paymentMethod, :paymentReference,
                      :methodPaid, :methodUsed, :carrier, :tracking, :paidAt, :shippedAt, :promisedDays, :confirmedAt,
                      :customs, :shippingCostUsed, :now, :now)""")
                    .paramSource(params(order, now))
                    .update();
        }
        // The buyer protection's end follows from it; a new one may be announced again
        Timestamp deliveryDue = ts(order.deliveryConfirmedOrDue().orElse(null));
        jdbc.sql("""
                UPDATE disputes.marketplace_order SET delivery_due_at = ?,
                  protection_reminded_at = CASE WHEN delivery_due_at = ? THEN protection_reminded_at ELSE NULL END
                WHERE order_id = ?""")
                .params(deliveryDue, deliveryDue, order.orderId())
                .update();
        jdbc.sql("DELETE FROM disputes.order_line WHERE order_id = ?").param(order.orderId()).update();
        int lineNo = 1;
        for (OrderLine line : order.lines()) {
            jdbc.sql("""
                    INSERT INTO disputes.order_line (order_id, line_no, sku, title, quantity, unit_price)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(order.orderId(), lineNo++, line.sku(), line.title(), line.quantity(), line.unitPrice())
                    .update();
        }
        jdbc.sql("DELETE FROM disputes.order_charge WHERE order_id = ?").param(order.orderId()).update();
        int chargeNo = 1;
        for (Charge charge : order.charges()) {
            jdbc.sql("INSERT INTO disputes.order_charge (order_id, charge_no, reference, amount) VALUES (?, ?, ?, ?)")
                    .params(order.orderId(), chargeNo++, charge.reference(), charge.amount())
                    .update();
        }
        return updated == 0;
    }

    private static OrderParams params(Order order, Instant now) {
        return new OrderParams(order.orderId(), order.buyerId(), order.sellerId(), order.currency().getCurrencyCode(),
                order.shippingCost(), order.paymentMethod(), order.paymentReference(), order.shippingMethodPaid(),
                order.shippingMethodUsed(), order.carrier(), order.trackingNumber(), ts(order.paidAt()),
                ts(order.shippedAt()), order.promisedDeliveryDays(), ts(order.deliveryConfirmedAt()),
                order.customsReturned(), order.shippingCostOfMethodUsed(), ts(now));
    }

    private record OrderParams(String orderId, String buyer, String seller, String currency,
                               java.math.BigDecimal shippingCost, String paymentMethod, String paymentReference,
                               String methodPaid, String methodUsed, String carrier, String tracking,
                               Timestamp paidAt, Timestamp shippedAt, int promisedDays, Timestamp confirmedAt,
                               boolean customs, java.math.BigDecimal shippingCostUsed, Timestamp now) {
    }

    public Optional<Order> find(String orderId) {
        return jdbc.sql("SELECT * FROM disputes.marketplace_order WHERE order_id = ?")
                .param(orderId)
                .query((rs, n) -> map(rs, lines(orderId), charges(orderId)))
                .optional();
    }

    /**
     * Reads the order and locks its row until the transaction ends, so that two requests deciding about
     * the same order (e.g. two concurrent dispute openings) take turns.
     */
    public Optional<Order> findForUpdate(String orderId) {
        return jdbc.sql("SELECT * FROM disputes.marketplace_order WHERE order_id = ? FOR UPDATE")
                .param(orderId)
                .query((rs, n) -> map(rs, lines(orderId), charges(orderId)))
                .optional();
    }

    private List<OrderLine> lines(String orderId) {
        return jdbc.sql("SELECT sku, title, quantity, unit_price FROM disputes.order_line WHERE order_id = ? ORDER BY line_no")
                .param(orderId)
                .query((rs, n) -> new OrderLine(rs.getString("sku"), rs.getString("title"), rs.getInt("quantity"),
                        rs.getBigDecimal("unit_price")))
                .list();
    }

    private List<Charge> charges(String orderId) {
        return jdbc.sql("SELECT reference, amount FROM disputes.order_charge WHERE order_id = ? ORDER BY charge_no")
                .param(orderId)
                .query((rs, n) -> new Charge(rs.getString("reference"), rs.getBigDecimal("amount")))
                .list();
    }

    public void recordTrackingEvent(TrackingEvent event) {
        jdbc.sql("""
                INSERT INTO disputes.tracking_event (order_id, carrier, tracking_number, kind, description,
                  occurred_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(event.orderId(), event.carrier(), event.trackingNumber(), event.kind().name(),
                        event.description(), ts(event.occurredAt()), ts(clock.instant()))
                .update();
        if (event.kind() == TrackingEvent.Kind.RETURNED_BY_CUSTOMS) {
            jdbc.sql("UPDATE disputes.marketplace_order SET customs_returned = TRUE WHERE order_id = ?")
                    .param(event.orderId()).update();
        }
    }

    /** Whether the carrier reported the parcel of this tracking number, of this order, as delivered. */
    public boolean carrierReportedDelivery(String orderId, String trackingNumber) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM disputes.tracking_event
                WHERE order_id = ? AND kind = 'DELIVERED' AND tracking_number = ?""")
                .params(orderId, trackingNumber)
                .query(Long.class).single() > 0;
    }

    /** Whether the carrier reported the order's own shipment as delivered. */
    public boolean carrierReportedDelivery(Order order) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM disputes.tracking_event
                WHERE order_id = ? AND kind = 'DELIVERED' AND (tracking_number IS NULL OR tracking_number = ?)""")
                .params(order.orderId(), order.trackingNumber())
                .query(Long.class).single() > 0;
    }

    private static Order map(ResultSet rs, List<OrderLine> lines, List<Charge> charges) throws SQLException {
        return new Order(
                rs.getString("order_id"),
                rs.getString("buyer_id"),
                rs.getString("seller_id"),
                Currency.getInstance(rs.getString("currency").trim()),
                lines,
                rs.getBigDecimal("shipping_cost"),
                rs.getString("payment_method"),
                rs.getString("payment_reference"),
                rs.getString("shipping_method_paid"),
                rs.getString("shipping_method_used"),
                rs.getString("carrier"),
                rs.getString("tracking_number"),
                instant(rs, "paid_at"),
                instant(rs, "shipped_at"),
                rs.getInt("promised_delivery_days"),
                instant(rs, "delivery_confirmed_at"),
                rs.getBoolean("customs_returned"),
                rs.getBigDecimal("shipping_cost_of_method_used"),
                charges);
    }
}
