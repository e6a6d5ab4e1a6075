package org.opendispute.support;

import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.opendispute.refund.PaymentGateway;

/**
 * A payment provider for tests that does what it is told next (fail, refuse, pay and then lose the answer, ...)
 * and counts the refunds it really made, per dispute; or hands every call to a real provider's client. Like Stripe it remembers idempotency keys, unless told to
 * forget them, and finds a refund by the reference we gave it.
 */
public class FlakyPaymentGateway implements PaymentGateway {

    public enum Next {
        PAY,
        /** Unavailable: nothing paid, an exception. */
        FAIL,
        /** Refuses for good. */
        REFUSE,
        /** Pays, then the node dies before it can commit what it heard. */
        PAY_THEN_DIE,
        /** Pays, but the answer never arrives (a read timeout). */
        PAY_THEN_TIME_OUT
    }

    /** The node died: not an exception the code under test may catch. */
    public static final class NodeDied extends Error {
        NodeDied() {
            super("The node died after the provider paid");
        }
    }

    private final Queue<Next> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final Map<String, String> byIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, String> byOurReference = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> paymentsByDispute = new ConcurrentHashMap<>();
    private volatile boolean forgetsKeys;
    private volatile PaymentGateway provider;

    public void reset() {
        provider = null;
        script.clear();
        calls.set(0);
        byIdempotencyKey.clear();
        forgetsKeys = false;
    }

    public void failNext(int times) {
        for (int i = 0; i < times; i++) {
            script.add(Next.FAIL);
        }
    }

    public void next(Next... steps) {
        script.addAll(java.util.List.of(steps));
    }

    /** From now on a real provider's client answers (against a stub of its API), until {@link #reset}. */
    public void useProvider(PaymentGateway realProvider) {
        this.provider = realProvider;
    }

    /** Idempotency keys expire (Stripe keeps them 24 hours): a key sent again pays again. */
    public void forgetKeys() {
        byIdempotencyKey.clear();
        forgetsKeys = true;
    }

    public int calls() {
        return calls.get();
    }

    /** The refunds the provider really made for the dispute. */
    public int payments(String disputeId) {
        AtomicInteger payments = paymentsByDispute.get(disputeId);
        return payments == null ? 0 : payments.get();
    }

    @Override
    public boolean paysThroughExternalTask() {
        PaymentGateway real = provider;
        return real != null && real.paysThroughExternalTask();
    }

    @Override
    public Outcome refund(RefundOrder order) {
        if (provider != null) {
            return provider.refund(order);
        }
        calls.incrementAndGet();
        Next step = script.isEmpty() ? Next.PAY : script.poll();
        if (step == Next.FAIL) {
            throw new IllegalStateException("Payment provider unavailable");
        }
        if (step == Next.REFUSE) {
            return new Outcome.Refused("The card was closed (test provider)");
        }
        String reference = forgetsKeys ? null : byIdempotencyKey.get(order.idempotencyKey());
        if (reference == null) {
            reference = "test:" + order.idempotencyKey() + ":" + calls.get();
            paymentsByDispute.computeIfAbsent(order.disputeId(), id -> new AtomicInteger()).incrementAndGet();
            if (!forgetsKeys) {
                byIdempotencyKey.put(order.idempotencyKey(), reference);
            }
            byOurReference.put(order.idempotencyKey(), reference);
        }
        if (step == Next.PAY_THEN_DIE) {
            throw new NodeDied();
        }
        if (step == Next.PAY_THEN_TIME_OUT) {
            return new Outcome.NoAnswer("Read timed out (test provider)");
        }
        return new Outcome.Paid(reference);
    }

    @Override
    public Optional<String> find(RefundOrder order) {
        if (provider != null) {
            return provider.find(order);
        }
        return Optional.ofNullable(byOurReference.get(order.idempotencyKey()));
    }
}
