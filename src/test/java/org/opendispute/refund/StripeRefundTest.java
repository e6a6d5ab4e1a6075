package org.opendispute.refund;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendispute.dispute.DisputeProcess.Elements.ISSUE_REFUND;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeProcess.Fields;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.OpeningVariables;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.order.OrderStore;
import org.opendispute.support.DisputeStages;
import org.opendispute.support.FlakyPaymentGateway;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestOrders;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A dispute refunded through the Stripe provider's client, the whole application against a local stub of Stripe's
 * Refunds endpoints, the refund's job run by hand: paid once, and a lost answer reconciled by asking, not by re-sending.
 */
@PostgresTest
class StripeRefundTest {

    static final WireMockServer STRIPE = new WireMockServer(options().dynamicPort());

    static {
        STRIPE.start();
    }

    @Autowired OrderStore orders;
    @Autowired OpeningVariables openingVariables;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired DisputeStore disputes;
    @Autowired FlakyPaymentGateway payments;
    @Autowired RefundStore refunds;
    @Autowired ManagementService managementService;

    DisputeStages stages;

    @BeforeEach
    void setUp() {
        STRIPE.resetAll();
        // The application's own context, its refund step paying through the Stripe client against the stub
        payments.useProvider(new StripePaymentGateway(new StripeSettings("sk_test_opendispute", STRIPE.baseUrl(),
                Duration.ofSeconds(2), Duration.ofMillis(500)), Duration.ofMinutes(1)));
        stages = new DisputeStages(orders, openingVariables, runtimeService, taskService, TestOrders.unique("buyer"),
                TestOrders.unique("seller"));
    }

    @AfterEach
    void reset() {
        payments.reset();
        ClockUtil.reset();
    }

    @AfterAll
    static void stopStub() {
        STRIPE.stop();
    }

    @Test
    void aRefundIsPaidByStripeOnceAndItsReferenceKept() {
        String disputeId = refundDue();
        STRIPE.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(refund("re_paid", disputeId)));

        managementService.executeJob(refundJob(disputeId).getId());

        Refund refund = refunds.ofDispute(disputeId).orElseThrow();
        assertThat(refund.state()).isEqualTo(Refund.State.SUCCEEDED);
        assertThat(refund.providerReference()).isEqualTo("re_paid");
        assertThat(disputes.get(disputeId).status()).isEqualTo(DisputeStatus.RESOLVED);
        STRIPE.verify(1, postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo(refund.idempotencyKey())));
    }

    @Test
    void anAnswerLostToATimeoutIsFoundAtStripeAndNothingIsSentTwice() {
        String disputeId = refundDue();
        String key = refunds.ofDispute(disputeId).orElseThrow().idempotencyKey();
        STRIPE.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(refund("re_slow", disputeId).withFixedDelay(1_500)));
        STRIPE.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"object\": \"list\", \"url\": \"/v1/refunds\", \"has_more\": false, \"data\": ["
                        + StripePaymentGatewayTest.refundJson("re_slow", "succeeded", key) + "]}")));

        Job job = refundJob(disputeId);
        assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasMessageContaining("did not answer");
        assertThat(refunds.ofDispute(disputeId).orElseThrow().state()).isEqualTo(Refund.State.UNKNOWN);

        Job retry = refundJob(disputeId);
        ClockUtil.setCurrentTime(new Date(retry.getDuedate().getTime() + 1));
        managementService.executeJob(retry.getId());

        assertThat(refunds.ofDispute(disputeId).orElseThrow().providerReference()).isEqualTo("re_slow");
        assertThat(refunds.ofDispute(disputeId).orElseThrow().state()).isEqualTo(Refund.State.SUCCEEDED);
        STRIPE.verify(1, postRequestedFor(urlPathEqualTo("/v1/refunds")));
    }

    /** A dispute whose seller accepted a full refund: the refund's intent is committed, its job waits. */
    String refundDue() {
        String disputeId = stages.awaitingSeller(ResolutionType.FULL_REFUND).getBusinessKey();
        stages.complete(disputeId, TaskCommand.of(Fields.SELLER_ACTION, SellerAction.ACCEPT));
        assertThat(refunds.ofDispute(disputeId).orElseThrow().state()).isEqualTo(Refund.State.PENDING);
        return disputeId;
    }

    Job refundJob(String disputeId) {
        return managementService.createJobQuery().processInstanceId(disputes.get(disputeId).processInstanceId())
                .activityId(ISSUE_REFUND).singleResult();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder refund(String id, String disputeId) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(StripePaymentGatewayTest.refundJson(id, "succeeded", "refund:" + disputeId));
    }
}
