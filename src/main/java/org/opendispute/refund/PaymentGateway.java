package org.opendispute.refund;

import java.util.Optional;

import org.opendispute.order.Money;

/**
 * The payment provider's side of a refund, chosen by {@code disputes.payments.provider}. A refund is asked with
 * our idempotency key and our dispute id; before a refund that may already have been made is sent again,
 * {@link #find} asks the provider for it by those, so a crash, a late retry or an operator's retry never pays twice,
 * even with a provider that has forgotten the key.
 */
public interface PaymentGateway {

    Outcome refund(RefundOrder order);

    /**
     * Whether the marketplace's own payment service pays, as the Camunda external task {@code dispute-refund} it
     * fetches over {@code /engine-rest}, instead of this application calling a provider.
     */
    default boolean paysThroughExternalTask() {
        return false;
    }

    /** The provider's reference of the refund it made for this order, if it made one. */
    Optional<String> find(RefundOrder order);

    /** What is to be paid back, to which payment, under which key. */
    record RefundOrder(String idempotencyKey, String disputeId, Money amount, String paymentMethod,
                       String paymentReference) {

        static RefundOrder of(Refund refund) {
            return new RefundOrder(refund.idempotencyKey(), refund.disputeId(), refund.amount(),
                    refund.paymentMethod(), refund.paymentReference());
        }
    }

    sealed interface Outcome {
        /** Paid: the provider's reference. */
        record Paid(String reference) implements Outcome {
        }

        /** Refused for good (the card is closed, the charge was disputed, ...): the reason, for the mediator. */
        record Refused(String reason) implements Outcome {
        }

        /** No answer (a timeout, a 5xx): the provider may or may not have paid. */
        record NoAnswer(String detail) implements Outcome {
        }
    }
}
