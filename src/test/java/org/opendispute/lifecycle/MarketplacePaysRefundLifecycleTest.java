package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.opendispute.dispute.DisputeProcess.Elements.ISSUE_REFUND;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATE;
import static org.opendispute.dispute.DisputeProcess.Elements.RESPOND_AS_SELLER;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_ACTION;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.ExponentialBackoffStrategy;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.Groups;
import org.opendispute.dispute.Outcome;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.refund.ExternalTaskPaymentGateway;
import org.opendispute.refund.Refund;
import org.opendispute.refund.RefundPayments;
import org.opendispute.support.TestUsers;
import org.opendispute.security.Grants;
import org.opendispute.support.ApiClient;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The refund paid by the marketplace's own payment service ({@code disputes.payments.provider=external-task}):
 * Camunda's external task client, as that service, fetches the task over {@code /engine-rest} on the application's
 * port with an integrator's credentials, and pays, fails for a while, or refuses.
 */
class MarketplacePaysRefundLifecycleTest extends LifecycleScenario {

    static final String MARKETPLACE_TASK = "Task_MarketplacePaysRefund";

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired Grants grants;
    @Autowired TestRestTemplate http;

    ExternalTaskClient worker;
    final List<JsonNode> handedOver = new CopyOnWriteArrayList<>();

