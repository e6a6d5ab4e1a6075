package org.opendispute.api;

import java.time.Instant;
import java.util.List;

import org.opendispute.order.Order;

public record OrderResponse(String orderId, String buyerId, String sellerId, String currency, List<Line> lines,
                            String shippingCost, String paymentMethod, String paymentReference,
                            String shippingMethodPaid, String shippingMethodUsed, String carrier, String trackingNumber,
                            Instant paidAt, Instant shippedAt, int promisedDeliveryDays, Instant deliveryConfirmedAt,
                            boolean customsReturned, String shippingCostOfMethodUsed, List<Charge> charges) {

    public record Line(String sku, String title, int quantity, String unitPrice) {
    }

    public record Charge(String reference, String amount) {
    }

    static OrderResponse of(Order order) {
        int scale = order.currency().getDefaultFractionDigits();
        return new OrderResponse(order.orderId(), order.buyerId(), order.sellerId(),
                order.currency().getCurrencyCode(),
                order.lines().stream().map(line -> new Line(line.sku(), line.title(), line.quantity(),
                        line.unitPrice().setScale(scale).toPlainString())).toList(),
                order.shippingCost().setScale(scale).toPlainString(), order.paymentMethod(), order.paymentReference(),
                order.shippingMethodPaid(), order.shippingMethodUsed(), order.carrier(), order.trackingNumber(),
                order.paidAt(), order.shippedAt(), order.promisedDeliveryDays(), order.deliveryConfirmedAt(),
                order.customsReturned(),
                order.shippingCostOfMethodUsed() == null ? null
                        : order.shippingCostOfMethodUsed().setScale(scale).toPlainString(),
                order.charges().stream().map(charge -> new Charge(charge.reference(),
                        charge.amount().setScale(scale).toPlainString())).toList());
    }
}
