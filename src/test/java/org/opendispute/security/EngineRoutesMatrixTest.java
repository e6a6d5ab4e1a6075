package org.opendispute.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendispute.dispute.DisputeProcess.Elements.CHOOSE_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.CONFIRM_RETURN_RECEIPT;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATE;
import static org.opendispute.dispute.DisputeProcess.Elements.PROVIDE_INFORMATION;
import static org.opendispute.dispute.DisputeProcess.Elements.RESHIP;
import static org.opendispute.dispute.DisputeProcess.Elements.RESPOND_AS_SELLER;
import static org.opendispute.dispute.DisputeProcess.Elements.REVIEW_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.SHIP_RETURN;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeProcess.Fields;
import org.opendispute.dispute.DisputeProcess.Messages;
import org.opendispute.dispute.DisputeProcess.Vars;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.Groups;
import org.opendispute.dispute.OpeningVariables;
import org.opendispute.negotiation.ProposalStore;
import org.opendispute.order.OrderStore;
import org.opendispute.refund.RefundStore;
import org.opendispute.support.ApiClient;
import org.opendispute.support.DisputeStages;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestUsers;
import org.opendispute.support.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/**
 * Every user task of the diagram × every kind of caller × every write route of the engine's REST API and
 * of Tasklist's: what each answers, and that no assignee, status, amount, proposal, routing input or refund
 * changed. The only writes that go through are the ones a user of OpenDispute needs there: a mediator
 * claims a task of the queue for themselves (or gives it back), an integrator fetches external tasks.
 */
@PostgresTest
class EngineRoutesMatrixTest {

    static final String ANONYMOUS = "anonymous";
    static final List<String> CALLERS =
            List.of("buyer", "otherBuyer", "seller", "otherSeller", "mediator", "integrator", ANONYMOUS);
    static final String ENGINE_REST = "/engine-rest";
    static final String TASKLIST = "/camunda/api/engine/engine/default";

    @Autowired TestRestTemplate http;
    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired OrderStore orders;
    @Autowired DisputeStore disputes;
    @Autowired ProposalStore proposals;
    @Autowired RefundStore refunds;
    @Autowired OpeningVariables openingVariables;

    ApiClient api;
    Map<String, String> users;
    DisputeStages stages;

    @BeforeEach
    void users() {
        api = new ApiClient(http);
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        users = new LinkedHashMap<>();
        users.put("buyer", TestUsers.ensure(identityService, "mxbuyer" + run, Groups.BUYERS));
        users.put("otherBuyer", TestUsers.ensure(identityService, "mxother" + run, Groups.BUYERS));
        users.put("seller", TestUsers.ensure(identityService, "mxseller" + run, Groups.SELLERS));
        users.put("otherSeller", TestUsers.ensure(identityService, "mxothers" + run, Groups.SELLERS));
        users.put("mediator", TestUsers.ensure(identityService, "mxmediator" + run, Groups.MEDIATORS));
        users.put("integrator", TestUsers.ensure(identityService, "mxintegrator" + run, Groups.INTEGRATORS));
        stages = new DisputeStages(orders, openingVariables, runtimeService, taskService, users.get("buyer"),
                users.get("seller"));
    }

    /** A write route: method, path after the engine's base, and its body for a caller. */
    record Route(String name, HttpMethod method, String path, Body body) {
    }

    interface Body {
        Object of(String caller, Target target);
    }

    /** What a route is aimed at: the dispute's task, its process instance, one of its jobs. */
    record Target(String disputeId, String taskId, String processInstanceId, String jobId) {
    }

    static Map<String, Object> value(Object value) {
        return Map.of("value", value, "type", "String");
    }