    @BeforeEach
    void theMarketplacePays() {
        payments.useProvider(new ExternalTaskPaymentGateway());
        TestUsers.ensure(identityService, "marketplacepayments", Groups.INTEGRATORS);
        // What AccessSetup grants when disputes.payments.provider=external-task
        grants.ensure(Groups.INTEGRATORS, Resources.PROCESS_DEFINITION, DisputeProcess.KEY,
                ProcessDefinitionPermissions.UPDATE_INSTANCE);
    }

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.stop();
        }
    }

    @Test
    void theMarketplacesWorkerPaysTheRefundAndCompletesWithItsReference() {
        ProcessInstance pi = acceptedFullRefund();
        assertThat(refund(pi).state()).as("handed to the marketplace: it may pay from now on")
                .isEqualTo(Refund.State.SUBMITTED);

        startWorker(pi, (task, service) -> service.complete(task, Map.of(RefundPayments.PROVIDER_REFERENCE, "ledger-42")));

        eventually(() -> status(pi) == DisputeStatus.RESOLVED);
        assertResolved(pi, Outcome.FULL_REFUND);
        assertThat(pi).hasPassed(MARKETPLACE_TASK).hasNotPassed(ISSUE_REFUND);
        assertThat(refund(pi).state()).isEqualTo(Refund.State.SUCCEEDED);
        assertThat(refund(pi).providerReference()).isEqualTo("ledger-42");
        JsonNode order = handedOver.get(0);
        assertThat(order.get("amount").asText()).isEqualTo("105.00");
        assertThat(order.get("currency").asText()).isEqualTo("EUR");
        assertThat(order.get("idempotencyKey").asText()).isEqualTo(refund(pi).idempotencyKey());
        assertThat(order.get("paymentReference").asText()).isEqualTo(order().paymentReference());
        assertThat(payments.calls()).as("nothing was paid in the application").isZero();
    }

    @Test
    void aPassingFailureIsRetriedAndARefusalSendsTheDisputeBackToMediationWithTheReason() {
        ProcessInstance pi = acceptedFullRefund();
        AtomicInteger attempts = new AtomicInteger();
        startWorker(pi, (task, service) -> {
            if (attempts.incrementAndGet() == 1) {
                service.handleFailure(task, "Ledger unavailable", "timeout", 2, 0L);
            } else {
                service.handleBpmnError(task, DisputeProcess.Errors.REFUND_FAILED, "The buyer's account is closed");
            }
        });

        eventually(() -> status(pi) == DisputeStatus.IN_MEDIATION);
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(pi).isWaitingAt(MEDIATE);
        assertThat(refund(pi).state()).isEqualTo(Refund.State.FAILED);
        assertThat(refund(pi).failureReason()).isEqualTo("The buyer's account is closed");
        assertThat(events(pi)).contains("REFUND_FAILED").doesNotContain("REFUND_ISSUED");
    }

    @Test
    void whatTheMarketplaceSendsBackIsCheckedBeforeTheEngineSeesIt() {
        ProcessInstance pi = acceptedFullRefund();
        ApiClient marketplace = new ApiClient(http);
        var fetched = marketplace.post("marketplacepayments", "/engine-rest/external-task/fetchAndLock", Map.of(
                "workerId", "w1", "maxTasks", 1, "topics", List.of(Map.of("topicName", RefundPayments.TOPIC,
                        "lockDuration", 10_000, "businessKey", pi.getBusinessKey()))));
        assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
        String taskId = fetched.json().get(0).get("id").asText();
        String complete = "/engine-rest/external-task/" + taskId + "/complete";

        var sneaky = marketplace.post("marketplacepayments", complete, Map.of("workerId", "w1", "variables", Map.of(
                RefundPayments.PROVIDER_REFERENCE, Map.of("value", "ledger-1"), "resolutionType", Map.of("value", "X"))));
        assertThat(sneaky.status()).isEqualTo(400);
        assertThat(sneaky.json().at("/errors/0/field").asText()).isEqualTo("variables.resolutionType");
        var withoutReference = marketplace.post("marketplacepayments", complete, Map.of("workerId", "w1"));
        assertThat(withoutReference.status()).isEqualTo(400);
        assertThat(withoutReference.text("code")).isEqualTo("field-required");
        var otherError = marketplace.post("marketplacepayments", "/engine-rest/external-task/" + taskId + "/bpmnError",
                Map.of("workerId", "w1", "errorCode", "SomethingElse"));
        assertThat(otherError.status()).isEqualTo(400);
        assertThat(pi).isWaitingAt(MARKETPLACE_TASK);

        assertThat(marketplace.post("marketplacepayments", complete, Map.of("workerId", "w1", "variables",
                Map.of(RefundPayments.PROVIDER_REFERENCE, Map.of("value", "ledger-7")))).status()).isEqualTo(204);
        assertResolved(pi, Outcome.FULL_REFUND);
        assertThat(refund(pi).providerReference()).isEqualTo("ledger-7");
    }

    @Test
    void anIntentAboveWhatWasPaidNeverReachesTheMarketplace() {
        // An earlier dispute of the same order already had 100.00 of its 105.00 refunded
        anEarlierDisputeOfTheOrderRefunded("100.00");

        ProcessInstance pi = sellerAccepted(ResolutionType.FULL_REFUND);

        assertThat(pi).isWaitingAt(ISSUE_REFUND);
        assertThat(refund(pi).state()).isEqualTo(Refund.State.FAILED);
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
                org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job(ISSUE_REFUND, pi));
        assertThat(pi).isWaitingAt(MEDIATE).hasNotPassed(MARKETPLACE_TASK);
    }

    // ---------------------------------------------------------------------------------------------------

    ProcessInstance acceptedFullRefund() {
        ProcessInstance pi = sellerAccepted(ResolutionType.FULL_REFUND);
        assertThat(pi).isWaitingAt(MARKETPLACE_TASK);
        return pi;
    }

    org.opendispute.order.Order order() {
        return order;
    }

    /** The marketplace's worker, fetching only this dispute's refund (other tests' disputes are not its own). */
    void startWorker(ProcessInstance dispute, org.camunda.bpm.client.task.ExternalTaskHandler pays) {
        ObjectMapper json = new ObjectMapper();
        worker = ExternalTaskClient.create()
                .baseUrl("http://localhost:" + port + "/engine-rest")
                .addInterceptor(new BasicAuthProvider("marketplacepayments", TestUsers.PASSWORD))
                .workerId("marketplacepayments")
                // No long polling: the engine's clock stands still in these tests, and the server times long polls by it
                .backoffStrategy(new ExponentialBackoffStrategy(100L, 1f, 100L))
                .build();
        worker.subscribe(RefundPayments.TOPIC).businessKey(dispute.getBusinessKey()).lockDuration(20_000).handler((task, service) -> {
            try {
                handedOver.add(json.readTree(task.<String>getVariable(RefundPayments.REFUND)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            pays.execute(task, service);
        }).open();
    }

    /** Waits for the worker, which runs on its own thread over HTTP, to have done its part. */
    static void eventually(BooleanSupplier done) {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("The marketplace's worker did not get there in 20 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
