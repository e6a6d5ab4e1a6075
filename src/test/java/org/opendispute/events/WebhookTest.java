package org.opendispute.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.Groups;
import org.opendispute.jdbc.SqlTime;
import org.opendispute.support.ApiClient;
import org.opendispute.support.ApiClient.Response;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.RowsRead;
import org.opendispute.support.TestOrders;
import org.opendispute.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Webhooks end to end: a dispute's changes reach a receiver on this machine signed, in order, with gapless
 * versions, as the feed has them; failures are retried on the schedule (the clock moved, never slept), a 410
 * disables, and what a dead node had claimed or not yet sent is delivered by another.
 */
@PostgresTest
class WebhookTest {

    static final String INTEGRATOR = "hookintegrator";
    static final String SELLER = "hookseller";

    @Autowired TestRestTemplate http;
    @Autowired IdentityService identityService;
    @Autowired ManagementService managementService;
    @Autowired DisputeStore disputes;
    @Autowired WebhookDispatcher dispatcher;
    @Autowired WebhookDeliveries deliveries;
    @Autowired WebhookEndpoints endpoints;
    @Autowired WebhookTargets targets;
    @Autowired WebhookSettings settings;
    @Autowired java.time.Clock clock;
    @Autowired WebhookOutcomes outcomes;
    @Autowired ProtectionReminders reminders;
    @Autowired org.opendispute.order.OrderStore orders;
    @Autowired ObjectMapper json;
    @Autowired EventFeed feed;
    @Autowired EventSettings eventSettings;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactionManager;

    ApiClient api;
    String buyer;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(http);
        buyer = TestUsers.ensure(identityService, "hookbuyer" + Long.toString(System.nanoTime(), 36), Groups.BUYERS);
        TestUsers.ensure(identityService, SELLER, Groups.SELLERS);
        TestUsers.ensure(identityService, INTEGRATOR, Groups.INTEGRATORS);
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() {
        endpoints.list().forEach(endpoint -> endpoints.delete(endpoint.id()));
        receiver.close();
        ClockUtil.reset();
    }

    @Test
    void everyChangeOfADisputeArrivesSignedInOrderWithGaplessVersionsAsTheFeedHasIt() throws Exception {
        Response endpoint = register(List.of("*"));
        String secret = endpoint.text("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(api.get(INTEGRATOR, "/api/webhook-endpoints/" + endpoint.text("id")).json().has("secret"))
                .as("the secret is shown once").isFalse();

        String id = open();
        assertThat(api.post(SELLER, "/api/disputes/" + id + "/seller-response", Map.of("action", "ACCEPT")).status())
                .isEqualTo(200);
        managementService.executeJob(managementService.createJobQuery()
                .processInstanceId(disputes.get(id).processInstanceId()).singleResult().getId());
        assertThat(disputes.get(id).status().name()).isEqualTo("RESOLVED");

        dispatcher.deliverDue();

        List<JsonNode> events = eventsOf(id);
        assertThat(receiver.received).allSatisfy(delivery ->
                assertThat(WebhookReceiver.signedWith(secret, delivery)).as(delivery.id()).isTrue());
        assertThat(events.stream().map(e -> e.get("disputeVersion").asInt()).toList())
                .isEqualTo(IntStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events.stream().map(e -> e.get("type").asText()).toList())
                .startsWith("dispute.opened")
                .contains("dispute.status_changed", "dispute.resolution_agreed", "refund.pending", "refund.succeeded")
                .endsWith("dispute.resolved");
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.at("/data/status").asText()).isEqualTo("RESOLVED");
        assertThat(last.at("/data/outcome").asText()).isEqualTo("FULL_REFUND");
        assertThat(last.at("/data/resolution/amount/amount").asText()).isEqualTo("105.00");
        assertThat(dispatcher.deliverDue()).as("delivered once").isZero();

        List<String> feed = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get(INTEGRATOR, "/api/events?limit=50" + (cursor == null ? "" : "&after=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(item -> {
                if (item.get("disputeId").asText().equals(id)) {
                    feed.add(item.get("id").asText());
                }
            });
            cursor = page.json().get("items").isEmpty() ? null : page.text("next");
        } while (cursor != null);
        assertThat(feed).isEqualTo(events.stream().map(e -> e.get("id").asText()).toList());

