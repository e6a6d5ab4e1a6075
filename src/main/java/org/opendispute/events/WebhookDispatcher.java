package org.opendispute.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Sends what the outbox committed: each delivery is claimed in the database, POSTed with Standard Webhooks
 * headers, and retried on the standard's schedule until the endpoint answers 2xx. An endpoint gets one sender at
 * a time and keeps its disputes' order; the others go on meanwhile.
 */
@Component
public class WebhookDispatcher {

    /** Standard Webhooks' schedule: the first try at once, then after each failure the next delay. */
    static final List<Duration> RETRIES = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20),
            Duration.ofHours(24));
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(24);
    /** Beyond the request timeout, how long a round waits for its slowest answer before it gives up on it. */
    private static final Duration ROUND_GRACE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookDeliveries deliveries;
    private final WebhookEndpoints endpoints;
    private final WebhookTargets targets;
    private final WebhookSettings settings;
    private final Clock clock;
    private final WebhookOutcomes outcomes;
    private final HttpClient http;
    private final ExecutorService senders;
    private final Set<String> sending = ConcurrentHashMap.newKeySet();

    WebhookDispatcher(WebhookDeliveries deliveries, WebhookEndpoints endpoints, WebhookTargets targets,
                      WebhookSettings settings, Clock clock, WebhookOutcomes outcomes) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.targets = targets;
        this.settings = settings;
        this.clock = clock;
        this.outcomes = outcomes;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.senders = Executors.newFixedThreadPool(settings.senders());
    }

    @Scheduled(fixedDelayString = "${disputes.webhooks.poll-interval:PT1S}", initialDelayString = "PT5S")
    void poll() {
        if (!settings.dispatch()) {
            return;
        }
        for (String endpointId : deliveries.endpointsDue()) {
            if (sending.add(endpointId)) {
                senders.execute(() -> {
                    try {
                        drain(endpointId);
                    } catch (RuntimeException e) {
                        log.warn("Webhook deliveries to {} stopped: {}", endpointId, e.toString());
                    } finally {
                        sending.remove(endpointId);
                    }
                });
            }
        }
    }

    /** Sends every delivery due now, in the calling thread; answers how many were sent (whatever the answer). */
    public int deliverDue() {
        return deliveries.endpointsDue().stream().mapToInt(this::drain).sum();
    }

    /**
     * Sends the endpoint's due deliveries until none is left. Each round holds at most one delivery per dispute (the
     * oldest unsent of each), so a round goes out at once, in parallel, and a dispute's next event waits for the
     * answer to its last.
     */
    int drain(String endpointId) {
        int sent = 0;
        while (true) {
            Optional<WebhookEndpoints.Target> target = endpoints.enabledTarget(endpointId);
            if (target.isEmpty()) {
                return sent;
            }
            List<WebhookDeliveries.Due> claimed = deliveries.claimDue(endpointId, settings.concurrencyPerEndpoint(),
                    clock.instant().plus(settings.claim()));
            if (claimed.isEmpty()) {
                return sent;
            }
            sent += claimed.size();
            if (!sendAll(target.get().endpoint(), target.get().secrets(), claimed)) {
                return sent;
            }
        }
    }

    /** One attempt of each; answers whether the endpoint may take the next round (it did not go away). */
    private boolean sendAll(WebhookEndpoints.Endpoint endpoint, WebhookEndpoints.Secrets secrets,
                            List<WebhookDeliveries.Due> round) {
        String refusal = targets.refusal(endpoint.url());
        if (refusal != null) {
            round.forEach(delivery -> retryOrFail(endpoint, delivery, null, "Not sent: " + refusal, null));
            return true;
        }
        List<CompletableFuture<HttpResponse<Void>>> answers = round.stream()
                .map(delivery -> http.sendAsync(request(endpoint, secrets, delivery), HttpResponse.BodyHandlers.discarding()))
                .toList();
        boolean gone = false;
        Map<Integer, List<Long>> accepted = new HashMap<>();
        // Every request has its own timeout, yet a round must end even if one of them never completes: a drain
        // waiting forever would hold back every later event of the endpoint
        long roundEndsAt = System.nanoTime() + settings.timeout().plus(ROUND_GRACE).toNanos();
        for (int i = 0; i < round.size(); i++) {
            gone |= !record(endpoint, round.get(i), answers.get(i), roundEndsAt, accepted);
        }
        accepted.forEach((status, ids) -> deliveries.delivered(ids, status));
        return !gone;
    }

    private HttpRequest request(WebhookEndpoints.Endpoint endpoint, WebhookEndpoints.Secrets secrets,
                                WebhookDeliveries.Due delivery) {
        long timestamp = clock.instant().getEpochSecond();
        String signature = WebhookSignature.sign(secrets.current(), delivery.eventId(), timestamp, delivery.body());
        if (secrets.previous() != null) {
            signature += " " + WebhookSignature.sign(secrets.previous(), delivery.eventId(), timestamp, delivery.body());
        }
        return HttpRequest.newBuilder(URI.create(endpoint.url()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "OpenDispute-Webhooks/1.0")
                .header("webhook-id", delivery.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8))
                .build();
    }

    /**
     * Records the endpoint's answer (a 2xx into {@code accepted}, by status, for one update of the round); answers
     * whether the endpoint is still there (not 410 Gone).
     */
    private boolean record(WebhookEndpoints.Endpoint endpoint, WebhookDeliveries.Due delivery,
                           CompletableFuture<HttpResponse<Void>> answer, long roundEndsAt,
                           Map<Integer, List<Long>> accepted) {
        HttpResponse<Void> response;
        try {
            response = awaitAnswer(answer, roundEndsAt);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            retryOrFail(endpoint, delivery, null, cause.getClass().getSimpleName() + ": " + cause.getMessage(), null);
            return true;
        } catch (TimeoutException e) {
            retryOrFail(endpoint, delivery, null, "No answer within " + settings.timeout().plus(ROUND_GRACE), null);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retryOrFail(endpoint, delivery, null, "Interrupted", null);
            return true;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            accepted.computeIfAbsent(status, any -> new ArrayList<>()).add(delivery.id());
            outcomes.counted(WebhookOutcomes.Result.DELIVERED);
            return true;
        }
        if (status == 410) {
            deliveries.failed(delivery.id(), status, "410 Gone: the endpoint was disabled");
            outcomes.counted(WebhookOutcomes.Result.FAILED);
            endpoints.disable(endpoint.id(), "The target answered 410 Gone");
            return false;
        }
        Duration retryAfter = (status == 429 || status == 503)
                ? response.headers().firstValue("Retry-After").flatMap(WebhookDispatcher::seconds).orElse(null)
                : null;
        retryOrFail(endpoint, delivery, status, "HTTP " + status, retryAfter);
        return true;
    }

    /** The answer, waited for until the round's end (System.nanoTime()); an answer still missing then is cancelled. */
    static <T> T awaitAnswer(CompletableFuture<T> answer, long roundEndsAt)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return answer.get(Math.max(0, roundEndsAt - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw e;
        }
    }

    private void retryOrFail(WebhookEndpoints.Endpoint endpoint, WebhookDeliveries.Due delivery, Integer status,
                             String error, Duration retryAfter) {
        String reason = error.length() > 500 ? error.substring(0, 500) : error;
        if (delivery.attempts() >= RETRIES.size()) {
            deliveries.failed(delivery.id(), status, reason);
            outcomes.counted(WebhookOutcomes.Result.FAILED);
            return;
        }
        outcomes.counted(WebhookOutcomes.Result.RETRYING);
        Duration delay = retryAfter != null ? retryAfter : jittered(RETRIES.get(delivery.attempts()));
        deliveries.retryAt(endpoint.id(), delivery, status, reason, clock.instant().plus(delay));
    }

    /** Up to a tenth more, so that endpoints that failed together are not retried together. */
    static Duration jittered(Duration delay) {
        return delay.plusMillis(ThreadLocalRandom.current().nextLong(delay.toMillis() / 10 + 1));
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
            return Optional.of(asked.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : asked);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }
}
