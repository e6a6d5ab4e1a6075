package org.opendispute.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.Groups;
import org.opendispute.dispute.OpeningVariables;
import org.opendispute.dispute.Party;
import org.opendispute.evidence.EvidenceStore;
import org.opendispute.negotiation.ProposalStore;
import org.opendispute.order.Order;
import org.opendispute.order.OrderStore;
import org.opendispute.support.ApiClient.Response;
import org.opendispute.support.ApiClient;
import org.opendispute.support.DisputeStages;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestOrders;
import org.opendispute.support.TestUsers;
import org.opendispute.support.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/**
 * Who may see and do what: every endpoint of our API as each role and as an anonymous caller, from one
 * table; then the engine's REST API, where the engine's authorizations decide.
 */
@PostgresTest
class AccessControlTest {

    static final String ANONYMOUS = "anonymous";
    static final String BUYER = "buyer";
    static final String OTHER_BUYER = "otherbuyer";
    static final String SELLER = "seller";
    static final String MEDIATOR = "mediator";
    static final String INTEGRATOR = "integrator";
    static final String ADMIN = "admin";
    static final List<String> ROLES = List.of(ANONYMOUS, BUYER, OTHER_BUYER, SELLER, MEDIATOR, INTEGRATOR, ADMIN);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2};

    @Autowired TestRestTemplate http;
    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired OrderStore orders;
    @Autowired DisputeStore disputes;
    @Autowired ProposalStore proposals;
    @Autowired EvidenceStore evidence;
    @Autowired OpeningVariables openingVariables;

    ApiClient api;
    /** The users of this test, by role: fresh ones each test, so throttling and abuse rules never interfere. */
    Map<String, String> users;

    @BeforeEach
    void users() {
        api = new ApiClient(http);
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        users = new LinkedHashMap<>();
        users.put(BUYER, TestUsers.ensure(identityService, "acbuyer" + run, Groups.BUYERS));
        users.put(OTHER_BUYER, TestUsers.ensure(identityService, "acother" + run, Groups.BUYERS));
        users.put(SELLER, TestUsers.ensure(identityService, "acseller" + run, Groups.SELLERS));
        users.put(MEDIATOR, TestUsers.ensure(identityService, "acmediator" + run, Groups.MEDIATORS));
        users.put(INTEGRATOR, TestUsers.ensure(identityService, "acintegrator" + run, Groups.INTEGRATORS));
        users.put(ADMIN, TestUsers.ensure(identityService, "acadmin" + run, Groups.ADMINS));
    }

    // --- Disputes in the stage an endpoint needs, opened for BUYER against SELLER ---------------------

    DisputeStages stages() {
        return new DisputeStages(orders, openingVariables, runtimeService, taskService, users.get(BUYER), users.get(SELLER));
    }

    Order order() {
        return stages().order();
    }

    String awaitingSeller() {
        return stages().awaitingSeller();
    }

    String negotiating() {
        return stages().negotiating();
    }

    String inMediation() {
        return stages().inMediation();
    }

    String awaitingInformationFromSeller() {
        return stages().awaitingInformationFromSeller();
    }

    String awaitingDecision() {
        return stages().awaitingDecision();
    }

    String awaitingReturn() {
        return stages().awaitingReturn();
    }

    String awaitingReturnReceipt() {
        return stages().awaitingReturnReceipt();
    }

    String awaitingReshipment() {
        return stages().awaitingReshipment();
    }

    // --- The table ------------------------------------------------------------------------------------

    /** One endpoint: how to reach the state it needs, how to call it, and what each role gets. */
    record Case(String endpoint, java.util.function.Supplier<String> setup, Call call, int anonymous, int buyer,
                int otherBuyer, int seller, int mediator, int integrator, int admin) {

        int expected(String role) {
            return switch (role) {
                case ANONYMOUS -> anonymous;
                case BUYER -> buyer;
                case OTHER_BUYER -> otherBuyer;
                case SELLER -> seller;
                case MEDIATOR -> mediator;
                case INTEGRATOR -> integrator;
                default -> admin;
            };
        }
    }

    interface Call {
        Response as(String user, String disputeId);
    }

    List<Case> table() {
        return List.of(
                new Case("GET /api/disputes/{id}", this::awaitingSeller,
                        (u, id) -> api.get(u, "/api/disputes/" + id), 401, 200, 404, 200, 200, 200, 200),
                new Case("GET /api/disputes", this::awaitingSeller,
                        (u, id) -> api.get(u, "/api/disputes"), 401, 200, 200, 200, 200, 200, 200),
                new Case("GET /api/disputes/{id}/history", this::awaitingSeller,
                        (u, id) -> api.get(u, "/api/disputes/" + id + "/history"), 401, 200, 404, 200, 200, 200, 200),
                new Case("POST /api/disputes", () -> order().orderId(),
                        (u, orderId) -> api.post(u, "/api/disputes", Map.of("orderId", orderId, "reason", "NOT_RECEIVED",
                                "description", "Never arrived", "requestedResolution", Map.of("type", "FULL_REFUND"))),
                        401, 201, 422, 403, 403, 403, 422),
                new Case("POST /api/disputes/{id}/seller-response", this::awaitingSeller,
                        (u, id) -> api.post(u, "/api/disputes/" + id + "/seller-response", Map.of("action", "ACCEPT")),
                        401, 403, 404, 200, 403, 403, 200),
                new Case("POST /api/disputes/{id}/proposals/{p}/accept", this::negotiating,
                        (u, id) -> api.post(u, "/api/disputes/" + id + "/proposals/" + sellerProposal(id) + "/accept", null),
                        401, 200, 404, 403, 403, 403, 200),
                new Case("POST /api/disputes/{id}/proposals/{p}/reject", this::negotiating,
                        (u, id) -> api.post(u, "/api/disputes/" + id + "/proposals/" + sellerProposal(id) + "/reject", null),
                        401, 200, 404, 403, 403, 403, 200),
                new Case("POST /api/disputes/{id}/escalate", this::negotiating,
                        (u, id) -> api.post(u, "/api/disputes/" + id + "/escalate", null), 401, 200, 404, 403, 403, 403, 200),
                new Case("POST /api/disputes/{id}/cancel", this::awaitingSeller,
                        (u, id) -> api.post(u, "/api/disputes/" + id + "/cancel", null), 401, 200, 404, 403, 403, 403, 200),
                new Case("POST /api/disputes/{id}/messages", this::awaitingSeller,
                        (u, id) -> api.post(u, "/api/disputes/" + id + "/messages", Map.of("body", "Hello")),
                        401, 200, 404, 200, 200, 403, 200),
                new Case("POST /api/disputes/{id}/information", this::awaitingInformationFromSeller,
                        (u, id) -> api.post(u, "/api/disputes/" + id + "/information", Map.of("answer", "Attached")),
                        401, 409, 404, 200, 403, 403, 200),
                new Case("POST /api/disputes/{id}/decision", this::awaitingDecision,
                        (u, id) -> api.post(u, "/api/disputes/" + id + "/decision", Map.of("choice", "PLATFORM")),
                        401, 200, 404, 403, 403, 403, 200),
                new Case("POST /api/disputes/{id}/return-shipment", this::awaitingReturn,
                        (u, id) -> api.post(u, "/api/disputes/" + id + "/return-shipment",
                                Map.of("carrier", "DHL", "trackingNumber", "R-" + id)),
                        401, 200, 404, 403, 403, 403, 200),
                new Case("POST /api/disputes/{id}/return-receipt", this::awaitingReturnReceipt,
                        (u, id) -> api.post(u, "/api/disputes/" + id + "/return-receipt", Map.of("condition", "RECEIVED")),
                        401, 403, 404, 200, 403, 403, 200),
                new Case("POST /api/disputes/{id}/reshipment", this::awaitingReshipment,
                        (u, id) -> api.post(u, "/api/disputes/" + id + "/reshipment",
                                Map.of("carrier", "UPS", "trackingNumber", "1Z")),
                        401, 403, 404, 200, 403, 403, 200),
                new Case("POST /api/disputes/{id}/evidence", this::awaitingSeller,
                        (u, id) -> api.upload(u, "/api/disputes/" + id + "/evidence", "photo.png", PNG),
                        401, 201, 404, 201, 403, 403, 201),
                new Case("GET /api/disputes/{id}/evidence/{e}", this::disputeWithEvidence,
                        (u, ids) -> api.get(u, "/api/disputes/" + ids.split(" ")[0] + "/evidence/" + ids.split(" ")[1]),
                        401, 200, 404, 200, 200, 200, 200),
                new Case("POST /api/evidence", () -> "",
                        (u, none) -> api.upload(u, "/api/evidence", "photo.png", PNG), 401, 201, 201, 201, 201, 201, 201),
                new Case("PUT /api/orders/{id}", () -> TestOrders.unique("ORD"),
                        (u, orderId) -> api.put(u, "/api/orders/" + orderId, orderBody()), 401, 403, 403, 403, 403, 201, 201),
                new Case("GET /api/orders/{id}", () -> order().orderId(),
                        (u, orderId) -> api.get(u, "/api/orders/" + orderId), 401, 200, 404, 200, 200, 200, 200),
                new Case("POST /api/orders/{id}/tracking-events", () -> order().orderId(),
                        (u, orderId) -> api.post(u, "/api/orders/" + orderId + "/tracking-events", Map.of(
                                "kind", "IN_TRANSIT", "occurredAt", Instant.now().toString())),
                        401, 403, 403, 403, 403, 201, 201));
    }

    @Test
    void everyEndpointAsEveryRole() {
        List<String> mismatches = new ArrayList<>();
        for (Case row : table()) {
            for (String role : ROLES) {
                freshBuyer(); // the abuse rules count a buyer's disputes: one buyer per case
                String subject = row.setup().get();
                Response response = row.call().as(role.equals(ANONYMOUS) ? null : users.get(role), subject);
                if (response.status() != row.expected(role)) {
                    mismatches.add(row.endpoint() + " as " + role + ": expected " + row.expected(role) + ", got " + response);
                }
                if (response.status() >= 400 && response.status() != 401) {
                    assertThat(response.isProblem()).as(row.endpoint() + " as " + role).isTrue();
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void aSellerCannotCancelOrCloseByAnyRoute() {
        String id = negotiating();
        String seller = users.get(SELLER);
        String instanceId = disputes.get(id).processInstanceId();
        String buyerTask = taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId();

        assertThat(api.post(seller, "/api/disputes/" + id + "/cancel", null).status()).isEqualTo(403);
        assertThat(api.post(seller, "/engine-rest/message",
                Map.of("messageName", DisputeProcess.Messages.BUYER_CANCELS, "businessKey", id)).status()).isEqualTo(403);
        assertThat(api.post(seller, "/engine-rest/task/" + buyerTask + "/complete",
                Map.of("variables", Map.of("buyerVerdict", Map.of("value", "ACCEPT")))).status()).isIn(403, 404);
        assertThat(api.exchange(seller, HttpMethod.DELETE, "/engine-rest/process-instance/" + instanceId, null, Map.of())
                .status()).isIn(403, 404);
        assertThat(api.post(seller, "/engine-rest/process-instance/" + instanceId + "/modification",
                Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_RecordCancellation"))))
                .status()).isIn(403, 404);

        assertThat(disputes.get(id).status().isActive()).isTrue();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).count()).isEqualTo(1);
    }

    @Test
    void aBuyerSeesOnlyTheirOwnTasksInTheEngineRestApi() {
        String mine = negotiating();
        String buyer = users.get(BUYER);
        freshBuyer();
        String theirs = negotiating();

        Response tasks = api.get(buyer, "/engine-rest/task");
        assertThat(tasks.status()).isEqualTo(200);
        List<String> assignees = new ArrayList<>();
        List<String> instances = new ArrayList<>();
        tasks.json().forEach(task -> {
            assignees.add(task.get("assignee").asText());
            instances.add(task.get("processInstanceId").asText());
        });
        assertThat(assignees).isNotEmpty().containsOnly(buyer);
        assertThat(instances).contains(disputes.get(mine).processInstanceId())
                .doesNotContain(disputes.get(theirs).processInstanceId());
        assertThat(api.get(buyer, "/engine-rest/task?processInstanceId=" + disputes.get(theirs).processInstanceId())
                .json()).isEmpty();
    }

    @Test
    void mediatorsSeeTheirQueueButNotThePartiesTasks() {
        String mediating = inMediation();
        String negotiating = negotiating();
        Response tasks = api.get(users.get(MEDIATOR), "/engine-rest/task");
        List<String> instances = new ArrayList<>();
        tasks.json().forEach(task -> instances.add(task.get("processInstanceId").asText()));
        assertThat(instances).contains(disputes.get(mediating).processInstanceId())
                .doesNotContain(disputes.get(negotiating).processInstanceId());
    }

    @Test
    void cockpitAndAdminAreForAdminsOnly() {
        assertThat(api.get(users.get(MEDIATOR), "/engine-rest/authorization/check?permissionName=ACCESS"
                + "&resourceName=Application&resourceType=0&resourceId=cockpit").json().get("authorized").asBoolean())
                .isFalse();
        assertThat(api.get(users.get(ADMIN), "/engine-rest/authorization/check?permissionName=ACCESS"
                + "&resourceName=Application&resourceType=0&resourceId=cockpit").json().get("authorized").asBoolean())
                .isTrue();
        assertThat(api.get(users.get(MEDIATOR), "/engine-rest/authorization/check?permissionName=ACCESS"
                + "&resourceName=Application&resourceType=0&resourceId=tasklist").json().get("authorized").asBoolean())
                .isTrue();
    }

    @Test
    void theAbuseRulesFlagsReachStaffOnly() {
        freshBuyer();
        DisputeStages stages = stages();
        for (int i = 0; i < 3; i++) {
            stages.awaitingSeller();
        }
        String flagged = stages.awaitingSeller(); // the fourth in the window: flagged for the mediators
        assertThat(disputes.get(flagged).flaggedForMediators()).isTrue();

        for (String party : List.of(BUYER, SELLER)) {
            Response dispute = api.get(users.get(party), "/api/disputes/" + flagged);
            assertThat(dispute.json().has("flaggedForMediators")).as(party).isFalse();
            assertThat(api.get(users.get(party), "/api/disputes/" + flagged + "/history").json().findValuesAsText("event"))
                    .as(party).isNotEmpty().doesNotContain("FLAGGED_FOR_MEDIATORS");
        }
        assertThat(api.get(users.get(MEDIATOR), "/api/disputes/" + flagged).json().get("flaggedForMediators").asBoolean())
                .isTrue();
        assertThat(api.get(users.get(MEDIATOR), "/api/disputes/" + flagged + "/history").json().findValuesAsText("event"))
                .contains("FLAGGED_FOR_MEDIATORS");
    }

    void freshBuyer() {
        users.put(BUYER, TestUsers.ensure(identityService,
                "acbuyer" + UUID.randomUUID().toString().replace("-", "").substring(0, 10), Groups.BUYERS));
    }

    @Test
    void tasklistUsersDownloadEvidenceWithTheirWebappLogin() throws Exception {
        String[] ids = disputeWithEvidence().split(" ");
        String path = "/api/disputes/" + ids[0] + "/evidence/" + ids[1];

        assertThat(webappLogin(users.get(MEDIATOR)).get(path).statusCode()).isEqualTo(200);
        assertThat(webappLogin(users.get(MEDIATOR)).get(path).body()).isEqualTo(PNG);
        assertThat(webappLogin(users.get(OTHER_BUYER)).get(path).statusCode()).isEqualTo(404);
        assertThat(new WebappSession(port).get(path).statusCode()).isEqualTo(401);
    }

    WebappSession webappLogin(String user) throws Exception {
        WebappSession session = new WebappSession(port);
        assertThat(session.login(user)).isEqualTo(200);
        return session;
    }

    String sellerProposal(String disputeId) {
        return proposals.open(disputeId, Party.SELLER).orElseThrow().id();
    }

    String disputeWithEvidence() {
        String id = awaitingSeller();
        String file = evidence.upload(users.get(BUYER), id, "photo.png", PNG).id();
        return id + " " + file;
    }

    Map<String, Object> orderBody() {
        Instant shipped = Instant.now().minus(Duration.ofDays(12));
        return Map.of("buyerId", users.get(BUYER), "sellerId", users.get(SELLER), "currency", "EUR",
                "lines", List.of(Map.of("sku", "A", "title", "A", "quantity", 1, "unitPrice", "10.00")),
                "shippingCost", "1.00", "paymentMethod", "CARD", "paymentReference", "p",
                "paidAt", shipped.minus(Duration.ofDays(1)).toString(), "shippedAt", shipped.toString(),
                "promisedDeliveryDays", 30);
    }
}
