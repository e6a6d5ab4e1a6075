package org.opendispute.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.opendispute.order.Charge;
import org.opendispute.order.Order;
import org.opendispute.order.OrderLine;

/** Orders for tests: fresh ids every time, so no test sees another's data; {@link Builder} for the variations. */
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
        return order().shippedDaysAgo(now, daysAgo).build();
    }

    /** An order of {@link #shippedDaysAgo} 12 days ago, between the given buyer and seller. */
    public static Order between(String buyerId, String sellerId) {
        return order().buyer(buyerId).seller(sellerId).build();
    }

    public static Order withConfirmedDelivery(Order order, Instant confirmedAt) {
        return from(order).deliveryConfirmedAt(confirmedAt).build();
    }

    public static Order unshipped(Order order) {
        return from(order).shippedAt(null).deliveryConfirmedAt(null).build();
    }

    /** The two-line order of {@link #shippedDaysAgo}, shipped 12 days ago, to change before {@code build()}. */
    public static Builder order() {
        return new Builder().shippedDaysAgo(Instant.now(), 12);
    }

    /** A copy of the order, to change before {@code build()}. */
    public static Builder from(Order order) {
        Builder builder = new Builder();
        builder.orderId = order.orderId();
        builder.buyerId = order.buyerId();
        builder.sellerId = order.sellerId();
        builder.currency = order.currency();
        builder.lines = order.lines();
        builder.shippingCost = order.shippingCost();
        builder.paymentMethod = order.paymentMethod();
        builder.paymentReference = order.paymentReference();
        builder.shippingMethodPaid = order.shippingMethodPaid();
        builder.shippingMethodUsed = order.shippingMethodUsed();
        builder.carrier = order.carrier();
        builder.trackingNumber = order.trackingNumber();
        builder.paidAt = order.paidAt();
        builder.shippedAt = order.shippedAt();
        builder.promisedDeliveryDays = order.promisedDeliveryDays();
        builder.deliveryConfirmedAt = order.deliveryConfirmedAt();
        builder.customsReturned = order.customsReturned();
        builder.shippingCostOfMethodUsed = order.shippingCostOfMethodUsed();
        builder.charges = order.charges();
        return builder;
    }

    public static final class Builder {
        private String orderId = unique("ORD");
        private String buyerId = unique("buyer");
        private String sellerId = unique("seller");
        private Currency currency = EUR;
        private List<OrderLine> lines = List.of(new OrderLine("MUG", "Mug", 2, new BigDecimal("20.00")),
                new OrderLine("LAMP", "Lamp", 1, new BigDecimal("60.00")));
        private BigDecimal shippingCost = new BigDecimal("5.00");
        private String paymentMethod = "CARD";
        private String paymentReference = unique("pay");
        private String shippingMethodPaid = "EXPRESS";
        private String shippingMethodUsed = "EXPRESS";
        private String carrier = "DHL";
        private String trackingNumber = unique("TRK");
        private Instant paidAt;
        private Instant shippedAt;
        private int promisedDeliveryDays = 30;
        private Instant deliveryConfirmedAt;
        private boolean customsReturned;
        private BigDecimal shippingCostOfMethodUsed;
        private List<Charge> charges = List.of();

        private Builder() {
        }

        public Builder orderId(String orderId) {
            this.orderId = orderId;
            return this;
        }

        public Builder buyer(String buyerId) {
            this.buyerId = buyerId;
            return this;
        }

        public Builder seller(String sellerId) {
            this.sellerId = sellerId;
            return this;
        }

        public Builder lines(List<OrderLine> lines) {
            this.lines = List.copyOf(lines);
            return this;
        }

        public Builder paymentReference(String paymentReference) {
            this.paymentReference = paymentReference;
            return this;
        }

        public Builder shippingCost(BigDecimal shippingCost) {
            this.shippingCost = shippingCost;
            return this;
        }

        /** Paid the day before it shipped. */
        public Builder shippedDaysAgo(Instant now, int daysAgo) {
            this.shippedAt = now.minus(Duration.ofDays(daysAgo));
            this.paidAt = shippedAt.minus(Duration.ofDays(1));
            return this;
        }

        public Builder paidAt(Instant paidAt) {
            this.paidAt = paidAt;
            return this;
        }

        public Builder shippedAt(Instant shippedAt) {
            this.shippedAt = shippedAt;
            return this;
        }

        public Builder promisedDeliveryDays(int days) {
            this.promisedDeliveryDays = days;
            return this;
        }

        public Builder deliveryConfirmedAt(Instant confirmedAt) {
            this.deliveryConfirmedAt = confirmedAt;
            return this;
        }

        /** Shipped by another method than the one paid for, which costs this much. */
        public Builder shippedBy(String method, String costOfMethod) {
            this.shippingMethodUsed = method;
            this.shippingCostOfMethodUsed = new BigDecimal(costOfMethod);
            return this;
        }

        /** The charges taken for the order, each an amount with a fresh reference. */
        public Builder charged(String... amounts) {
            this.charges = java.util.Arrays.stream(amounts).map(amount -> new Charge(unique("ch"), new BigDecimal(amount)))
                    .toList();
            return this;
        }

        public Builder customsReturned() {
            this.customsReturned = true;
            return this;
        }

        public Order build() {
            return new Order(orderId, buyerId, sellerId, currency, lines, shippingCost, paymentMethod, paymentReference,
                    shippingMethodPaid, shippingMethodUsed, carrier, trackingNumber, paidAt, shippedAt,
                    promisedDeliveryDays, deliveryConfirmedAt, customsReturned, shippingCostOfMethodUsed, charges);
        }
    }
}