    List<Route> routes() {
        return List.of(
                new Route("put task variable", HttpMethod.PUT, "/task/{task}/variables/buyerId", (u, t) -> value(u)),
                new Route("modify task variables", HttpMethod.POST, "/task/{task}/variables",
                        (u, t) -> Map.of("modifications", Map.of(Fields.INFORMATION_FROM.name(), value("BUYER"),
                                Fields.PROPOSAL_AMOUNT.name(), value("999.00")), "deletions", List.of(Fields.INFORMATION_QUESTION.name()))),
                new Route("delete task variable", HttpMethod.DELETE, "/task/{task}/variables/" + Fields.INFORMATION_QUESTION.name(),
                        (u, t) -> null),
                new Route("put local variable", HttpMethod.PUT, "/task/{task}/localVariables/" + Fields.PROPOSAL_AMOUNT.name(),
                        (u, t) -> value("999.00")),
                new Route("modify local variables", HttpMethod.POST, "/task/{task}/localVariables",
                        (u, t) -> Map.of("modifications", Map.of(Fields.BUYER_VERDICT.name(), value("ACCEPT")))),
                new Route("complete with extra variables", HttpMethod.POST, "/task/{task}/complete",
                        (u, t) -> Map.of("variables", Map.of(Vars.BUYER_ID, value(u), "suggestedProposalType",
                                value("FULL_REFUND")))),
                new Route("submit form with extra variables", HttpMethod.POST, "/task/{task}/submit-form",
                        (u, t) -> Map.of("variables", Map.of("sellerId", value(u), Vars.RESOLUTION_TYPE, value("FULL_REFUND")))),
                new Route("claim", HttpMethod.POST, "/task/{task}/claim", (u, t) -> Map.of("userId", u)),
                new Route("claim for another", HttpMethod.POST, "/task/{task}/claim",
                        (u, t) -> Map.of("userId", users.get("otherBuyer"))),
                new Route("unclaim", HttpMethod.POST, "/task/{task}/unclaim", (u, t) -> null),
                new Route("set assignee", HttpMethod.POST, "/task/{task}/assignee", (u, t) -> Map.of("userId", u)),
                new Route("delegate", HttpMethod.POST, "/task/{task}/delegate", (u, t) -> Map.of("userId", u)),
                new Route("resolve", HttpMethod.POST, "/task/{task}/resolve", (u, t) -> Map.of("variables", Map.of())),
                new Route("add identity link", HttpMethod.POST, "/task/{task}/identity-links",
                        (u, t) -> Map.of("userId", u, "type", "candidate")),
                new Route("delete identity link", HttpMethod.POST, "/task/{task}/identity-links/delete",
                        (u, t) -> Map.of("groupId", Groups.MEDIATORS, "type", "candidate")),
                new Route("update task", HttpMethod.PUT, "/task/{task}", (u, t) -> Map.of("name", "mine", "assignee", u)),
                new Route("correlate message", HttpMethod.POST, "/message",
                        (u, t) -> Map.of("messageName", Messages.BUYER_CANCELS, "businessKey", t.disputeId())),
                new Route("throw signal", HttpMethod.POST, "/signal", (u, t) -> Map.of("name", "anything")),
                new Route("put process variable", HttpMethod.PUT, "/process-instance/{instance}/variables/buyerId",
                        (u, t) -> value(u)),
                new Route("modify process variables", HttpMethod.POST, "/process-instance/{instance}/variables",
                        (u, t) -> Map.of("modifications", Map.of("sellerId", value(u)))),
                new Route("modify process instance", HttpMethod.POST, "/process-instance/{instance}/modification",
                        (u, t) -> Map.of("instructions", List.of(Map.of("type", "startBeforeActivity",
                                "activityId", "Task_IssueRefund")))),
                new Route("delete process instance", HttpMethod.DELETE, "/process-instance/{instance}", (u, t) -> null),
                new Route("set job retries", HttpMethod.PUT, "/job/{job}/retries", (u, t) -> Map.of("retries", 0)),
                new Route("set job due date", HttpMethod.PUT, "/job/{job}/duedate",
                        (u, t) -> Map.of("duedate", "2020-01-01T00:00:00.000+0000")),
                new Route("fetch and lock external tasks", HttpMethod.POST, "/external-task/fetchAndLock",
                        (u, t) -> Map.of("workerId", "w-" + u, "maxTasks", 5, "topics",
                                List.of(Map.of("topicName", "dispute-refund", "lockDuration", 10000)))));
    }

    /** The writes that go through because a user of OpenDispute needs them. */
    static boolean permitted(String taskKey, String caller, String route) {
        return taskKey.equals(MEDIATE) && caller.equals("mediator") && (route.equals("claim") || route.equals("unclaim"))
                || caller.equals("integrator") && route.equals("fetch and lock external tasks");
    }

    void freshBuyer() {
        users.put("buyer", TestUsers.ensure(identityService,
                "mxbuyer" + UUID.randomUUID().toString().replace("-", "").substring(0, 10), Groups.BUYERS));
        stages = new DisputeStages(orders, openingVariables, runtimeService, taskService, users.get("buyer"),
                users.get("seller"));
    }

