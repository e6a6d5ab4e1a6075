package org.opendispute.refund;

import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * For marketplaces that pay from their own ledger ({@code disputes.payments.provider=external-task}): the refund
 * is the external task {@code dispute-refund} ({@link RefundPayments#TOPIC}), which the marketplace's payment
 * service fetches and locks over {@code /engine-rest} with an integrator's credentials, pays under the refund's
 * idempotency key, and completes with {@code providerReference}; a permanent refusal is the BPMN error
 * {@code RefundFailed} with the reason as its message, a passing failure {@code handleFailure} with retries.
 */
@Component
@ConditionalOnProperty(name = "disputes.payments.provider", havingValue = "external-task")
public class ExternalTaskPaymentGateway implements PaymentGateway {

    @Override
    public boolean paysThroughExternalTask() {
        return true;
    }

    @Override
    public Outcome refund(RefundOrder order) {
        throw new IllegalStateException("The marketplace's payment service pays " + order.idempotencyKey()
                + " through the external task " + RefundPayments.TOPIC);
    }

    @Override
    public Optional<String> find(RefundOrder order) {
        return Optional.empty();
    }
}
