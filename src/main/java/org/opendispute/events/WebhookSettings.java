package org.opendispute.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code disputes.webhooks.*}. Targets are https on public addresses unless {@code allow-private-targets} (the demo
 * profile and the tests), which also lets plain http reach them.
 */
@ConfigurationProperties("disputes.webhooks")
public record WebhookSettings(
        @DefaultValue("false") boolean allowPrivateTargets,
        /** How long one delivery may take, connecting included. */
        @DefaultValue("PT10S") Duration timeout,
        /** How often a node looks for deliveries due; each is claimed in the database, so one node sends it. */
        @DefaultValue("PT1S") Duration pollInterval,
        /** How long a claimed delivery is a node's own; a node that dies gives it back after this. */
        @DefaultValue("PT1M") Duration claim,
        /** How long the secret before a rotation still signs, beside the new one. */
        @DefaultValue("PT24H") Duration secretGrace,
        /** Endpoints served at once per node, each by one sender, so a slow one delays no other. */
        @DefaultValue("8") int senders,
        /** Deliveries of different disputes sent to one endpoint at once (a dispute's own go one after another). */
        @DefaultValue("32") int concurrencyPerEndpoint,
        /** Whether this node sends deliveries at all (the tests send them themselves). */
        @DefaultValue("true") boolean dispatch) {
}