    Map<String, Supplier<String>> tasks() {
        Map<String, Supplier<String>> tasks = new LinkedHashMap<>();
        tasks.put(RESPOND_AS_SELLER, () -> stages.awaitingSeller());
        tasks.put(REVIEW_PROPOSAL, () -> stages.negotiating());
        tasks.put(MEDIATE, () -> stages.inMediation());
        tasks.put(PROVIDE_INFORMATION, () -> stages.awaitingInformationFromSeller());
        tasks.put(CHOOSE_PROPOSAL, () -> stages.awaitingDecision());
        tasks.put(SHIP_RETURN, () -> stages.awaitingReturn());
        tasks.put(CONFIRM_RETURN_RECEIPT, () -> stages.awaitingReturnReceipt());
        tasks.put(RESHIP, () -> stages.awaitingReshipment());
        return tasks;
    }

    @Test
    void noCallerChangesADisputeThroughTheEngineRoutesBeyondTheirRights() throws Exception {
        List<String> mismatches = new ArrayList<>();
        int calls = 0;
        for (var task : tasks().entrySet()) {
            freshBuyer(); // the abuse rules count a buyer's disputes: one buyer per task
            String disputeId = task.getValue().get();
            Target target = target(disputeId);
            String original = snapshot(disputeId);
            String before = original;
            for (String caller : CALLERS) {
                String user = caller.equals(ANONYMOUS) ? null : users.get(caller);
                WebappSession tasklist = new WebappSession(port);
                // An integrator has no Tasklist: its calls there stay anonymous, like the anonymous caller's.
                boolean loggedIn = user != null && tasklist.login(user) == 200;
                for (Route route : routes()) {
                    for (String base : List.of(ENGINE_REST, TASKLIST)) {
                        String path = base + route.path().replace("{task}", target.taskId())
                                .replace("{instance}", target.processInstanceId()).replace("{job}", target.jobId());
                        Object body = route.body().of(user == null ? "nobody" : user, target);
                        int status = base.equals(ENGINE_REST)
                                ? api.exchange(user, route.method(), path, body, Map.of()).status()
                                : tasklist.send(route.method().name(), path,
                                        body == null ? null : new com.fasterxml.jackson.databind.ObjectMapper()
                                                .writeValueAsString(body)).statusCode();
                        calls++;
                        String where = task.getKey() + " × " + caller + " × " + route.name() + " via " + base;
                        boolean permitted = permitted(task.getKey(), caller, route.name())
                                && (base.equals(ENGINE_REST) || !caller.equals("integrator"));
                        if (status == 401 && base.equals(TASKLIST) && loggedIn) {
                            mismatches.add(where + ": the Tasklist login was lost");
                        } else if (status >= 500) {
                            mismatches.add(where + ": answered " + status);
                        } else if (permitted != (status < 300)) {
                            mismatches.add(where + ": answered " + status + (permitted ? ", expected success" : ""));
                        }
                        String after = snapshot(disputeId);
                        if (permitted) {
                            before = after; // the mediator's claim holds until the unclaim route gives it back
                        } else if (!after.equals(before)) {
                            mismatches.add(where + " changed the dispute:\n  " + before + "\n  " + after);
                            before = after;
                        }
                    }
                }
                if (!snapshot(disputeId).equals(original)) {
                    mismatches.add(task.getKey() + " × " + caller + " left the dispute changed");
                }
            }
        }
        assertThat(calls).isEqualTo(8 * CALLERS.size() * routes().size() * 2);
        assertThat(mismatches).isEmpty();
    }

    Target target(String disputeId) {
        String instance = disputes.get(disputeId).processInstanceId();
        Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();
        var job = managementService.createJobQuery().processInstanceId(instance).list().stream().findFirst();
        return new Target(disputeId, task.getId(), instance, job.map(j -> j.getId()).orElse("no-job"));
    }

