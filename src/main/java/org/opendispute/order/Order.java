package org.opendispute.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The snapshot of a marketplace order, as the marketplace registered it. */
public record Order(
        String orderId,
        String buyerId,
        String sellerId,
        Currency currency,
        List<OrderLine> lines,
        BigDecimal shippingCost,
        String paymentMethod,
        String paymentReference,
        String shippingMethodPaid,
        String shippingMethodUsed,
        String carrier,
        String trackingNumber,
        Instant paidAt,
        Instant shippedAt,
        int promisedDeliveryDays,
        Instant deliveryConfirmedAt,
        boolean customsReturned,
        /** What the method the seller actually used costs; none: the one paid for, or not known. */
        BigDecimal shippingCostOfMethodUsed,
        /** Every charge actually taken for the order; none: one charge of what the order costs. */
        List<Charge> charges) {

    public Order {
        lines = List.copyOf(lines);
        charges = charges == null ? List.of() : List.copyOf(charges);
    }

    /** A snapshot without the shipping and payment facts: shipped as paid for, charged once. */
    public Order(String orderId, String buyerId, String sellerId, Currency currency, List<OrderLine> lines,
                 BigDecimal shippingCost, String paymentMethod, String paymentReference, String shippingMethodPaid,
                 String shippingMethodUsed, String carrier, String trackingNumber, Instant paidAt, Instant shippedAt,
                 int promisedDeliveryDays, Instant deliveryConfirmedAt, boolean customsReturned) {
        this(orderId, buyerId, sellerId, currency, lines, shippingCost, paymentMethod, paymentReference,
                shippingMethodPaid, shippingMethodUsed, carrier, trackingNumber, paidAt, shippedAt, promisedDeliveryDays,
                deliveryConfirmedAt, customsReturned, null, List.of());
    }

    public Optional<OrderLine> line(String sku) {
        return lines.stream().filter(line -> line.sku().equals(sku)).findFirst();
    }

    public Money shipping() {
        return Money.exact(shippingCost, currency);
    }

    public Money linesTotal() {
        return lines.stream()
                .map(line -> Money.exact(line.unitPrice(), currency).times(line.quantity()))
                .reduce(Money.zero(currency), Money::plus);
    }

    /** What the order costs: its lines and its shipping. */
    public Money total() {
        return linesTotal().plus(shipping());
    }

    /** What the buyer paid for shipping above what the method actually used costs (never negative). */
    public Money shippingDifference() {
        if (shippingCostOfMethodUsed == null || Objects.equals(shippingMethodPaid, shippingMethodUsed)) {
            return Money.zero(currency);
        }
        Money difference = shipping().minus(Money.exact(shippingCostOfMethodUsed, currency));
        return difference.isPositive() ? difference : Money.zero(currency);
    }

    /** What the buyer was actually charged: every charge taken, or the order's total when none is listed. */
    public Money charged() {
        return charges.isEmpty() ? total() : charges.stream().map(charge -> Money.exact(charge.amount(), currency))
                .reduce(Money.zero(currency), Money::plus);
    }

    /** What was charged above what the order costs (never negative): a double charge, a wrong amount. */
    public Money overcharge() {
        Money excess = charged().minus(total());
        return excess.isPositive() ? excess : Money.zero(currency);
    }

    /** When delivery counts as confirmed: by the buyer, or when the seller's promised delivery time ran out. */
    public Optional<Instant> deliveryConfirmedOrDue() {
        if (shippedAt == null) {
            return Optional.ofNullable(deliveryConfirmedAt);
        }
        Instant autoConfirmed = shippedAt.plus(Duration.ofDays(promisedDeliveryDays));
        if (deliveryConfirmedAt != null && deliveryConfirmedAt.isBefore(autoConfirmed)) {
            return Optional.of(deliveryConfirmedAt);
        }
        return Optional.of(autoConfirmed);
    }
}
