package org.opendispute.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.Groups;
import org.opendispute.support.ApiClient.Response;
import org.opendispute.support.ApiClient;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestOrders;
import org.opendispute.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random and malformed bodies, generated with jqwik, posted to every endpoint that takes one: never a 5xx,
 * and a rejected request leaves the store as it was.
 */
@PostgresTest
class ApiFuzzTest {

    static final int SAMPLES_PER_ENDPOINT = 60;
    static final List<String> TABLES = List.of("marketplace_order", "order_line", "tracking_event", "dispute",
            "dispute_line", "dispute_deadline", "evidence", "dispute_message", "proposal", "refund", "dispute_history",
            "buyer_account", "seller_statistics");

    @Autowired TestRestTemplate http;
    @Autowired IdentityService identityService;
    @Autowired JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();

    /** Any JSON value: the fields the API knows, with values of any type, and noise. */
    static Arbitrary<Object> jsonValue(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
                Arbitraries.of("", "EUR", "FULL_REFUND", "PARTIAL_REFUND", "ACCEPT", "PROPOSE", "REFUSE", "PLATFORM",
                        "SELLER", "RECEIVED", "DAMAGED", "NOT_RECEIVED", "DELIVERED", "12.50", "-1", "1e309", "0.001",
                        "2026-02-30T25:61:00Z", "2026-03-01T10:00:00Z", "ORD-1", "null", "\u0000", "💸")
                        .map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return scalar;
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, scalar),
                net.jqwik.api.Tuple.of(1, jsonValue(depth - 1).list().ofMaxSize(4).map(l -> (Object) l)),
                net.jqwik.api.Tuple.of(2, jsonObject(depth - 1).map(m -> (Object) m)));
    }

    static Arbitrary<Map<String, Object>> jsonObject(int depth) {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of("orderId", "reason", "description", "lines", "requestedResolution", "type", "amount",
                        "evidenceIds", "sku", "quantity", "action", "proposal", "choice", "body", "answer", "carrier",
                        "trackingNumber", "condition", "kind", "occurredAt", "buyerId", "sellerId", "currency",
                        "unitPrice", "title", "shippingCost", "paymentMethod", "paymentReference", "paidAt",
                        "shippedAt", "promisedDeliveryDays"),
                Arbitraries.strings().alpha().ofMaxLength(8));
        return Arbitraries.maps(keys, jsonValue(depth)).ofMaxSize(8).map(LinkedHashMap::new);
    }

    /** A body as sent on the wire: mostly JSON objects, sometimes other JSON, sometimes not JSON at all. */
    static Arbitrary<String> body(ObjectMapper json) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, jsonObject(2).map(m -> write(json, m))),
                net.jqwik.api.Tuple.of(1, jsonValue(2).map(v -> write(json, v))),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(60)),
                net.jqwik.api.Tuple.of(1, jsonObject(1).map(m -> write(json, m)).map(s -> s.substring(0, s.length() / 2))));
    }

    static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void randomBodiesNeverCauseA5xxNorChangeTheStoreWhenRejected() {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String buyer = TestUsers.ensure(identityService, "fzbuyer" + run, Groups.BUYERS);
        String seller = TestUsers.ensure(identityService, "fzseller" + run, Groups.SELLERS);
        String integrator = TestUsers.ensure(identityService, "fzintegrator" + run, Groups.INTEGRATORS);
        ApiClient api = new ApiClient(http);

        String orderId = TestOrders.unique("FZ");
        Instant shipped = Instant.now().minus(Duration.ofDays(12));
        Map<String, Object> order = Map.of("buyerId", buyer, "sellerId", seller, "currency", "EUR",
                "lines", List.of(Map.of("sku", "A", "title", "A", "quantity", 2, "unitPrice", "10.00")),
                "shippingCost", "2.00", "paymentMethod", "CARD", "paymentReference", "p",
                "paidAt", shipped.minus(Duration.ofDays(1)).toString(), "shippedAt", shipped.toString(),
                "promisedDeliveryDays", 30);
        assertThat(api.put(integrator, "/api/orders/" + orderId, order).status()).isEqualTo(201);
        String otherOrder = TestOrders.unique("FZ");
        assertThat(api.put(integrator, "/api/orders/" + otherOrder, order).status()).isEqualTo(201);
        Response dispute = api.post(buyer, "/api/disputes", Map.of("orderId", orderId, "reason", "NOT_RECEIVED",
                "description", "x", "requestedResolution", Map.of("type", "FULL_REFUND")));
        assertThat(dispute.status()).isEqualTo(201);
        String id = dispute.text("id");

        record Target(String user, HttpMethod method, String path) {
        }
        List<Target> targets = List.of(
                new Target(buyer, HttpMethod.POST, "/api/disputes"),
                new Target(integrator, HttpMethod.PUT, "/api/orders/" + TestOrders.unique("FZ")),
                new Target(integrator, HttpMethod.POST, "/api/orders/" + otherOrder + "/tracking-events"),
                new Target(seller, HttpMethod.POST, "/api/disputes/" + id + "/seller-response"),
                new Target(buyer, HttpMethod.POST, "/api/disputes/" + id + "/messages"),
                new Target(buyer, HttpMethod.POST, "/api/disputes/" + id + "/decision"),
                new Target(seller, HttpMethod.POST, "/api/disputes/" + id + "/information"),
                new Target(buyer, HttpMethod.POST, "/api/disputes/" + id + "/return-shipment"),
                new Target(seller, HttpMethod.POST, "/api/disputes/" + id + "/return-receipt"),
                new Target(seller, HttpMethod.POST, "/api/disputes/" + id + "/reshipment"));

        Random random = new Random(42);
        List<String> failures = new ArrayList<>();
        for (Target target : targets) {
            List<String> bodies = body(json).sampleStream().limit(SAMPLES_PER_ENDPOINT).toList();
            for (String body : bodies) {
                Map<String, String> headers = random.nextInt(5) == 0
                        ? Map.of("Idempotency-Key", "fz-" + random.nextInt(3)) : Map.of();
                Map<String, Long> before = fingerprint();
                Response response = api.exchange(target.user(), target.method(), target.path(), body, headers);
                if (response.status() >= 500) {
                    failures.add(target.path() + " <- " + body + " : " + response);
                }
                if (response.status() >= 400 && !fingerprint().equals(before)) {
                    failures.add("store changed by a rejected request: " + target.path() + " <- " + body + " : " + response);
                }
                if (response.status() >= 400) {
                    assertThat(response.isProblem()).as(target.path() + " <- " + body).isTrue();
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Row counts of every table of the store. */
    Map<String, Long> fingerprint() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM disputes." + table).query(Long.class).single());
        }
        counts.put("dispute.updated", jdbc.sql("SELECT COUNT(DISTINCT updated_at) FROM disputes.dispute")
                .query(Long.class).single());
        return counts;
    }
}