        Response resolvedOnly = api.get(INTEGRATOR, "/api/events?types=dispute.resolved&limit=1000");
        assertThat(resolvedOnly.json().get("items")).allSatisfy(item ->
                assertThat(item.get("type").asText()).isEqualTo("dispute.resolved"));
        assertThat(api.get(buyer, "/api/events").status()).as("not a party's").isEqualTo(403);
    }

    @Test
    void anEndpointGetsTheTypesItListsOnlyAnOrdersEventsToo() throws Exception {
        String resolvedOnly = register(List.of("dispute.status_changed", "order.protection_expiring")).text("id");
        open();
        orders.save(TestOrders.shippedDaysAgo(Instant.now(), 43));
        reminders.announceExpiring();

        dispatcher.deliverDue();
        List<String> types = deliveries.log(resolvedOnly, 100).stream().map(WebhookDeliveries.Delivery::eventType).toList();
        assertThat(types).as("dispute.opened is not listed").isNotEmpty()
                .allMatch(type -> type.equals("dispute.status_changed") || type.equals("order.protection_expiring"))
                .contains("order.protection_expiring");
        assertThat(deliveries.log(resolvedOnly, 100)).as("an order's event has no dispute to wait for")
                .allSatisfy(delivery -> assertThat(delivery.state()).isEqualTo(WebhookDeliveries.State.DELIVERED));
    }

    @Test
    void aFailedDeliveryIsRetriedOnTheScheduleAndAcceptedOnce() throws Exception {
        String endpointId = register(List.of("dispute.opened")).text("id");
        receiver.answer(500);
        open();

        dispatcher.deliverDue();
        WebhookDeliveries.Delivery first = deliveries.log(endpointId, 10).get(0);
        assertThat(first.state()).isEqualTo(WebhookDeliveries.State.PENDING);
        assertThat(first.lastStatus()).isEqualTo(500);
        assertThat(first.nextAttemptAt()).isBetween(clock.instant().plusSeconds(5), clock.instant().plusMillis(5_501));
        assertThat(dispatcher.deliverDue()).as("not due yet").isZero();

        ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(6)));
        dispatcher.deliverDue();

        assertThat(receiver.received).hasSize(2);
        assertThat(receiver.received.get(0).id()).isEqualTo(receiver.received.get(1).id());
        assertThat(receiver.accepted()).hasSize(1);
        Response log = api.get(INTEGRATOR, "/api/webhook-endpoints/" + endpointId + "/deliveries");
        assertThat(log.json().get(0).get("state").asText()).isEqualTo("DELIVERED");
        assertThat(log.json().get(0).get("attempts").asInt()).isEqualTo(2);

        assertThat(api.post(INTEGRATOR, "/api/webhook-endpoints/" + endpointId + "/deliveries/"
                + log.json().get(0).get("id").asText() + "/redeliver", null).status()).isEqualTo(202);
        dispatcher.deliverDue();
        assertThat(receiver.accepted()).as("redelivered on request").hasSize(2);
    }

    @Test
    void goneDisablesTheEndpointAndTooManyRequestsIsRetriedWhenTheTargetSays() throws Exception {
        String gone = register(List.of("dispute.opened")).text("id");
        receiver.answer(410);
        open();
        dispatcher.deliverDue();

        Response endpoint = api.get(INTEGRATOR, "/api/webhook-endpoints/" + gone);
        assertThat(endpoint.json().get("enabled").asBoolean()).isFalse();
        assertThat(endpoint.text("disabledReason")).contains("410");
        open();
        assertThat(deliveries.log(gone, 10)).as("nothing more for a disabled endpoint").hasSize(1);

        String busy = register(List.of("dispute.opened")).text("id");
        receiver.answer(429);
        open();
        dispatcher.deliverDue();
        assertThat(deliveries.log(busy, 10).get(0).nextAttemptAt()).as("Retry-After: 120")
                .isBetween(clock.instant().plusSeconds(119), clock.instant().plusSeconds(120));
    }

    @Test
    void whatADeadNodeClaimedOrNeverSentIsDeliveredByAnother() throws Exception {
        String endpointId = register(List.of("dispute.opened")).text("id");
        open();
        open();
        // One node claimed the first delivery and died; the other one's deliveries are committed, never sent
        assertThat(deliveries.claimDue(endpointId, 1, clock.instant().plus(settings.claim()))).hasSize(1);

        WebhookDispatcher anotherNode = new WebhookDispatcher(deliveries, endpoints, targets, settings, clock, outcomes);
        assertThat(anotherNode.deliverDue()).as("the unclaimed one").isEqualTo(1);
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(settings.claim()).plusSeconds(1)));
        assertThat(anotherNode.deliverDue()).as("the dead node's claim ran out").isEqualTo(1);

        assertThat(receiver.accepted()).hasSize(2);
        assertThat(deliveries.log(endpointId, 10)).allSatisfy(delivery ->
                assertThat(delivery.state()).isEqualTo(WebhookDeliveries.State.DELIVERED));
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneForTheGracePeriod() throws Exception {
        Response endpoint = register(List.of("dispute.opened"));
        Response rotated = api.post(INTEGRATOR, "/api/webhook-endpoints/" + endpoint.text("id") + "/rotate-secret", null);
        assertThat(rotated.text("secret")).startsWith("whsec_").isNotEqualTo(endpoint.text("secret"));
        open();
        dispatcher.deliverDue();

        WebhookReceiver.Received delivery = receiver.received.get(0);
        assertThat(WebhookReceiver.signedWith(endpoint.text("secret"), delivery)).isTrue();
        assertThat(WebhookReceiver.signedWith(rotated.text("secret"), delivery)).isTrue();
        assertThat(WebhookReceiver.signedWith(WebhookSignature.newSecret(), delivery)).isFalse();
    }

    @Test
    void aRegistrationNamesWhatIsWrong() {
        Response unknown = api.post(INTEGRATOR, "/api/webhook-endpoints",
                Map.of("url", receiver.url(), "eventTypes", List.of("dispute.opened", "dispute.exploded")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("eventTypes[1]");
        assertThat(unknown.json().at("/errors/0/code").asText()).isEqualTo("unknown-event-type");

        Response ftp = api.post(INTEGRATOR, "/api/webhook-endpoints", Map.of("url", "ftp://example.org/x", "eventTypes", List.of("*")));
        assertThat(ftp.status()).isEqualTo(422);
        assertThat(ftp.text("code")).isEqualTo("webhook-target-refused");
        assertThat(ftp.json().at("/errors/0/field").asText()).isEqualTo("url");

        assertThat(api.post(buyer, "/api/webhook-endpoints", Map.of("url", receiver.url(), "eventTypes", List.of("*")))
                .status()).isEqualTo(403);
    }

    /**
     * The hourly purge: an event past the retention goes with its deliveries, unless one is still being tried. Each
     * event's deliveries are found by an index on the event: without it every event purged scanned every delivery.
     */
    @Test
    void eventsPastTheRetentionGoWithTheirDeliveriesUnlessOneIsStillBeingTried() {
        register(List.of("*"));
        String delivered = open();
        dispatcher.deliverDue();
        String pending = open();
        assertThat(deliveriesOf(delivered, "DELIVERED")).isPositive();
        assertThat(deliveriesOf(pending, "PENDING")).isPositive();

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(eventSettings.retention()).plus(Duration.ofDays(1))));
        assertThat(feed.purgeExpired()).isPositive();

        assertThat(eventsOfDispute(delivered)).isZero();
        assertThat(deliveriesOf(delivered, "DELIVERED")).isZero();
        assertThat(eventsOfDispute(pending)).isPositive();
        assertThat(deliveriesOf(pending, "PENDING")).isPositive();
        assertThat(jdbc.sql("SELECT indexdef FROM pg_indexes WHERE tablename = 'webhook_delivery'")
                .query(String.class).list())
                .anyMatch(index -> index.endsWith("(event_seq)"));
    }

    @Test
    void aRoundClaimsItsShareOfABacklogWithoutReadingTheRest() {
        String endpointId = register(List.of("*")).text("id");
        int backlog = 6_000;
        int round = 32;
        new TransactionTemplate(transactionManager).executeWithoutResult(transaction -> {
            // Deliveries sent, statistics taken while hardly one is pending (as between two bursts), then a burst:
            // 2,000 disputes with three events each. All of it is undone with the transaction.
            insertDeliveries(endpointId, "evt_sent_", 40_000, "DELIVERED");
            jdbc.sql("ANALYZE disputes.webhook_delivery").update();
            insertDeliveries(endpointId, "evt_backlog_", backlog, "PENDING");

            long before = RowsRead.ofTable(jdbc, "webhook_delivery");
            List<WebhookDeliveries.Due> claimed = deliveries.claimDue(endpointId, round, clock.instant().plus(settings.claim()));
            long read = RowsRead.ofTable(jdbc, "webhook_delivery") - before;

            assertThat(claimed).hasSize(round);
            assertThat(read).as("deliveries the claim read, with %d pending", backlog).isLessThan(backlog / 6);
            transaction.setRollbackOnly();
        });
    }

    @Test
    void anEndpointWhoseDeliveriesAllWaitForARetryCostsALookNotItsBacklog() {
        String endpointId = register(List.of("*")).text("id");
        int waiting = 6_000;
        new TransactionTemplate(transactionManager).executeWithoutResult(transaction -> {
            // The endpoint is down: 2,000 disputes, each first event waiting for its retry in half an hour and the
            // later ones behind it. All of it is undone with the transaction.
            insertDeliveries(endpointId, "evt_waiting_", waiting, "PENDING");
            jdbc.sql("UPDATE disputes.webhook_delivery SET next_attempt_at = ? WHERE endpoint_id = ?")
                    .params(SqlTime.ts(clock.instant().plus(Duration.ofMinutes(30))), endpointId).update();

            long before = RowsRead.ofTable(jdbc, "webhook_delivery");
            List<String> due = deliveries.endpointsDue();
            List<WebhookDeliveries.Due> claimed = deliveries.claimDue(endpointId, 32, clock.instant().plus(settings.claim()));
            long read = RowsRead.ofTable(jdbc, "webhook_delivery") - before;

            assertThat(due).doesNotContain(endpointId);
            assertThat(claimed).isEmpty();
            assertThat(read).as("deliveries read, with %d waiting", waiting).isLessThan(10);
            transaction.setRollbackOnly();
        });
    }

    @Test
    void aDisputesLaterEventsWaitForTheRetryOfTheOneBeforeThemAndThenArriveInOrder() throws Exception {
        String endpointId = register(List.of("*")).text("id");
        receiver.answer(500);
        String id = open();
        dispatcher.deliverDue();
        Instant retry = deliveries.log(endpointId, 10).get(0).nextAttemptAt();
        assertThat(retry).isAfter(clock.instant());

        assertThat(api.post(SELLER, "/api/disputes/" + id + "/seller-response", Map.of("action", "ACCEPT")).status())
                .isEqualTo(200);
        assertThat(deliveries.log(endpointId, 100)).as("every later event waits for the retry").hasSizeGreaterThan(1)
                .allSatisfy(delivery -> assertThat(delivery.nextAttemptAt()).isAfterOrEqualTo(retry));
        assertThat(deliveries.endpointsDue()).doesNotContain(endpointId);
        assertThat(dispatcher.deliverDue()).as("nothing due before the retry").isZero();

        receiver.answer(204);
        ClockUtil.setCurrentTime(Date.from(retry.plusSeconds(1)));
        dispatcher.deliverDue(); // a round for each event of the dispute, each after the answer to the one before
        List<JsonNode> events = eventsOf(id);
        assertThat(events.stream().map(event -> event.get("disputeVersion").asInt()).toList())
                .isEqualTo(IntStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(deliveries.log(endpointId, 100)).allSatisfy(delivery ->
                assertThat(delivery.state()).isEqualTo(WebhookDeliveries.State.DELIVERED));
    }

    /** {@code count} deliveries to the endpoint in this state, three events to each dispute. */
    private void insertDeliveries(String endpointId, String eventPrefix, int count, String state) {
        jdbc.sql("""
                INSERT INTO disputes.dispute_event (event_id, type, dispute_id, dispute_version, occurred_at, body)
                SELECT :prefix || n, 'dispute.status_changed', :prefix || 'DSP-' || (n % :disputes), n / :disputes + 1,
                       now(), '{}'
                FROM generate_series(0, :last) AS n""")
                .param("prefix", eventPrefix).param("disputes", count / 3).param("last", count - 1).update();
        jdbc.sql("""
                INSERT INTO disputes.webhook_delivery (endpoint_id, event_seq, dispute_id, state, next_attempt_at, created_at)
                SELECT :endpoint, seq, dispute_id, :state, now(), now() FROM disputes.dispute_event
                WHERE event_id LIKE :prefix || '%'""")
                .param("endpoint", endpointId).param("state", state).param("prefix", eventPrefix).update();
    }

    private long eventsOfDispute(String disputeId) {
        return jdbc.sql("SELECT COUNT(*) FROM disputes.dispute_event WHERE dispute_id = ?")
                .param(disputeId).query(Long.class).single();
    }

    private long deliveriesOf(String disputeId, String state) {
        return jdbc.sql("SELECT COUNT(*) FROM disputes.webhook_delivery WHERE dispute_id = ? AND state = ?")
                .params(disputeId, state).query(Long.class).single();
    }

    private Response register(List<String> types) {
        Response registered = api.post(INTEGRATOR, "/api/webhook-endpoints", Map.of("url", receiver.url(), "eventTypes", types));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered;
    }

    /** A dispute opened over the API for a fresh order of the buyer. */
    private String open() {
        String orderId = TestOrders.unique("ORD");
        Instant shipped = Instant.now().minus(Duration.ofDays(12)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("buyerId", buyer);
        order.put("sellerId", SELLER);
        order.put("currency", "EUR");
        order.put("lines", List.of(Map.of("sku", "LAMP", "title", "Lamp", "quantity", 1, "unitPrice", "100.00")));
        order.put("shippingCost", "5.00");
        order.put("paymentMethod", "CARD");
        order.put("paymentReference", "pay_hook");
        order.put("paidAt", shipped.minus(Duration.ofDays(1)).toString());
        order.put("shippedAt", shipped.toString());
        order.put("promisedDeliveryDays", 30);
        assertThat(api.put(INTEGRATOR, "/api/orders/" + orderId, order).status()).isEqualTo(201);
        Response opened = api.post(buyer, "/api/disputes", Map.of("orderId", orderId, "reason", "NOT_RECEIVED",
                "description", "It never came.", "requestedResolution", Map.of("type", "FULL_REFUND"), "evidenceIds", List.of()));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.text("id");
    }

    private List<JsonNode> eventsOf(String disputeId) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (WebhookReceiver.Received delivery : receiver.accepted()) {
            JsonNode event = json.readTree(delivery.body());
            assertThat(event.get("id").asText()).isEqualTo(delivery.id());
            if (event.get("disputeId").asText().equals(disputeId)) {
                events.add(event);
            }
        }
        return events;
    }
}
