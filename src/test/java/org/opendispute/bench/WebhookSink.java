package org.opendispute.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.opendispute.events.WebhookReceiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * One webhook endpoint receiving every event during the benchmark: counts them (once per id) and how long each
 * took from the change's commit ({@code occurredAt}) to its arrival.
 */
final class WebhookSink implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, HarnessThreads.named("webhook-sink"));
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
    private final List<long[]> arrivals = new CopyOnWriteArrayList<>();
    /** Each dispute event received, as {@code disputeId#disputeVersion}. */
    private final Set<String> versions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile String secret;

    WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/hooks", exchange -> {
            long arrived = System.currentTimeMillis();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            var headers = exchange.getRequestHeaders();
            if (secret != null && !WebhookReceiver.signedWith(secret, headers.getFirst("webhook-id"),
                    headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"),
                    new String(body, StandardCharsets.UTF_8))) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            JsonNode event = json.readTree(body);
            if (!event.path("disputeId").isNull()) {
                versions.add(event.get("disputeId").asText() + "#" + event.get("disputeVersion").asInt());
            }
            if (seen.putIfAbsent(event.get("id").asText(), Boolean.TRUE) == null) {
                arrivals.add(new long[] {Instant.parse(event.get("occurredAt").asText()).toEpochMilli(), arrived});
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        HarnessThreads.adoptingNew(() -> {
            server.start();
            return server;
        });
    }

    /** From now on a delivery must carry a signature of this secret (the endpoint's), or it is refused with 401. */
    void verifyWith(String endpointSecret) {
        this.secret = endpointSecret;
    }

    Set<String> disputeVersions() {
        return versions;
    }

    int badSignatures() {
        return badSignatures.get();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Events that occurred from this instant on: how many arrived, and their lag. */
    void figures(Instant since, Map<String, Object> figures) {
        List<Long> lags = arrivals.stream().filter(a -> a[0] >= since.toEpochMilli()).map(a -> a[1] - a[0]).toList();
        figures.put("webhook_events", lags.size());
        figures.put("webhook_lag_p50_ms", lags.isEmpty() ? null : Latencies.percentile(lags, 50));
        figures.put("webhook_lag_p99_ms", lags.isEmpty() ? null : Latencies.percentile(lags, 99));
    }

    @Override
    public void close() {
        server.stop(0);
        // Non-daemon threads: left running, they keep the benchmark's JVM alive after its last line
        threads.shutdownNow();
    }
}
