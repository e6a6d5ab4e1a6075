package org.opendispute.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stripe's Refunds API as far as OpenDispute uses it, on this machine: {@code POST /v1/refunds} makes a refund once
 * per {@code Idempotency-Key} (a repeated key answers the refund it made, as Stripe does) and {@code GET /v1/refunds}
 * lists a payment's refunds. It counts what a real provider would have paid out, per dispute.
 */
final class FakeStripe implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final ObjectMapper json = new ObjectMapper();
    /** The refunds made, by idempotency key, in the order they were made. */
    private final Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();

    FakeStripe() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/refunds", exchange -> {
            try (exchange) {
                if (exchange.getRequestMethod().equals("POST")) {
                    create(exchange);
                } else {
                    list(exchange);
                }
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many refunds each dispute was paid (made, not merely asked for). */
    synchronized Map<String, Integer> paymentsPerDispute() {
        Map<String, Integer> payments = new HashMap<>();
        for (Map<String, Object> refund : byKey.values()) {
            @SuppressWarnings("unchecked")
            Map<String, String> metadata = (Map<String, String>) refund.get("metadata");
            payments.merge(metadata.get("opendispute_dispute_id"), 1, Integer::sum);
        }
        return payments;
    }

    private void create(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        Map<String, Object> refund;
        synchronized (this) {
            refund = byKey.get(key);
            if (refund == null) {
                refund = new LinkedHashMap<>();
                refund.put("id", "re_" + (byKey.size() + 1));
                refund.put("object", "refund");
                refund.put("amount", Long.parseLong(form.get("amount")));
                refund.put("currency", "eur");
                refund.put("payment_intent", form.get("payment_intent"));
                refund.put("charge", form.get("charge"));
                refund.put("status", "succeeded");
                refund.put("metadata", Map.of(
                        "opendispute_dispute_id", form.getOrDefault("metadata[opendispute_dispute_id]", ""),
                        "opendispute_idempotency_key", form.getOrDefault("metadata[opendispute_idempotency_key]", "")));
                byKey.put(key, refund);
            }
        }
        answer(exchange, refund);
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String payment = query.containsKey("charge") ? query.get("charge") : query.get("payment_intent");
        List<Map<String, Object>> refunds = new ArrayList<>();
        synchronized (this) {
            for (Map<String, Object> refund : byKey.values()) {
                if (payment != null && (payment.equals(refund.get("payment_intent")) || payment.equals(refund.get("charge")))) {
                    refunds.add(refund);
                }
            }
        }
        answer(exchange, Map.of("object", "list", "url", "/v1/refunds", "has_more", false, "data", refunds));
    }

    private void answer(HttpExchange exchange, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_fake");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            fields.put(name, value);
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
