package org.opendispute.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code disputes.events.*}: how long the feed keeps events ({@code GET /api/events}). */
@ConfigurationProperties("disputes.events")
public record EventSettings(@DefaultValue("P30D") Duration retention) {
}
