package org.opendispute.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.opendispute.order.Order;
import org.opendispute.order.OrderLine;

/** Orders for tests: fresh ids every time, so no test sees another's data. */
public final class TestOrders {

    public static final Currency EUR = Currency.getInstance("EUR");

    private TestOrders() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * An order of two lines (2 x 20.00 and 1 x 60.00, shipping 5.00), shipped {@code daysAgo} days before
     * {@code now}, delivery promised within 30 days and not confirmed.
     */
    public static Order shippedDaysAgo(Instant now, int daysAgo) {
        Instant shipped = now.minus(Duration.ofDays(daysAgo));
        return new Order(unique("ORD"), unique("buyer"), unique("seller"), EUR,
                List.of(new OrderLine("MUG", "Mug", 2, new BigDecimal("20.00")),
                        new OrderLine("LAMP", "Lamp", 1, new BigDecimal("60.00"))),
                new BigDecimal("5.00"), "CARD", unique("pay"), "EXPRESS", "EXPRESS", "DHL", unique("TRK"),
                shipped.minus(Duration.ofDays(1)), shipped, 30, null, false);
    }

    /** An order of {@link #shippedDaysAgo} 12 days ago, between the given buyer and seller. */
    public static Order between(String buyerId, String sellerId) {
        Order order = shippedDaysAgo(Instant.now(), 12);
        return new Order(order.orderId(), buyerId, sellerId, order.currency(), order.lines(), order.shippingCost(),
                order.paymentMethod(), order.paymentReference(), order.shippingMethodPaid(), order.shippingMethodUsed(),
                order.carrier(), order.trackingNumber(), order.paidAt(), order.shippedAt(), order.promisedDeliveryDays(),
                null, false);
    }

    public static Order withConfirmedDelivery(Order order, Instant confirmedAt) {
        return new Order(order.orderId(), order.buyerId(), order.sellerId(), order.currency(), order.lines(),
                order.shippingCost(), order.paymentMethod(), order.paymentReference(), order.shippingMethodPaid(),
                order.shippingMethodUsed(), order.carrier(), order.trackingNumber(), order.paidAt(), order.shippedAt(),
                order.promisedDeliveryDays(), confirmedAt, order.customsReturned());
    }

    public static Order unshipped(Order order) {
        return new Order(order.orderId(), order.buyerId(), order.sellerId(), order.currency(), order.lines(),
                order.shippingCost(), order.paymentMethod(), order.paymentReference(), order.shippingMethodPaid(),
                order.shippingMethodUsed(), order.carrier(), order.trackingNumber(), order.paidAt(), null,
                order.promisedDeliveryDays(), null, order.customsReturned());
    }
}
