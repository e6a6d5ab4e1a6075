package org.opendispute.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.Groups;
import org.opendispute.order.Order;
import org.opendispute.order.OrderStore;
import org.opendispute.support.ApiClient.Response;
import org.opendispute.support.ApiClient;
import org.opendispute.support.NodeDeathAfterCommit;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestOrders;
import org.opendispute.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Idempotency keys survive the failures of a cluster: a lost answer, a claim whose node died. */
@PostgresTest
class IdempotencyRecoveryTest {

    @Autowired TestRestTemplate http;
    @Autowired IdentityService identityService;
    @Autowired OrderStore orders;
    @Autowired DisputeStore disputes;
    @Autowired JdbcClient jdbc;

    ApiClient api;
    String buyer;
    Order order;
    Map<String, Object> body;

    @BeforeEach
    void order() {
        api = new ApiClient(http);
        buyer = TestUsers.ensure(identityService, "idbuyer" + UUID.randomUUID().toString().substring(0, 8), Groups.BUYERS);
        order = TestOrders.between(buyer, TestUsers.ensure(identityService, "idseller", Groups.SELLERS));
        orders.save(order);
        body = Map.of("orderId", order.orderId(), "reason", "NOT_RECEIVED", "description", "Never arrived",
                "requestedResolution", Map.of("type", "FULL_REFUND"));
    }

    @AfterEach
    void clock() {
        ClockUtil.reset();
    }

    @Test
    void aRetryAfterTheNodeDiedBetweenCommitAndAnswerReceivesTheCommittedDispute() {
        String key = "open-" + order.orderId();

        Response lost = api.exchange(buyer, HttpMethod.POST, "/api/disputes", body,
                Map.of("Idempotency-Key", key, NodeDeathAfterCommit.HEADER, "true"));
        assertThat(lost.status()).isEqualTo(500); // what the client saw: no answer
        assertThat(disputes.statusesOfOrder(order.orderId())).hasSize(1); // but the opening committed

        Response retry = api.exchange(buyer, HttpMethod.POST, "/api/disputes", body, Map.of("Idempotency-Key", key));
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.headers().getLocation()).hasToString("/api/disputes/" + retry.text("id"));
        assertThat(retry.text("orderId")).isEqualTo(order.orderId());
        assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(disputes.statusesOfOrder(order.orderId())).hasSize(1);
    }

    @Test
    void aClaimLeftByADeadNodeBlocksRetriesOnlyForItsLease() {
        String key = "open-" + order.orderId();
        Instant now = Instant.now();
        // What a node leaves behind when it dies after claiming the key and before its action committed.
        jdbc.sql("""
                INSERT INTO disputes.api_idempotency (caller, idempotency_key, request_hash, created_at, lease_until)
                VALUES (?, ?, ?, ?, ?)""")
                .params(buyer, key, hashOfTheSameRequest(key), java.sql.Timestamp.from(now),
                        java.sql.Timestamp.from(now.plusSeconds(30)))
                .update();

        Response during = api.exchange(buyer, HttpMethod.POST, "/api/disputes", body, Map.of("Idempotency-Key", key));
        assertThat(during.status()).isEqualTo(409);
        assertThat(during.text("code")).isEqualTo("request-in-progress");
        assertThat(during.headers().getFirst("Retry-After")).isNotBlank();

        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofSeconds(31))));
        Response after = api.exchange(buyer, HttpMethod.POST, "/api/disputes", body, Map.of("Idempotency-Key", key));
        assertThat(after.status()).as(after.toString()).isEqualTo(201);
        assertThat(disputes.statusesOfOrder(order.orderId())).hasSize(1);

        Response replay = api.exchange(buyer, HttpMethod.POST, "/api/disputes", body, Map.of("Idempotency-Key", key));
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.text("id")).isEqualTo(after.text("id"));
        assertThat(replay.headers().getLocation()).hasToString("/api/disputes/" + after.text("id"));
    }

    /** The hash the filter computes of this request: method, path and the body's bytes as ApiClient sends them. */
    String hashOfTheSameRequest(String key) {
        return sha256("POST /api/disputes\n" + toJson(body));
    }

    static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
