package org.opendispute.refund;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code disputes.payments.stripe.*}: the secret key from the environment ({@code STRIPE_API_KEY}), the API's
 * base (a stub in tests), and timeouts well below the job executor's lock, so that a slow call never outlives
 * the lock and runs twice.
 */
@ConfigurationProperties("disputes.payments.stripe")
public record StripeSettings(
        String apiKey,
        @DefaultValue("https://api.stripe.com") String apiBase,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT20S") Duration readTimeout) {
}
