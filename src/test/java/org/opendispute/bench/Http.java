package org.opendispute.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The benchmark's HTTP client: JSON in and out, HTTP Basic, every call timed into a latency bucket. With failover
 * (the reliability harness, in front of a proxy whose nodes die) every POST carries an {@code Idempotency-Key}, and a
 * call that got no answer, or the proxy's 502/503/504, is sent again with the same key until it is answered.
 */
final class Http {

    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(120);

    private final HttpClient client = HarnessThreads.adoptingNew(() -> HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newCachedThreadPool(HarnessThreads.named("http"))).build());
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String password;
    final Latencies latencies;
    private final boolean failover;
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();

    Http(String base, String password, Latencies latencies) {
        this(base, password, latencies, false);
    }

    Http(String base, String password, Latencies latencies, boolean failover) {
        this.base = base;
        this.password = password;
        this.latencies = latencies;
        this.failover = failover;
    }

    /** Calls that were sent more than once. */
    int retried() {
        return retried.get();
    }

    /** Calls sent again until the client gave up, never answered. */
    int unanswered() {
        return unanswered.get();
    }

    record Answer(int status, JsonNode body) {
        String text(String pointer) {
            return body == null ? null : body.at(pointer).asText(null);
        }
    }

    Answer get(String user, String path) {
        return get(null, user, path);
    }

    Answer get(String bucket, String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET(), bucket);
    }

    Answer post(String bucket, String user, String path, Object body) {
        try {
            String payload = body == null ? "" : json.writeValueAsString(body);
            return send(user, HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload)), bucket);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Answer put(String user, String path, Object body) {
        try {
            String payload = body == null ? "" : json.writeValueAsString(body);
            return send(user, HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(payload)), null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Answer upload(String bucket, String user, String path, String fileName, byte[] content) {
        String boundary = "bench" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, payload, 0, head.length);
        System.arraycopy(content, 0, payload, head.length, content.length);
        System.arraycopy(tail, 0, payload, head.length + content.length, tail.length);
        return send(user, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)), bucket);
    }

    private Answer send(String user, HttpRequest.Builder request, String bucket) {
        request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        request.timeout(Duration.ofSeconds(60));
        HttpRequest built = request.build();
        if (failover && built.method().equals("POST")) {
            built = HttpRequest.newBuilder(built, (name, value) -> true)
                    .header("Idempotency-Key", UUID.randomUUID().toString()).build();
        }
        long giveUpAt = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> response = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                // The proxy found no node, or the node that died held the key's claim (until its lease runs out)
                boolean answerLater = status == 502 || status == 503 || status == 504
                        || (status == 409 && response.headers().firstValue("Retry-After").isPresent());
                if (failover && answerLater && System.nanoTime() < giveUpAt) {
                    retryPause(attempt);
                    continue;
                }
                if (failover && attempt > 1 && answerLater) {
                    unanswered.incrementAndGet();
                }
                if (bucket != null) {
                    latencies.record(bucket, System.nanoTime() - start);
                }
                byte[] body = response.body();
                return new Answer(status, body.length == 0 ? null : json.readTree(body));
            } catch (IOException e) {
                if (!failover) {
                    throw new IllegalStateException(e);
                }
                if (System.nanoTime() >= giveUpAt) {
                    unanswered.incrementAndGet();
                    throw new IllegalStateException("no answer after " + attempt + " attempts", e);
                }
                try {
                    retryPause(attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void retryPause(int attempt) throws InterruptedException {
        if (attempt == 1) {
            retried.incrementAndGet();
        }
        Thread.sleep(Math.min(2000, 200L * attempt));
    }
}
