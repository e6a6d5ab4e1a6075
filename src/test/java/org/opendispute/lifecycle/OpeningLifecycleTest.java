package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_ACTION;
import static org.opendispute.dispute.DisputeProcess.Elements.DISPUTE_REJECTED;
import static org.opendispute.dispute.DisputeProcess.Elements.ISSUE_REFUND;
import static org.opendispute.dispute.DisputeProcess.Elements.RESPOND_AS_SELLER;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeIds;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.Groups;
import org.opendispute.dispute.OpeningRequest;
import org.opendispute.dispute.Outcome;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.order.Order;
import org.opendispute.refund.Refund;
import org.opendispute.support.TestOrders;

/** Opening through the engine's own routes and the opening rules in the process. */
class OpeningLifecycleTest extends LifecycleScenario {

    // --- Opening -------------------------------------------------------------------------------------

    @Test
    void anIneligibleDisputeEndsWithItsReason() {
        Order early = TestOrders.shippedDaysAgo(NOW, 3);
        orders.save(early);
        ProcessInstance pi = start(new OpeningRequest(early.orderId(), early.buyerId(), Reason.NOT_RECEIVED, "Where?",
                List.of(), ResolutionType.FULL_REFUND, null, List.of()));

        assertThat(pi).isEnded().hasPassed(DISPUTE_REJECTED);
        assertThat(historicVariable(pi, "rejectionCode")).isEqualTo("window-not-open");
        assertThat(disputes.find(pi.getBusinessKey())).isEmpty();
    }

    @Test
    void aBuyerStartingTheProcessThroughTheEngineOpensOnlyForThemselves() {
        ProcessInstance withVariables = startAs("someone-else", Groups.BUYERS, openingVariables.write(request(order)));
        ProcessInstance withTheApisObject = startAs("someone-else", Groups.BUYERS,
                openingVariables.handOver(request(order)));

        for (ProcessInstance pi : List.of(withVariables, withTheApisObject)) {
            assertThat(pi).isEnded().hasPassed(DISPUTE_REJECTED);
            assertThat(historicVariable(pi, "rejectionCode")).isEqualTo("not-your-order");
        }
    }

    @Test
    void anAdminStartingTheProcessThroughTheEngineOpensForTheNamedBuyer() {
        ProcessInstance pi = startAs("support-admin", Groups.ADMINS, openingVariables.write(request(order)));

        assertThat(pi).isWaitingAt(RESPOND_AS_SELLER);
        assertThat(disputes.get(pi.getBusinessKey()).buyerId()).isEqualTo(order.buyerId());
    }

    /** Started as this user (Tasklist, engine REST): the engine checks their rights, the process knows them. */
    ProcessInstance startAs(String userId, String group, Map<String, Object> variables) {
        engine.getIdentityService().setAuthentication(userId, List.of(group));
        try {
            return runtimeService.startProcessInstanceByKey(DisputeProcess.KEY, DisputeIds.next(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    @Test
    void theRequestHandedOverByOurApiIsKeptInTheStoreOnly() {
        OpeningRequest request = request(order);
        ProcessInstance pi = runtimeService.startProcessInstanceByKey(DisputeProcess.KEY, DisputeIds.next(),
                openingVariables.handOver(request));

        assertThat(pi).isWaitingAt(RESPOND_AS_SELLER);
        assertThat(disputes.get(pi.getBusinessKey()).description()).isEqualTo(request.description());
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .list()).isEmpty();
    }

    @Test
    void aBuyerAboveTheAbuseLimitIsRefusedAndMarkedForReview() {
        for (int i = 0; i < 6; i++) {
            Order another = ofSameBuyer();
            assertThat(start(request(another))).isNotEnded();
        }
        ProcessInstance seventh = start(request(ofSameBuyer()));

        assertThat(seventh).isEnded().hasPassed(DISPUTE_REJECTED);
        assertThat(historicVariable(seventh, "rejectionCode")).isEqualTo("too-many-disputes");
        assertThat(accounts.isMarkedForReview(order.buyerId())).isTrue();
    }

    Order ofSameBuyer() {
        Order another = TestOrders.order().shippedDaysAgo(NOW, 12).buyer(order.buyerId()).build();
        orders.save(another);
        return another;
    }

    static OpeningRequest request(Order order) {
        return new OpeningRequest(order.orderId(), order.buyerId(), Reason.NOT_RECEIVED, "Never arrived", List.of(),
                ResolutionType.FULL_REFUND, null, List.of());
    }

    @Test
    void aFailedStepLeavesNeitherStoreNorProcessHalfWritten() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        // Recording the seller's answer first marks the dispute answered, then rejects the amount:
        // the whole step rolls back, in the store and in the engine.
        assertThatThrownBy(() -> taskService.complete(task(RESPOND_AS_SELLER, pi).getId(), Map.of(
                "sellerAction", "PROPOSE", "proposalType", "PARTIAL_REFUND", "proposalAmount", "500.00")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("At most 105.00 EUR");

        assertThat(pi).isWaitingAt(RESPOND_AS_SELLER);
        assertThat(events(pi)).doesNotContain("SELLER_PROPOSED");
        assertThat(disputes.get(pi.getBusinessKey()).status()).isEqualTo(DisputeStatus.AWAITING_SELLER);
        assertThat(sellerAnswered(pi)).isFalse();
    }
}
