package org.opendispute.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.opendispute.order.Money;
import org.opendispute.refund.PaymentGateway;

/** A payment side that fails the next {@code n} calls on request, then pays (idempotently, by key). */
public class FlakyPaymentGateway implements PaymentGateway {

    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    public void failNext(int times) {
        failuresLeft.set(times);
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public String refund(String idempotencyKey, Money amount, String paymentMethod, String paymentReference) {
        calls.incrementAndGet();
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new IllegalStateException("Payment provider unavailable");
        }
        return "test:" + idempotencyKey;
    }
}
