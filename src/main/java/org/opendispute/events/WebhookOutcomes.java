package org.opendispute.events;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts each delivery attempt by its result, as {@code disputes_webhook_deliveries_total{result}}. */
@Component
class WebhookOutcomes {

    enum Result { DELIVERED, RETRYING, FAILED }

    private final Map<Result, Counter> counters = new EnumMap<>(Result.class);

    WebhookOutcomes(MeterRegistry registry) {
        for (Result result : Result.values()) {
            counters.put(result, Counter.builder("disputes.webhook.deliveries")
                    .description("Webhook delivery attempts by their result: delivered, to be retried, failed for good")
                    .tag("result", result.name().toLowerCase())
                    .register(registry));
        }
    }

    void counted(Result result) {
        counters.get(result).increment();
    }
}
