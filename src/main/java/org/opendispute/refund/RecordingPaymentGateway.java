package org.opendispute.refund;

import org.opendispute.order.Money;
import org.springframework.stereotype.Component;

/**
 * The built-in payment side: the refund row in the store is the record of the payment, and the reference
 * derives from the idempotency key, so a retry gets the same one. A real provider plugs in as a {@code @Primary} bean.
 */
@Component
class RecordingPaymentGateway implements PaymentGateway {

    @Override
    public String refund(String idempotencyKey, Money amount, String paymentMethod, String paymentReference) {
        return "internal:" + idempotencyKey;
    }
}
