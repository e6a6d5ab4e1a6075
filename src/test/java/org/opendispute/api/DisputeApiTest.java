package org.opendispute.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.DisputeTally;
import org.opendispute.dispute.Groups;
import org.opendispute.support.ApiClient.Response;
import org.opendispute.support.ApiClient;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestOrders;
import org.opendispute.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;

/** Our REST API over a real port, on PostgreSQL: the contract of the REST API issue, endpoint by endpoint. */
@PostgresTest
class DisputeApiTest {

    static final String OTHER_BUYER = "apibuyertwo";
    static final String SELLER = "apiseller";
    static final String MEDIATOR = "apimediator";
    static final String INTEGRATOR = "apiintegrator";
    static final String ADMIN = "apiadmin";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};

    @Autowired TestRestTemplate http;
    @Autowired IdentityService identityService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    @Autowired DisputeStore disputes;
    @Autowired DisputeTally tally;
    @Autowired JdbcClient jdbc;

    ApiClient api;
    /** A buyer of its own for each test: the abuse rules count a buyer's disputes. */
    String buyer;

    @BeforeEach
    void users() {
        api = new ApiClient(http);
        buyer = TestUsers.ensure(identityService, "apibuyer" + UUID.randomUUID().toString().replace("-", "").substring(0, 10),
                Groups.BUYERS);
        TestUsers.ensure(identityService, OTHER_BUYER, Groups.BUYERS);
        TestUsers.ensure(identityService, SELLER, Groups.SELLERS);
        TestUsers.ensure(identityService, MEDIATOR, Groups.MEDIATORS);
        TestUsers.ensure(identityService, INTEGRATOR, Groups.INTEGRATORS);
        TestUsers.ensure(identityService, ADMIN, Groups.ADMINS);
    }

    /** An order of buyer and SELLER, shipped 12 days ago: two mugs at 20.00, a lamp at 60.00, shipping 5.00. */
    String registerOrder() {
        String orderId = TestOrders.unique("ORD");
        Instant shipped = Instant.now().minus(Duration.ofDays(12)).truncatedTo(ChronoUnit.SECONDS);
        Response put = api.put(INTEGRATOR, "/api/orders/" + orderId, orderBody(shipped));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        return orderId;
    }

    Map<String, Object> orderBody(Instant shipped) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("buyerId", buyer);
        order.put("sellerId", SELLER);
        order.put("currency", "EUR");
        order.put("lines", List.of(
                Map.of("sku", "MUG", "title", "Mug", "quantity", 2, "unitPrice", "20.00"),
                Map.of("sku", "LAMP", "title", "Lamp", "quantity", 1, "unitPrice", "60.00")));
        order.put("shippingCost", "5.00");
        order.put("paymentMethod", "CARD");
        order.put("paymentReference", "pay_123");
        order.put("shippingMethodPaid", "EXPRESS");
        order.put("shippingMethodUsed", "EXPRESS");
        order.put("carrier", "DHL");
        order.put("trackingNumber", "JJD1");
        order.put("paidAt", shipped.minus(Duration.ofDays(1)).toString());
        order.put("shippedAt", shipped.toString());
        order.put("promisedDeliveryDays", 30);
        return order;
    }

    Map<String, Object> openBody(String orderId, String reason, String type, String amount, List<String> evidence) {
        Map<String, Object> requested = new LinkedHashMap<>();
        requested.put("type", type);
        if (amount != null) {
            requested.put("amount", Map.of("amount", amount, "currency", "EUR"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", orderId);
        body.put("reason", reason);
        body.put("description", "The lamp arrived broken.");
        body.put("requestedResolution", requested);
        body.put("evidenceIds", evidence);
        return body;
    }

    static Map<String, String> eur(String amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }

    Response open(String orderId) {
        return api.post(buyer, "/api/disputes", openBody(orderId, "NOT_RECEIVED", "FULL_REFUND", null, List.of()));
    }

    static List<String> actions(Response dispute) {
        List<String> actions = new ArrayList<>();
        dispute.json().get("allowedActions").forEach(a -> actions.add(a.get("action").asText()));
        return actions;
    }

    @Test
    void aWholeDisputeDrivenThroughTheApi() {
        String orderId = registerOrder();
        assertThat(api.put(INTEGRATOR, "/api/orders/" + orderId, orderBody(Instant.now().minus(Duration.ofDays(12))))
                .status()).isEqualTo(200);
        Response photo = api.upload(buyer, "/api/evidence", "lamp.png", PNG);
        assertThat(photo.status()).as(photo.toString()).isEqualTo(201);

        Map<String, Object> request = openBody(orderId, "DAMAGED", "PARTIAL_REFUND", "15.00", List.of(photo.text("id")));
        request.put("lines", List.of(Map.of("sku", "MUG", "quantity", 1)));
        Response opened = api.post(buyer, "/api/disputes", request);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String id = opened.text("id");
        assertThat(opened.headers().getLocation()).hasToString("/api/disputes/" + id);
        assertThat(opened.text("status")).isEqualTo("AWAITING_SELLER");
        assertThat(opened.json().at("/requestedResolution/amount")).isEqualTo(
                new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Map.of("amount", "15.00", "currency", "EUR")));
        assertThat(opened.json().at("/deadlines/sellerResponse").asText()).isNotEmpty();
        assertThat(actions(opened)).contains("CANCEL", "POST_MESSAGE", "ADD_EVIDENCE").doesNotContain("ESCALATE", "RESPOND");

        Response asSeller = api.get(SELLER, "/api/disputes/" + id);
        assertThat(actions(asSeller)).contains("RESPOND").doesNotContain("CANCEL");
        assertThat(asSeller.json().at("/allowedActions/0/deadline").asText()).isNotEmpty();

        Response proposed = api.post(SELLER, "/api/disputes/" + id + "/seller-response",
                Map.of("action", "PROPOSE", "proposal", Map.of("type", "PARTIAL_REFUND", "amount", eur("8.00"))));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(200);
        Response asBuyer = api.get(buyer, "/api/disputes/" + id);
        assertThat(asBuyer.text("status")).isEqualTo("NEGOTIATING");
        assertThat(actions(asBuyer)).contains("ACCEPT_PROPOSAL", "REJECT_PROPOSAL", "ESCALATE");
        assertThat(asBuyer.json().at("/proposals/0/amount/amount").asText()).isEqualTo("8.00");

        assertThat(api.post(buyer, "/api/disputes/" + id + "/messages", Map.of("body", "Pay me by bank transfer?"))
                .status()).isEqualTo(200);
        Response escalated = api.post(buyer, "/api/disputes/" + id + "/escalate", null);
        assertThat(escalated.status()).as(escalated.toString()).isEqualTo(200);
        assertThat(escalated.text("status")).isEqualTo("IN_MEDIATION");

        // The mediator works in Tasklist; here through the engine's REST API, as Tasklist does.
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey(id).singleResult().getId();
        assertThat(api.post(MEDIATOR, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", MEDIATOR)).status())
                .isEqualTo(204);
        Response mediated = api.post(MEDIATOR, "/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", Map.of("mediatorAction", Map.of("value", "ISSUE_PROPOSAL"))));
        assertThat(mediated.status()).as(mediated.toString()).isEqualTo(204);

        Response decided = api.post(buyer, "/api/disputes/" + id + "/decision", Map.of("choice", "PLATFORM"));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.text("status")).isEqualTo("REFUND_PENDING");

        // The job executor issues the refund; tests run its job themselves.
        String jobId = managementService.createJobQuery().processInstanceId(
                disputes.get(id).processInstanceId()).singleResult().getId();
        managementService.executeJob(jobId);

        Response resolved = api.get(buyer, "/api/disputes/" + id);
        assertThat(resolved.text("status")).isEqualTo("RESOLVED");
        assertThat(resolved.text("outcome")).isEqualTo("PARTIAL_REFUND");
        // The decision table's suggestion for damage worth 20.00: half of it, the buyer keeps the mug.
        assertThat(resolved.json().at("/refund/amount/amount").asText()).isEqualTo("10.00");
        assertThat(resolved.json().at("/refund/state").asText()).isEqualTo("SUCCEEDED");
        assertThat(resolved.json().at("/refund/expectedArrivalDate").asText()).isNotEmpty();
        assertThat(actions(resolved)).isEmpty();

        Response history = api.get(buyer, "/api/disputes/" + id + "/history");
        List<String> events = new ArrayList<>();
        history.json().forEach(entry -> events.add(entry.get("event").asText()));
        assertThat(events).contains("OPENED", "SELLER_PROPOSED", "MESSAGE_POSTED", "BUYER_WARNED", "ESCALATED",
                "PLATFORM_PROPOSAL_ISSUED", "RESOLUTION_AGREED", "REFUND_ISSUED", "RESOLVED");

        Response conversation = api.get(SELLER, "/api/disputes/" + id + "/messages?size=10");
        assertThat(conversation.json().get("total").asLong()).isEqualTo(1);
        assertThat(conversation.json().at("/items/0/body").asText()).isEqualTo("Pay me by bank transfer?");
        assertThat(conversation.json().at("/items/0/author").asText()).isEqualTo(buyer);
        assertThat(conversation.json().at("/items/0").has("flags")).as("moderation is for staff").isFalse();
        assertThat(api.get(MEDIATOR, "/api/disputes/" + id + "/messages").json().at("/items/0/flags/0").asText())
                .isEqualTo("off-platform-payment");
        assertThat(api.get(OTHER_BUYER, "/api/disputes/" + id + "/messages").status()).isEqualTo(404);

        Response evidence = api.get(SELLER, "/api/disputes/" + id + "/evidence/" + photo.text("id"));
        assertThat(evidence.status()).isEqualTo(200);
        assertThat(evidence.raw()).isEqualTo(PNG);
        assertThat(api.get(OTHER_BUYER, "/api/disputes/" + id + "/evidence/" + photo.text("id")).status()).isEqualTo(404);
    }

    @Test
    void anIneligibleDisputeIs422WithTheReasonAndNothingIsStored() {
        String orderId = TestOrders.unique("ORD");
        Instant shipped = Instant.now().minus(Duration.ofDays(3));
        assertThat(api.put(INTEGRATOR, "/api/orders/" + orderId, orderBody(shipped)).status()).isEqualTo(201);

        Response refused = open(orderId);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.text("code")).isEqualTo("window-not-open");
        assertThat(refused.text("type")).endsWith("/window-not-open");
        assertThat(disputes.statusesOfOrder(orderId)).isEmpty();
    }

    @Test
    void evidenceIsRequiredForDamage() {
        Response refused = api.post(buyer, "/api/disputes",
                openBody(registerOrder(), "DAMAGED", "FULL_REFUND", null, List.of()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("evidence-required");
    }

    @Test
    void badInputIsAClearProblemNeverA500() {
        String orderId = registerOrder();
        Response malformed = api.post(buyer, "/api/disputes", "{\"orderId\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("code")).isEqualTo("malformed-request");

        Response unknownEnum = api.post(buyer, "/api/disputes", openBody(orderId, "BORED", "FULL_REFUND", null, List.of()));
        assertThat(unknownEnum.status()).isEqualTo(400);
        assertThat(unknownEnum.json().at("/errors/0/field").asText()).isEqualTo("reason");

        Response missing = api.post(buyer, "/api/disputes", Map.of("orderId", orderId));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("code")).isEqualTo("validation-failed");
        List<String> fields = new ArrayList<>();
        missing.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("reason", "description", "requestedResolution");

        Map<String, Object> wrongType = orderBody(Instant.now());
        wrongType.put("promisedDeliveryDays", "soon");
        Response typed = api.put(INTEGRATOR, "/api/orders/" + TestOrders.unique("ORD"), wrongType);
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.json().at("/errors/0/field").asText()).isEqualTo("promisedDeliveryDays");

        Map<String, Object> tooLong = orderBody(Instant.now());
        tooLong.put("promisedDeliveryDays", 61);
        Response longest = api.put(INTEGRATOR, "/api/orders/" + TestOrders.unique("ORD"), tooLong);
        assertThat(longest.status()).as("disputes.policy.max-promised-delivery-days, 60 by default").isEqualTo(400);
        assertThat(longest.json().at("/errors/0/field").asText()).isEqualTo("promisedDeliveryDays");
        assertThat(longest.json().at("/errors/0/code").asText()).isEqualTo("out-of-range");
        assertThat(longest.text("detail")).contains("at most 60 days");

        Map<String, Object> badCurrency = orderBody(Instant.now());
        badCurrency.put("currency", "EUX");
        Response currency = api.put(INTEGRATOR, "/api/orders/" + TestOrders.unique("ORD"), badCurrency);
        assertThat(currency.status()).isEqualTo(400);
        assertThat(currency.json().at("/errors/0/field").asText()).isEqualTo("currency");

        Map<String, Object> tooPrecise = orderBody(Instant.now());
        tooPrecise.put("shippingCost", "5.001");
        assertThat(api.put(INTEGRATOR, "/api/orders/" + TestOrders.unique("ORD"), tooPrecise).json()
                .at("/errors/0/field").asText()).isEqualTo("shippingCost");

        Response tooLarge = api.post(buyer, "/api/disputes", "{\"description\": \"" + "x".repeat(2_000_000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.text("code")).isEqualTo("payload-too-large");

        Response notAFile = api.upload(buyer, "/api/evidence", "notes.txt", "hello".getBytes());
        assertThat(notAFile.status()).isEqualTo(415);
        assertThat(notAFile.text("code")).isEqualTo("evidence-type-not-allowed");
    }

    @Test
    void unknownIdsAnd404sForOtherPartiesDisputes() {
        String id = open(registerOrder()).text("id");
        assertThat(api.get(buyer, "/api/disputes/DSP-NOSUCHTHING").status()).isEqualTo(404);
        Response hidden = api.get(OTHER_BUYER, "/api/disputes/" + id);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.text("code")).isEqualTo("not-found");
        assertThat(api.post(OTHER_BUYER, "/api/disputes/" + id + "/cancel", null).status()).isEqualTo(404);
        assertThat(api.get(INTEGRATOR, "/api/disputes/" + id).status()).isEqualTo(200);
        assertThat(api.get(MEDIATOR, "/api/disputes/" + id).status()).isEqualTo(200);
    }

    @Test
    void whatAPartySubmitsIsKeptInTheStoreNotAsEngineVariables() {
        String id = open(registerOrder()).text("id");

        Response refused = api.post(SELLER, "/api/disputes/" + id + "/seller-response",
                Map.of("action", "REFUSE", "reason", "Delivered to the neighbour"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        assertThat(refused.text("status")).isEqualTo("NEGOTIATING");
        JsonNode history = api.get(buyer, "/api/disputes/" + id + "/history").json();
        assertThat(history.toString()).contains("SELLER_REFUSED", "Delivered to the neighbour");

        String processInstanceId = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id)
                .singleResult().getId();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list())
                .extracting(HistoricVariableInstance::getName)
                .doesNotContain(DisputeProcess.Fields.SELLER_ACTION.name(), DisputeProcess.Fields.SELLER_REASON.name());
    }

    @Test
    void aSellerCanNeverCancelAndActionsOutOfTurnAre409() {
        String id = open(registerOrder()).text("id");

        Response sellerCancels = api.post(SELLER, "/api/disputes/" + id + "/cancel", null);
        assertThat(sellerCancels.status()).isEqualTo(403);
        assertThat(sellerCancels.text("code")).isEqualTo("forbidden");

        Response early = api.post(buyer, "/api/disputes/" + id + "/decision", Map.of("choice", "PLATFORM"));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("code")).isEqualTo("action-not-allowed");
        assertThat(early.json().get("allowedActions").toString()).contains("CANCEL");

        assertThat(api.post(buyer, "/api/disputes/" + id + "/escalate", null).status()).isEqualTo(409);

        Response cancelled = api.post(buyer, "/api/disputes/" + id + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.text("outcome")).isEqualTo("CANCELLED_BY_BUYER");
        assertThat(api.post(buyer, "/api/disputes/" + id + "/cancel", null).status()).isEqualTo(409);
    }

    @Test
    void anAmountAbovePaidIsRefusedWithTheField() {
        String id = open(registerOrder()).text("id");
        Response tooMuch = api.post(SELLER, "/api/disputes/" + id + "/seller-response",
                Map.of("action", "PROPOSE", "proposal", Map.of("type", "PARTIAL_REFUND", "amount", eur("500.00"))));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.text("code")).isEqualTo("amount-exceeds-paid");
        assertThat(tooMuch.json().at("/errors/0/field").asText()).isEqualTo("proposalAmount");
        assertThat(api.get(SELLER, "/api/disputes/" + id).json().get("proposals")).isEmpty();
    }

    @Test
    void moneyReadFromAnAnswerIsAcceptedBackAndAnotherCurrencyIsRefused() {
        String orderId = registerOrder();
        long before = api.get(buyer, "/api/disputes").json().get("total").asLong();
        Map<String, Object> inDollars = openBody(orderId, "NOT_RECEIVED", "PARTIAL_REFUND", "5.00", List.of());
        inDollars.put("requestedResolution", Map.of("type", "PARTIAL_REFUND", "amount",
                Map.of("amount", "5.00", "currency", "USD")));
        Response refused = api.post(buyer, "/api/disputes", inDollars);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("currency-mismatch");
        assertThat(api.get(buyer, "/api/disputes").json().get("total").asLong()).as("nothing was opened")
                .isEqualTo(before);

        Response opened = api.post(buyer, "/api/disputes", openBody(orderId, "NOT_RECEIVED", "PARTIAL_REFUND", "6.00", List.of()));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String id = opened.text("id");
        Response wrongCurrency = api.post(SELLER, "/api/disputes/" + id + "/seller-response", Map.of("action", "PROPOSE",
                "proposal", Map.of("type", "PARTIAL_REFUND", "amount", Map.of("amount", "3.00", "currency", "GBP"))));
        assertThat(wrongCurrency.status()).as(wrongCurrency.toString()).isEqualTo(422);
        assertThat(wrongCurrency.text("code")).isEqualTo("currency-mismatch");
        assertThat(wrongCurrency.json().at("/errors/0/field").asText()).isEqualTo("proposalAmount");

        // What the answer says the buyer asked for, sent back as the seller's proposal
        Object asked = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(
                opened.json().at("/requestedResolution/amount"), Map.class);
        Response proposed = api.post(SELLER, "/api/disputes/" + id + "/seller-response",
                Map.of("action", "PROPOSE", "proposal", Map.of("type", "PARTIAL_REFUND", "amount", asked)));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(200);
        assertThat(proposed.json().at("/proposals/0/amount")).isEqualTo(opened.json().at("/requestedResolution/amount"));
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheFirstAnswer() {
        String orderId = registerOrder();
        Map<String, Object> body = openBody(orderId, "NOT_RECEIVED", "FULL_REFUND", null, List.of());
        Map<String, String> key = Map.of("Idempotency-Key", "open-" + orderId);

        Response first = api.exchange(buyer, HttpMethod.POST, "/api/disputes", body, key);
        Response retry = api.exchange(buyer, HttpMethod.POST, "/api/disputes", body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text("id")).isEqualTo(first.text("id"));
        assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(disputes.statusesOfOrder(orderId)).hasSize(1);

        Map<String, Object> other = openBody(orderId, "PAYMENT_ISSUE", "FULL_REFUND", null, List.of());
        Response reused = api.exchange(buyer, HttpMethod.POST, "/api/disputes", other, key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("code")).isEqualTo("idempotency-key-reused");
    }

    @Test
    void twentyConcurrentOpensForOneOrderOpenExactlyOne() throws Exception {
        String orderId = registerOrder();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Response>> opens = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                opens.add(() -> open(orderId));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> result : pool.invokeAll(opens)) {
                statuses.add(result.get().status());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 409 || s == 422);
        } finally {
            pool.shutdown();
        }
        assertThat(disputes.statusesOfOrder(orderId)).hasSize(1);
    }

    @Test
    void buyersListTheirOwnDisputesNewestFirst() {
        String first = open(registerOrder()).text("id");
        String second = open(registerOrder()).text("id");
        Response mine = api.get(buyer, "/api/disputes?size=2");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().at("/items/0/id").asText()).isEqualTo(second);
        assertThat(mine.json().at("/items/1/id").asText()).isEqualTo(first);
        assertThat(mine.json().get("total").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode others = api.get(OTHER_BUYER, "/api/disputes?buyerId=" + buyer).json();
        others.get("items").forEach(item -> assertThat(item.get("buyerId").asText()).isEqualTo(OTHER_BUYER));
        assertThat(api.get(buyer, "/api/disputes?size=1000").status()).isEqualTo(400);
        assertThat(api.get(buyer, "/api/disputes?status=SLEEPING").status()).isEqualTo(400);
    }

    @Test
    void staffAndIntegratorsSeeExactTotalsFromTheTallyBeforeAndAfterItIsFolded() throws Exception {
        assertTotalsAreTheTablesCount();
        Response opened = open(registerOrder());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertTotalsAreTheTablesCount();
        assertThat(api.post(buyer, "/api/disputes/" + opened.text("id") + "/cancel", null).status()).isEqualTo(200);
        assertTotalsAreTheTablesCount();

        // Two nodes fold at the same moment: each change is folded once
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> folds = List.of(nodes.submit(tally::fold), nodes.submit(tally::fold));
            for (Future<?> fold : folds) {
                fold.get();
            }
        } finally {
            nodes.shutdown();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM disputes.dispute_tally_change").query(Long.class).single())
                .as("everything folded").isZero();
        assertTotalsAreTheTablesCount();
    }

    private void assertTotalsAreTheTablesCount() {
        assertThat(api.get(INTEGRATOR, "/api/disputes?size=1").json().get("total").asLong())
                .isEqualTo(jdbc.sql("SELECT COUNT(*) FROM disputes.dispute").query(Long.class).single());
        for (String status : List.of("AWAITING_SELLER", "CANCELLED", "RESOLVED")) {
            assertThat(api.get(MEDIATOR, "/api/disputes?size=1&status=" + status).json().get("total").asLong())
                    .as(status)
                    .isEqualTo(jdbc.sql("SELECT COUNT(*) FROM disputes.dispute WHERE status = ?").param(status)
                            .query(Long.class).single());
        }
    }

    @Test
    void aReturnIsDeliveredThroughACarrierEvent() {
        String orderId = registerOrder();
        Response opened = api.post(buyer, "/api/disputes",
                openBody(orderId, "NOT_AS_DESCRIBED", "RETURN_AND_REFUND", null,
                        List.of(api.upload(buyer, "/api/evidence", "label.png", PNG).text("id"))));
        String id = opened.text("id");
        assertThat(api.post(SELLER, "/api/disputes/" + id + "/seller-response", Map.of("action", "ACCEPT")).text("status"))
                .isEqualTo("AWAITING_RETURN");
        assertThat(api.post(buyer, "/api/disputes/" + id + "/return-shipment",
                Map.of("carrier", "DHL", "trackingNumber", "RET-" + id)).status()).isEqualTo(200);

        Response event = api.post(INTEGRATOR, "/api/orders/" + orderId + "/tracking-events", Map.of(
                "carrier", "DHL", "trackingNumber", "RET-" + id, "kind", "DELIVERED",
                "occurredAt", Instant.now().toString()));
        assertThat(event.status()).isEqualTo(201);
        assertThat(event.json().get("returnDelivered").asBoolean()).isTrue();

        Response receipt = api.post(SELLER, "/api/disputes/" + id + "/return-receipt", Map.of("condition", "RECEIVED"));
        assertThat(receipt.status()).isEqualTo(200);
        assertThat(receipt.text("status")).isEqualTo("REFUND_PENDING");
    }

    @Test
    void aWrongShippingMethodIsRefundedTheDifferenceTheOrdersFactsShow() {
        String orderId = TestOrders.unique("ORD");
        Map<String, Object> order = orderBody(Instant.now().minus(Duration.ofDays(12)));
        order.put("shippingMethodUsed", "STANDARD");
        order.put("shippingCostOfMethodUsed", "1.50");
        order.put("charges", List.of(Map.of("reference", "pi_1", "amount", "105.00")));
        assertThat(api.put(INTEGRATOR, "/api/orders/" + orderId, order).status()).isEqualTo(201);
        Response registered = api.get(INTEGRATOR, "/api/orders/" + orderId);
        assertThat(registered.text("shippingCostOfMethodUsed")).isEqualTo("1.50");
        assertThat(registered.json().at("/charges/0/amount").asText()).isEqualTo("105.00");

        Response tooMuch = api.post(buyer, "/api/disputes",
                openBody(orderId, "WRONG_SHIPPING_METHOD", "PARTIAL_REFUND", "4.00", List.of()));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.text("code")).isEqualTo("amount-exceeds-difference");

        Response opened = api.post(buyer, "/api/disputes",
                openBody(orderId, "WRONG_SHIPPING_METHOD", "FULL_REFUND", null, List.of()));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.json().at("/refundableAmount/amount").asText()).as("5.00 paid, 1.50 the method used")
                .isEqualTo("3.50");
        assertThat(opened.json().at("/requestedResolution/amount/amount").asText()).isEqualTo("3.50");
    }

    @Test
    void aReturnByCustomsIsACarrierFactThatALaterSnapshotCannotUndo() {
        String orderId = registerOrder();
        assertThat(api.post(INTEGRATOR, "/api/orders/" + orderId + "/tracking-events", Map.of(
                "carrier", "DHL", "trackingNumber", "JJD1", "kind", "RETURNED_BY_CUSTOMS",
                "occurredAt", Instant.now().toString())).status()).isEqualTo(201);
        assertThat(api.put(INTEGRATOR, "/api/orders/" + orderId, orderBody(Instant.now().minus(Duration.ofDays(12))))
                .status()).isEqualTo(200);

        Response refused = open(orderId);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("customs-is-buyer-responsibility");
    }

    @Test
    void sellerStatisticsCountTheSellersDisputesForStaffAndIntegratorsOnly() {
        String id = open(registerOrder()).text("id");
        assertThat(api.post(buyer, "/api/disputes/" + id + "/cancel", null).status()).isEqualTo(200);

        Response statistics = api.get(INTEGRATOR, "/api/sellers/" + SELLER + "/statistics");
        assertThat(statistics.status()).as(statistics.toString()).isEqualTo(200);
        assertThat(statistics.text("sellerId")).isEqualTo(SELLER);
        assertThat(statistics.json().get("disputesOpened").asInt()).isPositive();
        assertThat(statistics.json().get("cancelled").asInt()).isPositive();
        assertThat(statistics.json().get("disputesOpened").asInt()).isGreaterThanOrEqualTo(
                statistics.json().get("cancelled").asInt() + statistics.json().get("resolvedForBuyer").asInt()
                        + statistics.json().get("resolvedForSeller").asInt());
        assertThat(api.get(buyer, "/api/sellers/" + SELLER + "/statistics").status()).isEqualTo(403);
        assertThat(api.get(SELLER, "/api/sellers/" + SELLER + "/statistics").status()).isEqualTo(403);
    }

    @Test
    void staffBlockAndUnblockABuyerWithAReasonAndTheAccountKeepsItsHistory() {
        String orderId = registerOrder();
        assertThat(api.post(buyer, "/api/accounts/" + buyer + "/block", Map.of("reason", "Me?")).status())
                .isEqualTo(403);
        Response blocked = api.post(MEDIATOR, "/api/accounts/" + buyer + "/block", Map.of("reason", "Chargeback fraud"));
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(200);
        assertThat(blocked.json().get("blocked").asBoolean()).isTrue();

        Response refused = open(orderId);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("account-blocked");

        assertThat(api.post(MEDIATOR, "/api/accounts/" + buyer + "/unblock", Map.of("reason", "Cleared")).status())
                .isEqualTo(200);
        assertThat(open(orderId).status()).isEqualTo(201);
        Response account = api.get(MEDIATOR, "/api/accounts/" + buyer);
        assertThat(account.json().get("history").findValuesAsText("event")).containsExactly("BLOCKED", "UNBLOCKED");
        assertThat(account.json().get("history").findValuesAsText("reason")).containsExactly("Chargeback fraud", "Cleared");
        assertThat(account.json().at("/history/0/actor").asText()).isEqualTo(MEDIATOR);
        assertThat(api.post(MEDIATOR, "/api/accounts/" + buyer + "/block", Map.of("reason", "")).status())
                .as("a block needs its reason").isEqualTo(400);
    }

    @Test
    void aBuyerWhoseMessagesAreFlaggedAgainAndAgainIsMarkedForReview() {
        String id = open(registerOrder()).text("id");
        for (String body : List.of("Pay me by bank transfer", "Close the dispute and pay you outside", "You idiot")) {
            assertThat(api.post(buyer, "/api/disputes/" + id + "/messages", Map.of("body", body)).status())
                    .isEqualTo(200);
        }

        Response review = api.get(MEDIATOR, "/api/accounts/review");
        assertThat(review.status()).isEqualTo(200);
        assertThat(review.json().findValuesAsText("buyerId")).contains(buyer);
        assertThat(api.get(MEDIATOR, "/api/accounts/" + buyer).json().at("/history/0/event").asText())
                .isEqualTo("MARKED_FOR_REVIEW");
        assertThat(api.get(buyer, "/api/accounts/review").status()).isEqualTo(403);
    }

    @Test
    void onlyIntegratorsRegisterOrders() {
        assertThat(api.put(buyer, "/api/orders/" + TestOrders.unique("ORD"), orderBody(Instant.now())).status())
                .isEqualTo(403);
        assertThat(api.get(OTHER_BUYER, "/api/orders/NOPE").status()).isEqualTo(404);
    }
}
