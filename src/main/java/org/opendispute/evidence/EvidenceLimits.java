package org.opendispute.evidence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code disputes.evidence.*}: how long an upload no dispute took is kept, and each user's upload quota
 * over the last 24 hours.
 */
@ConfigurationProperties("disputes.evidence")
public record EvidenceLimits(@DefaultValue("PT24H") Duration unattachedExpiry,
                             @DefaultValue("50") int dailyFiles,
                             @DefaultValue("200MB") DataSize dailyBytes) {
}
