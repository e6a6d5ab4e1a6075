package org.opendispute.refund;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;

/**
 * Refunds through Stripe's Refunds API ({@code disputes.payments.provider=stripe}): the amount in the currency's
 * minor units against the original PaymentIntent ({@code pi_…}) or charge ({@code ch_…}, {@code py_…}), our
 * idempotency key as the {@code Idempotency-Key}, our dispute id and key in the refund's metadata, which is how
 * {@link #find} recognises a refund we made even after Stripe has forgotten the key. The client retries nothing
 * itself: the refund's job does, after asking.
 */
@Component
@ConditionalOnProperty(name = "disputes.payments.provider", havingValue = "stripe")
class StripePaymentGateway implements PaymentGateway {

    static final String DISPUTE_ID = "opendispute_dispute_id";
    static final String IDEMPOTENCY_KEY = "opendispute_idempotency_key";
    /** A refund in these states moved no money and will not. */
    private static final Set<String> NOT_MADE = Set.of("failed", "canceled");

    /** A refund's job calls Stripe at most this often: find an earlier refund of the dispute, then make it. */
    static final int CALLS_PER_JOB = 2;

    private final StripeClient stripe;

    StripePaymentGateway(StripeSettings settings, @Value("${disputes.jobs.lock-time:PT1M}") Duration jobLockTime) {
        if (settings.apiKey() == null || settings.apiKey().isBlank()) {
            throw new IllegalStateException("disputes.payments.provider=stripe needs STRIPE_API_KEY");
        }
        // The refund's job asks Stripe for an earlier refund, then makes one: both calls must end within its lock
        Duration longestJob = settings.connectTimeout().plus(settings.readTimeout()).multipliedBy(CALLS_PER_JOB);
        if (longestJob.compareTo(jobLockTime) >= 0) {
            throw new IllegalStateException("Stripe's timeouts (" + CALLS_PER_JOB + " × (" + settings.connectTimeout()
                    + " + " + settings.readTimeout() + ")) must be shorter than disputes.jobs.lock-time (" + jobLockTime
                    + "), or a slow refund's job would run twice");
        }
        this.stripe = StripeClient.builder()
                .setApiKey(settings.apiKey())
                .setApiBase(settings.apiBase())
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setReadTimeout((int) settings.readTimeout().toMillis())
                .setMaxNetworkRetries(0)
                .build();
    }

    @Override
    public Outcome refund(RefundOrder order) {
        RefundCreateParams.Builder params = RefundCreateParams.builder()
                .setAmount(minorUnits(order))
                .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
                .putMetadata(DISPUTE_ID, order.disputeId())
                .putMetadata(IDEMPOTENCY_KEY, order.idempotencyKey());
        if (isCharge(order.paymentReference())) {
            params.setCharge(order.paymentReference());
        } else {
            params.setPaymentIntent(order.paymentReference());
        }
        try {
            Refund refund = stripe.refunds().create(params.build(),
                    RequestOptions.builder().setIdempotencyKey(order.idempotencyKey()).build());
            return NOT_MADE.contains(refund.getStatus())
                    ? new Outcome.Refused("Stripe refund " + refund.getId() + " " + refund.getStatus()
                            + (refund.getFailureReason() == null ? "" : ": " + refund.getFailureReason()))
                    : new Outcome.Paid(refund.getId());
        } catch (RateLimitException | IdempotencyException | ApiConnectionException e) {
            return new Outcome.NoAnswer(describe(e));
        } catch (CardException | InvalidRequestException e) {
            return new Outcome.Refused(describe(e));
        } catch (StripeException e) {
            // 401/403 (our key), 5xx: nothing says the refund cannot be made; retried, then an incident.
            return new Outcome.NoAnswer(describe(e));
        }
    }

    @Override
    public Optional<String> find(RefundOrder order) {
        RefundListParams.Builder params = RefundListParams.builder().setLimit(100L);
        if (isCharge(order.paymentReference())) {
            params.setCharge(order.paymentReference());
        } else {
            params.setPaymentIntent(order.paymentReference());
        }
        try {
            for (Refund refund : stripe.refunds().list(params.build()).autoPagingIterable()) {
                if (order.idempotencyKey().equals(refund.getMetadata().get(IDEMPOTENCY_KEY))
                        && !NOT_MADE.contains(refund.getStatus())) {
                    return Optional.of(refund.getId());
                }
            }
            return Optional.empty();
        } catch (StripeException e) {
            // Not knowing is not "not made": the job fails and asks again later.
            throw new IllegalStateException("Could not ask Stripe for the refunds of " + order.paymentReference()
                    + ": " + describe(e), e);
        }
    }

    private static long minorUnits(RefundOrder order) {
        return order.amount().amount().movePointRight(order.amount().currency().getDefaultFractionDigits())
                .longValueExact();
    }

    private static boolean isCharge(String reference) {
        return reference.startsWith("ch_") || reference.startsWith("py_");
    }

    private static String describe(StripeException e) {
        return "Stripe " + (e.getStatusCode() == null ? "" : e.getStatusCode() + " ")
                + (e.getCode() == null ? "" : e.getCode() + ": ") + e.getMessage();
    }
}
