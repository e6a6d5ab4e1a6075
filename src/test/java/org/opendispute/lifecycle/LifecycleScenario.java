package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.opendispute.dispute.DisputeProcess.Fields.CHOICE;
import static org.opendispute.dispute.DisputeProcess.Fields.PROPOSAL_AMOUNT;
import static org.opendispute.dispute.DisputeProcess.Fields.PROPOSAL_TYPE;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_CARRIER;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_TRACKING_NUMBER;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_ACTION;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_REASON;
import static org.opendispute.dispute.DisputeProcess.Fields.MEDIATOR_ACTION;
import static org.opendispute.dispute.DisputeProcess.Elements.CHOOSE_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.DISPUTE_CANCELLED;
import static org.opendispute.dispute.DisputeProcess.Elements.DISPUTE_RESOLVED;
import static org.opendispute.dispute.DisputeProcess.Elements.ISSUE_REFUND;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATE;
import static org.opendispute.dispute.DisputeProcess.Elements.RESPOND_AS_SELLER;
import static org.opendispute.dispute.DisputeProcess.Elements.SHIP_RETURN;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.opendispute.dispute.Accounts;
import org.opendispute.dispute.Choice;
import org.opendispute.dispute.Deadlines;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeIds;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.DisputedLine;
import org.opendispute.dispute.MediatorAction;
import org.opendispute.dispute.OpeningRequest;
import org.opendispute.dispute.OpeningVariables;
import org.opendispute.dispute.Outcome;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.evidence.EvidenceStore;
import org.opendispute.negotiation.MessageStore;
import org.opendispute.order.Money;
import org.opendispute.order.Order;
import org.opendispute.order.OrderStore;
import org.opendispute.order.TrackingEvent;
import org.opendispute.refund.Refund;
import org.opendispute.refund.RefundStore;
import org.opendispute.resolution.ShipmentTracking;
import org.opendispute.support.FlakyPaymentGateway;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestOrders;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One scenario fixture for the lifecycle suite: every path of bpmn/dispute-resolution.bpmn, on PostgreSQL,
 * with the engine's clock moved instead of waiting, POLICY.md "Lifecycle" stage by stage, one class per stage.
 * The store must mirror the process at every step. Together the stages walk every flow node and sequence flow
 * of the diagram ({@link LifecycleCoverageGateTest}).
 */
@PostgresTest
abstract class LifecycleScenario {

