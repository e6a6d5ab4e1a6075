package org.opendispute.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * One webhook endpoint receiving every event during the benchmark: counts them (once per id) and how long each
 * took from the change's commit ({@code occurredAt}) to its arrival.
 */
final class WebhookSink implements AutoCloseable {

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
    private final List<long[]> arrivals = new CopyOnWriteArrayList<>();

    WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hooks", exchange -> {
            long arrived = System.currentTimeMillis();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            JsonNode event = json.readTree(body);
            if (seen.putIfAbsent(event.get("id").asText(), Boolean.TRUE) == null) {
                arrivals.add(new long[] {Instant.parse(event.get("occurredAt").asText()).toEpochMilli(), arrived});
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
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
    }
}
