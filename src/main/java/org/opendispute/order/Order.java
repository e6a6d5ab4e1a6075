package org.opendispute.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
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
        boolean customsReturned) {

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
