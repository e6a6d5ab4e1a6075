package org.opendispute.refund;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code disputes.payments.*}: who pays refunds back ({@code recording}, {@code stripe}, {@code external-task}), and
 * the back-off of a refund whose provider does not answer, as the engine's retry cycle (ISO-8601 durations, comma
 * separated: one retry each); after the last the refund is an incident in Cockpit.
 */
@ConfigurationProperties("disputes.payments")
public record PaymentSettings(
        @DefaultValue("recording") String provider,
        @DefaultValue("PT1M,PT5M,PT30M,PT2H,PT12H") String retryCycle) {
}