    static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10};

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired OrderStore orders;
    @Autowired DisputeStore disputes;
    @Autowired Deadlines deadlines;
    @Autowired RefundStore refunds;
    @Autowired EvidenceStore evidence;
    @Autowired DisputeHistory history;
    @Autowired MessageStore messages;
    @Autowired Accounts accounts;
    @Autowired OpeningVariables openingVariables;
    @Autowired ShipmentTracking shipmentTracking;
    @Autowired FlakyPaymentGateway payments;

    Order order;

    @BeforeEach
    void setUp() {
        init(engine);
        at(NOW);
        payments.reset();
        order = TestOrders.shippedDaysAgo(NOW, 12);
        orders.save(order);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }


    void at(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    ProcessInstance open(Reason reason, ResolutionType type, String amount) {
        List<String> evidenceIds = reason.evidenceRequired()
                ? List.of(evidence.upload(order.buyerId(), null, "photo.jpg", JPEG).id()) : List.of();
        return start(new OpeningRequest(order.orderId(), order.buyerId(), reason, "Described in detail", List.of(),
                type, amount == null ? null : new BigDecimal(amount), evidenceIds));
    }

    /** An earlier, cancelled dispute of the same order whose refund of {@code amount} was paid. */
    void anEarlierDisputeOfTheOrderRefunded(String amount) {
        String earlierId = DisputeIds.next();
        disputes.insert(earlierId, null, new OpeningRequest(order.orderId(), order.buyerId(), Reason.NOT_RECEIVED,
                "Earlier", List.of(), ResolutionType.FULL_REFUND, null, List.of()), order.sellerId(),
                new org.opendispute.dispute.Eligibility(null, List.of(), eur(amount), order.total(), eur(amount), false, 0));
        disputes.close(earlierId, DisputeStatus.CANCELLED, Outcome.CANCELLED_BY_BUYER);
        refunds.markSucceeded(refunds.intend(earlierId, eur(amount), "CARD", order.paymentReference(),
                java.time.LocalDate.of(2026, 3, 31)).id(), "test:earlier");
    }

    /** A buyer's NOT_RECEIVED dispute asking for this resolution, which the seller accepted. */
    ProcessInstance sellerAccepted(ResolutionType requested) {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, requested, null);
        complete(task(RESPOND_AS_SELLER, pi), TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT).variables());
        return pi;
    }

    ProcessInstance start(OpeningRequest request) {
        return runtimeService.startProcessInstanceByKey(DisputeProcess.KEY, DisputeIds.next(),
                openingVariables.write(request));
    }

    void propose(ProcessInstance pi, ResolutionType type, String amount) {
        propose(pi, RESPOND_AS_SELLER, type, amount);
    }

    /** The seller proposes in the task of this round: the first answer, or the answer to a rejection. */
    void propose(ProcessInstance pi, String sellerTask, ResolutionType type, String amount) {
        complete(task(sellerTask, pi), TaskCommand.of(SELLER_ACTION, SellerAction.PROPOSE).and(PROPOSAL_TYPE, type).and(PROPOSAL_AMOUNT, new BigDecimal(amount)).variables());
    }

    void escalate(ProcessInstance pi) {
        runtimeService.createMessageCorrelation(DisputeProcess.Messages.BUYER_ESCALATES)
                .processInstanceBusinessKey(pi.getBusinessKey())
                .correlate();
    }

    ProcessInstance escalatedToMediation() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        complete(task(RESPOND_AS_SELLER, pi), TaskCommand.of(SELLER_ACTION, SellerAction.REFUSE).and(SELLER_REASON, "Shipped fine").variables());
        escalate(pi);
        assertThat(pi).isWaitingAt(MEDIATE);
        return pi;
    }

    void issuePlatformProposal(ProcessInstance pi, Map<String, Object> details) {
        Map<String, Object> variables = new java.util.HashMap<>(details);
        variables.put(MEDIATOR_ACTION.name(), MediatorAction.ISSUE_PROPOSAL.name());
        complete(task(MEDIATE, pi), variables);
    }

    /** DAMAGED, one lamp (60.00 + 3.00 shipping share): above 50.00, so the platform suggests a return. */
    ProcessInstance returnAgreed() {
        String photo = evidence.upload(order.buyerId(), null, "broken.jpg", JPEG).id();
        ProcessInstance pi = start(new OpeningRequest(order.orderId(), order.buyerId(), Reason.DAMAGED, "Cracked",
                List.of(new DisputedLine("LAMP", 1)), ResolutionType.FULL_REFUND, null, List.of(photo)));
        complete(task(RESPOND_AS_SELLER, pi), TaskCommand.of(SELLER_ACTION, SellerAction.REFUSE).and(SELLER_REASON, "Packed well").variables());
        escalate(pi);
        assertThat(runtimeService.getVariable(pi.getId(), "suggestedProposalType")).isEqualTo("RETURN_AND_REFUND");
        issuePlatformProposal(pi, Map.of());
        complete(task(CHOOSE_PROPOSAL, pi), TaskCommand.of(CHOICE, Choice.PLATFORM).variables());
        assertThat(pi).isWaitingAt(SHIP_RETURN);
        return pi;
    }

    void shipReturn(ProcessInstance pi, String trackingNumber) {
        complete(task(SHIP_RETURN, pi), TaskCommand.of(RETURN_CARRIER, "DHL").and(RETURN_TRACKING_NUMBER, trackingNumber).variables());
    }

    void returnDelivered(ProcessInstance pi, String trackingNumber) {
        TrackingEvent delivered = new TrackingEvent(order.orderId(), "DHL", trackingNumber,
                TrackingEvent.Kind.DELIVERED, "Delivered to the seller", NOW);
        orders.recordTrackingEvent(delivered);
        assertThat(shipmentTracking.onTrackingEvent(delivered)).isEqualTo(ShipmentTracking.Delivered.RETURN);
    }

    void post(ProcessInstance pi, String author, String body) {
        runtimeService.createMessageCorrelation(DisputeProcess.Messages.PARTY_MESSAGE_POSTED)
                .processInstanceBusinessKey(pi.getBusinessKey())
                .setVariableLocal("messageAuthor", author)
                .setVariableLocal("messageBody", body)
                .correlate();
    }

    void cancelAndCheck(ProcessInstance pi) {
        runtimeService.createMessageCorrelation(DisputeProcess.Messages.BUYER_CANCELS)
                .processInstanceBusinessKey(pi.getBusinessKey())
                .correlate();
        assertThat(pi).isEnded().hasPassed(DISPUTE_CANCELLED);
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
        Dispute dispute = disputes.get(pi.getBusinessKey());
        assertThat(dispute.status()).isEqualTo(DisputeStatus.CANCELLED);
        assertThat(dispute.outcome()).isEqualTo(Outcome.CANCELLED_BY_BUYER);
        assertThat(deadlines.running(pi.getBusinessKey())).isEmpty();
    }

    void refundIssued(ProcessInstance pi) {
        assertThat(pi).isWaitingAt(ISSUE_REFUND);
        assertThat(status(pi)).isEqualTo(DisputeStatus.REFUND_PENDING);
        execute(job(ISSUE_REFUND, pi));
        assertThat(refunds.countOfDispute(pi.getBusinessKey())).isEqualTo(1);
    }

    void assertResolved(ProcessInstance pi, Outcome outcome) {
        assertThat(pi).isEnded().hasPassed(DISPUTE_RESOLVED);
        Dispute dispute = disputes.get(pi.getBusinessKey());
        assertThat(dispute.status()).isEqualTo(DisputeStatus.RESOLVED);
        assertThat(dispute.outcome()).isEqualTo(outcome);
        assertThat(deadlines.running(pi.getBusinessKey())).isEmpty();
        assertThat(events(pi)).contains("OPENED", "RESOLUTION_AGREED", "RESOLVED");
    }

    DisputeStatus status(ProcessInstance pi) {
        return disputes.get(pi.getBusinessKey()).status();
    }

    Refund refund(ProcessInstance pi) {
        return refunds.ofDispute(pi.getBusinessKey()).orElseThrow();
    }

    List<String> events(ProcessInstance pi) {
        return history.of(pi.getBusinessKey()).stream().map(DisputeHistory.Entry::event).toList();
    }

    boolean sellerAnswered(ProcessInstance pi) {
        return history.of(pi.getBusinessKey()).stream().anyMatch(e -> e.event().startsWith("SELLER_"));
    }

    Object historicVariable(ProcessInstance pi, String name) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(name).singleResult().getValue();
    }

    static Money eur(String amount) {
        return Money.exact(new BigDecimal(amount), TestOrders.EUR);
    }
}
