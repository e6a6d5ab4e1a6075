package org.opendispute.refund;

import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The built-in payment side (the demo default): the refund row in the store is the record of the payment, and
 * the reference derives from the idempotency key, so a retry gets the same one. It moves no money; the refund
 * still goes through the same states as with a real provider.
 */
@Component
@ConditionalOnProperty(name = "disputes.payments.provider", havingValue = "recording", matchIfMissing = true)
class RecordingPaymentGateway implements PaymentGateway {

    @Override
    public Outcome refund(RefundOrder order) {
        return new Outcome.Paid(reference(order));
    }

    @Override
    public Optional<String> find(RefundOrder order) {
        // What was "paid" is what we recorded: a refund submitted and not answered was not made.
        return Optional.empty();
    }

    private static String reference(RefundOrder order) {
        return "internal:" + order.idempotencyKey();
    }
}