    /** Everything a write could change: tasks and who may work them, variables, jobs, the store's dispute. */
    String snapshot(String disputeId) {
        var dispute = disputes.get(disputeId);
        String instance = dispute.processInstanceId();
        StringBuilder state = new StringBuilder();
        state.append(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).append(" instance ")
                .append(runtimeService.getActiveActivityIds(instance));
        for (Task task : taskService.createTaskQuery().processInstanceId(instance).list()) {
            state.append(" task ").append(task.getTaskDefinitionKey()).append(" assignee=").append(task.getAssignee())
                    .append(" owner=").append(task.getOwner()).append(" delegation=").append(task.getDelegationState())
                    .append(" name=").append(task.getName()).append(" links=")
                    .append(taskService.getIdentityLinksForTask(task.getId()).stream()
                            .map(link -> link.getType() + ":" + link.getUserId() + ":" + link.getGroupId()).sorted().toList())
                    .append(" local=").append(new java.util.TreeMap<>(taskService.getVariablesLocal(task.getId())));
        }
        state.append(" variables=").append(new java.util.TreeMap<>(runtimeService.getVariables(instance)));
        managementService.createJobQuery().processInstanceId(instance).list().stream()
                .sorted(Comparator.comparing(job -> job.getId()))
                .forEach(job -> state.append(" job retries=").append(job.getRetries()).append(" due=").append(job.getDuedate()));
        state.append(" dispute=").append(dispute.buyerId()).append('/').append(dispute.sellerId()).append('/')
                .append(dispute.status()).append('/').append(dispute.resolutionType()).append('/')
                .append(dispute.resolutionAmount()).append('/').append(dispute.informationFrom())
                .append(" proposals=").append(proposals.ofDispute(disputeId))
                .append(" refund=").append(refunds.ofDispute(disputeId).isPresent());
        return state.toString();
    }

    @Test
    void aSellerWhoRewritesTheBuyerIdIsNeverAssignedTheBuyersReview() {
        String seller = users.get("seller");
        String disputeId = stages.awaitingSeller();
        Target target = target(disputeId);

        assertThat(api.exchange(seller, HttpMethod.PUT, "/engine-rest/task/" + target.taskId() + "/variables/buyerId",
                value(seller), Map.of()).status()).isEqualTo(403);
        assertThat(api.post(seller, "/engine-rest/task/" + target.taskId() + "/variables",
                Map.of("modifications", Map.of("buyerId", value(seller)))).status()).isEqualTo(403);
        // Even a variable written by someone who may (an administrator, a script): the store decides who acts.
        runtimeService.setVariable(target.processInstanceId(), "buyerId", seller);

        assertThat(api.post(seller, "/api/disputes/" + disputeId + "/seller-response", Map.of("action", "PROPOSE",
                "proposal", Map.of("type", "PARTIAL_REFUND", "amount", Map.of("amount", "10.00", "currency", "EUR")))).status()).isEqualTo(200);

        Task review = taskService.createTaskQuery().processInstanceId(target.processInstanceId()).singleResult();
        assertThat(review.getTaskDefinitionKey()).isEqualTo(REVIEW_PROPOSAL);
        assertThat(review.getAssignee()).isEqualTo(users.get("buyer"));
        assertThat(api.post(seller, "/engine-rest/task/" + review.getId() + "/complete",
                Map.of("variables", Map.of(Fields.BUYER_VERDICT.name(), value("ACCEPT")))).status()).isIn(403, 404);
        assertThat(api.post(seller, "/api/disputes/" + disputeId + "/proposals/"
                + proposals.open(disputeId, org.opendispute.dispute.Party.SELLER).orElseThrow().id() + "/accept", null)
                .status()).isEqualTo(403);
        assertThat(disputes.get(disputeId).resolutionType()).isNull();
    }

    @Test
    void theRightfulPartyCompletesThroughTheEngineWithTheFormsFieldsOnly() {
        String buyer = users.get("buyer");
        String disputeId = stages.negotiating();
        Target target = target(disputeId);

        var extra = api.post(buyer, "/engine-rest/task/" + target.taskId() + "/complete", Map.of("variables",
                Map.of(Fields.BUYER_VERDICT.name(), value("ACCEPT"), "resolutionAmount", value("999.00"))));
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.isProblem()).isTrue();
        assertThat(extra.text("code")).isEqualTo("unknown-variable");
        assertThat(extra.json().at("/errors/0/field").asText()).isEqualTo("variables.resolutionAmount");
        assertThat(taskService.createTaskQuery().taskId(target.taskId()).count()).isEqualTo(1);

        assertThat(api.post(buyer, "/engine-rest/task/" + target.taskId() + "/complete",
                Map.of("variables", Map.of(Fields.BUYER_VERDICT.name(), value("ACCEPT")))).status()).isEqualTo(204);
        assertThat(disputes.get(disputeId).resolutionAmount().amount()).isEqualByComparingTo("10.00");
    }
}
