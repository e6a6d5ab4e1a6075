package org.opendispute.refund;

import org.opendispute.order.Money;

/**
 * The payment side of a refund: pays back through the order's original payment method. Implementations
 * must be idempotent on {@code idempotencyKey}: a retried call returns the first call's reference and
 * never pays twice (as Stripe's and PayPal's refund APIs are).
 */
public interface PaymentGateway {

    /** Answers the provider's reference of the refund. */
    String refund(String idempotencyKey, Money amount, String paymentMethod, String paymentReference);
}
