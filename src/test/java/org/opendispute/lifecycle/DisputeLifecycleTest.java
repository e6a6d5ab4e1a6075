package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.opendispute.dispute.DisputeProcess.Elements.CHOOSE_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.SELLER_RESPONSE_DUE;
import static org.opendispute.dispute.DisputeProcess.Elements.NEGOTIATION_DEADLINE;
import static org.opendispute.dispute.DisputeProcess.Elements.INFORMATION_DUE;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATION_OVERDUE;
import static org.opendispute.dispute.DisputeProcess.Elements.BUYER_DECISION_DUE;
import static org.opendispute.dispute.DisputeProcess.Elements.RETURN_SHIPMENT_DUE;
import static org.opendispute.dispute.DisputeProcess.Elements.RETURN_RECEIPT_DUE;
import static org.opendispute.dispute.DisputeProcess.Elements.RESHIPMENT_DUE;
import static org.opendispute.dispute.DisputeProcess.Elements.CONFIRM_RETURN_RECEIPT;
import static org.opendispute.dispute.DisputeProcess.Elements.DISPUTE_CANCELLED;
import static org.opendispute.dispute.DisputeProcess.Elements.DISPUTE_REJECTED;
import static org.opendispute.dispute.DisputeProcess.Elements.DISPUTE_RESOLVED;
import static org.opendispute.dispute.DisputeProcess.Elements.ISSUE_REFUND;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATE;
import static org.opendispute.dispute.DisputeProcess.Elements.PROVIDE_INFORMATION;
import static org.opendispute.dispute.DisputeProcess.Elements.RESHIP;
import static org.opendispute.dispute.DisputeProcess.Elements.RESPOND_AS_SELLER;
import static org.opendispute.dispute.DisputeProcess.Elements.RETURN_DELIVERED;
import static org.opendispute.dispute.DisputeProcess.Elements.REVIEW_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.SHIP_RETURN;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.Accounts;
import org.opendispute.dispute.Deadlines;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeIds;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStage;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.DisputedLine;
import org.opendispute.dispute.OpeningRequest;
import org.opendispute.dispute.OpeningVariables;
import org.opendispute.dispute.Outcome;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.evidence.EvidenceStore;
import org.opendispute.negotiation.MessageStore;
import org.opendispute.order.Money;
import org.opendispute.order.Order;
import org.opendispute.order.OrderStore;
import org.opendispute.order.TrackingEvent;
import org.opendispute.refund.Refund;
import org.opendispute.refund.RefundStore;
import org.opendispute.resolution.ReturnTracking;
import org.opendispute.dispute.Groups;
import org.opendispute.support.FlakyPaymentGateway;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestOrders;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every path of bpmn/dispute-resolution.bpmn, on PostgreSQL, with the engine's clock moved instead of
 * waiting: POLICY.md "Lifecycle" scenario by scenario. The store must mirror the process at every step.
 */
@PostgresTest
class DisputeLifecycleTest {

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
    @Autowired ReturnTracking returnTracking;
    @Autowired FlakyPaymentGateway payments;

    Order order;

    @BeforeEach
    void setUp() {
        init(engine);
        at(NOW);
        order = TestOrders.shippedDaysAgo(NOW, 12);
        orders.save(order);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // --- Negotiation -------------------------------------------------------------------------------

    @Test
    void sellerAcceptsTheBuyersRequest() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        assertThat(pi).isWaitingAt(RESPOND_AS_SELLER);
        Task respond = task(RESPOND_AS_SELLER, pi);
        assertThat(respond).isAssignedTo(order.sellerId());
        assertThat(respond.getDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(5))));
        assertThat(respond.getName()).contains(pi.getBusinessKey()).contains("NOT_RECEIVED");
        assertThat(status(pi)).isEqualTo(DisputeStatus.AWAITING_SELLER);
        assertThat(deadlines.running(pi.getBusinessKey()))
                .containsEntry("sellerResponse", NOW.plus(Duration.ofDays(5)))
                .containsEntry("negotiation", NOW.plus(Duration.ofDays(15)));

        complete(respond, withVariables("sellerAction", "ACCEPT"));

        refundIssued(pi);
        assertResolved(pi, Outcome.FULL_REFUND);
        assertThat(refund(pi).amount()).isEqualTo(eur("105.00"));
        // Paid back the order's way, under the refund's own key
        assertThat(refund(pi).paymentMethod()).isEqualTo(order.paymentMethod());
        assertThat(refund(pi).providerReference()).isEqualTo("test:" + RefundStore.idempotencyKey(pi.getBusinessKey()));
        // The gateways routed on transient variables; the parties and what was agreed are in the store
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .list()).extracting(HistoricVariableInstance::getName)
                .doesNotContain("sellerId", "eligible", "resolutionType", "resolutionAmount");
        assertThat(disputes.get(pi.getBusinessKey()).resolutionType()).isEqualTo(ResolutionType.FULL_REFUND);
        assertThat(accounts.sellerStatistics(order.sellerId()).resolvedForBuyer()).isEqualTo(1);
    }

    @Test
    void sellerSilentExecutesTheBuyersRequest() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.PARTIAL_REFUND, "30.00");
        Job timer = job(SELLER_RESPONSE_DUE, pi);
        assertThat(timer.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(5))));

        at(NOW.plus(Duration.ofDays(5)));
        execute(timer);

        assertThat(pi).hasPassed("Task_ApplyBuyerRequest", "EndEvent_BuyerRequestApplied");
        refundIssued(pi);
        assertResolved(pi, Outcome.PARTIAL_REFUND);
        assertThat(refund(pi).amount()).isEqualTo(eur("30.00"));
    }

    @Test
    void counterProposalAccepted() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        propose(pi, ResolutionType.PARTIAL_REFUND, "50.00");
        assertThat(pi).isWaitingAt(REVIEW_PROPOSAL);
        assertThat(task(REVIEW_PROPOSAL, pi)).isAssignedTo(order.buyerId());
        assertThat(status(pi)).isEqualTo(DisputeStatus.NEGOTIATING);

        complete(task(REVIEW_PROPOSAL, pi), withVariables("buyerVerdict", "ACCEPT"));

        assertThat(pi).hasPassed("EndEvent_ProposalAccepted");
        refundIssued(pi);
        assertResolved(pi, Outcome.PARTIAL_REFUND);
        assertThat(refund(pi).amount()).isEqualTo(eur("50.00"));
    }

    @Test
    void severalRoundsUntilTheSellerAccepts() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.PARTIAL_REFUND, "40.00");
        propose(pi, ResolutionType.PARTIAL_REFUND, "10.00");
        complete(task(REVIEW_PROPOSAL, pi), withVariables("buyerVerdict", "REJECT"));
        assertThat(pi).isWaitingAt(RESPOND_AS_SELLER);
        assertThat(status(pi)).isEqualTo(DisputeStatus.AWAITING_SELLER);
        propose(pi, ResolutionType.PARTIAL_REFUND, "25.00");
        complete(task(REVIEW_PROPOSAL, pi), withVariables("buyerVerdict", "REJECT"));
        complete(task(RESPOND_AS_SELLER, pi), withVariables("sellerAction", "ACCEPT"));

        refundIssued(pi);
        assertResolved(pi, Outcome.PARTIAL_REFUND);
        assertThat(refund(pi).amount()).isEqualTo(eur("40.00"));
    }

    @Test
    void rejectedAndEscalatedByTheBuyer() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        complete(task(RESPOND_AS_SELLER, pi), withVariables("sellerAction", "REFUSE", "sellerReason", "It was delivered"));

        escalate(pi);

        assertThat(pi).hasPassed("EndEvent_EscalatedByBuyer").isWaitingAt(MEDIATE);
        assertThat(task(MEDIATE, pi)).hasCandidateGroup("mediators");
        assertThat(status(pi)).isEqualTo(DisputeStatus.IN_MEDIATION);
        assertThat(disputes.get(pi.getBusinessKey()).escalatedAt()).isEqualTo(NOW);
        assertThat(runtimeService.getVariable(pi.getId(), "suggestedProposalType")).isEqualTo("FULL_REFUND");

        issuePlatformProposal(pi, Map.of());
        assertThat(pi).isWaitingAt(CHOOSE_PROPOSAL);
        assertThat(task(CHOOSE_PROPOSAL, pi)).isAssignedTo(order.buyerId());
        assertThat(status(pi)).isEqualTo(DisputeStatus.AWAITING_BUYER_DECISION);
        complete(task(CHOOSE_PROPOSAL, pi), withVariables("choice", "PLATFORM"));

        refundIssued(pi);
        assertResolved(pi, Outcome.FULL_REFUND);
    }

    @Test
    void theNegotiationDeadlineEscalatesAutomatically() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        propose(pi, ResolutionType.PARTIAL_REFUND, "10.00");
        Job deadline = job(NEGOTIATION_DEADLINE, pi);
        assertThat(deadline.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(15))));

        at(NOW.plus(Duration.ofDays(15)));
        execute(deadline);

        assertThat(pi).isWaitingAt(MEDIATE);
        assertThat(deadlines.running(pi.getBusinessKey())).containsOnlyKeys("mediation");
    }

    @Test
    void partiesExchangeModeratedMessages() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        post(pi, order.sellerId(), "Close the dispute and I will pay you by PayPal");
        post(pi, order.buyerId(), "The parcel never came.");

        assertThat(pi).isWaitingAt(RESPOND_AS_SELLER);
        var conversation = messages.ofDispute(pi.getBusinessKey());
        assertThat(conversation).hasSize(2);
        assertThat(conversation.get(0).flaggedOffPlatform()).isTrue();
        assertThat(conversation.get(1).flaggedOffPlatform()).isFalse();
        assertThat(events(pi)).contains("BUYER_WARNED");
    }

    // --- Mediation -----------------------------------------------------------------------------------

    @Test
    void mediationWithAnInformationRequestAnswered() {
        ProcessInstance pi = escalatedToMediation();
        complete(task(MEDIATE, pi), withVariables("mediatorAction", "REQUEST_INFORMATION", "informationFrom", "SELLER",
                "informationQuestion", "Which carrier did you use?"));

        assertThat(pi).isWaitingAt(PROVIDE_INFORMATION);
        Task question = task(PROVIDE_INFORMATION, pi);
        assertThat(question).isAssignedTo(order.sellerId());
        assertThat(question.getDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(3))));
        assertThat(status(pi)).isEqualTo(DisputeStatus.AWAITING_INFORMATION);

        complete(question, withVariables("informationAnswer", "DHL, tracking TRK-1"));

        assertThat(pi).isWaitingAt(MEDIATE);
        assertThat(status(pi)).isEqualTo(DisputeStatus.IN_MEDIATION);
        assertThat(events(pi)).contains("INFORMATION_REQUESTED", "INFORMATION_PROVIDED");
    }

    @Test
    void anUnansweredInformationRequestCountsAgainstTheParty() {
        ProcessInstance pi = escalatedToMediation();
        complete(task(MEDIATE, pi), withVariables("mediatorAction", "REQUEST_INFORMATION", "informationFrom", "BUYER",
                "informationQuestion", "Please send a photo of the label"));
        assertThat(task(PROVIDE_INFORMATION, pi)).isAssignedTo(order.buyerId());

        at(NOW.plus(Duration.ofDays(3)));
        execute(job(INFORMATION_DUE, pi));

        assertThat(pi).hasPassed("Task_RecordSilence").isWaitingAt(MEDIATE);
        assertThat(events(pi)).contains("INFORMATION_NOT_PROVIDED");
    }

    @Test
    void anOverdueMediationIsFlaggedAndStaysOpen() {
        ProcessInstance pi = escalatedToMediation();
        Task mediate = task(MEDIATE, pi);
        assertThat(mediate.getDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(7))));

        at(NOW.plus(Duration.ofDays(7)));
        execute(job(MEDIATION_OVERDUE, pi));

        assertThat(pi).hasPassed("Task_FlagMediationOverdue", "EndEvent_MediationFlaggedOverdue").isWaitingAt(MEDIATE);
        assertThat(task(MEDIATE, pi).getPriority()).isEqualTo(DisputeStage.OVERDUE_PRIORITY);
        assertThat(disputes.get(pi.getBusinessKey()).mediationOverdue()).isTrue();
    }

    @Test
    void theMediatorOverridesTheSuggestionOnlyWithAJustification() {
        ProcessInstance pi = escalatedToMediation();
        Map<String, Object> override = Map.of("mediatorAction", "ISSUE_PROPOSAL",
                "platformProposalType", "PARTIAL_REFUND", "platformProposalAmount", "60.00");
        assertThatThrownBy(() -> taskService.complete(task(MEDIATE, pi).getId(), override))
                .hasMessageContaining("needs a justification");
        assertThat(pi).isWaitingAt(MEDIATE);

        issuePlatformProposal(pi, Map.of("platformProposalType", "PARTIAL_REFUND", "platformProposalAmount", "60.00",
                "overrideJustification", "Tracking shows partial delivery"));
        assertThat(events(pi)).contains("PLATFORM_PROPOSAL_OVERRIDDEN");
        at(NOW.plus(Duration.ofDays(5)));
        execute(job(BUYER_DECISION_DUE, pi));

        assertThat(pi).hasPassed("Task_ApplyPlatformProposal");
        refundIssued(pi);
        assertThat(refund(pi).amount()).isEqualTo(eur("60.00"));
    }

    // --- Decision ------------------------------------------------------------------------------------

    @Test
    void theBuyerChoosesTheSellersProposal() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        propose(pi, ResolutionType.PARTIAL_REFUND, "20.00");
        escalate(pi);
        issuePlatformProposal(pi, Map.of());

        complete(task(CHOOSE_PROPOSAL, pi), withVariables("choice", "SELLER"));

        refundIssued(pi);
        assertResolved(pi, Outcome.PARTIAL_REFUND);
        assertThat(refund(pi).amount()).isEqualTo(eur("20.00"));
    }

    @Test
    void aSilentBuyerGetsThePlatformsProposal() {
        ProcessInstance pi = escalatedToMediation();
        issuePlatformProposal(pi, Map.of());
        Job decisionDue = job(BUYER_DECISION_DUE, pi);
        assertThat(decisionDue.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(5))));

        at(NOW.plus(Duration.ofDays(5)));
        execute(decisionDue);

        assertThat(pi).hasPassed("Task_ApplyPlatformProposal");
        refundIssued(pi);
        assertResolved(pi, Outcome.FULL_REFUND);
    }

    @Test
    void aDeliveredParcelWithoutEvidenceIsDecidedForTheSeller() {
        orders.recordTrackingEvent(new TrackingEvent(order.orderId(), "DHL", order.trackingNumber(),
                TrackingEvent.Kind.DELIVERED, "Delivered to the front door", NOW.minus(Duration.ofDays(3))));
        ProcessInstance pi = escalatedToMediation();
        assertThat(runtimeService.getVariable(pi.getId(), "suggestedProposalType")).isEqualTo("SELLER_FAVOUR");
        issuePlatformProposal(pi, Map.of());
        complete(task(CHOOSE_PROPOSAL, pi), withVariables("choice", "PLATFORM"));

        assertThat(pi).hasPassed("Gateway_ResolutionType").hasNotPassed(ISSUE_REFUND);
        assertResolved(pi, Outcome.SELLER_FAVOUR);
        assertThat(refunds.ofDispute(pi.getBusinessKey())).isEmpty();
    }

    // --- Return for refund ---------------------------------------------------------------------------

    @Test
    void aReturnConfirmedBySellerIsRefunded() {
        ProcessInstance pi = returnAgreed();
        Task ship = task(SHIP_RETURN, pi);
        assertThat(ship).isAssignedTo(order.buyerId());
        assertThat(ship.getDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(10))));
        assertThat(status(pi)).isEqualTo(DisputeStatus.AWAITING_RETURN);

        shipReturn(pi, "RET-1");
        assertThat(pi).isWaitingAt(RETURN_DELIVERED);
        assertThat(deadlines.running(pi.getBusinessKey())).isEmpty();
        returnDelivered(pi, "RET-1");

        assertThat(pi).isWaitingAt(CONFIRM_RETURN_RECEIPT);
        assertThat(task(CONFIRM_RETURN_RECEIPT, pi)).isAssignedTo(order.sellerId());
        assertThat(status(pi)).isEqualTo(DisputeStatus.AWAITING_RETURN_RECEIPT);
        complete(task(CONFIRM_RETURN_RECEIPT, pi), withVariables("returnCondition", "RECEIVED"));

        refundIssued(pi);
        assertResolved(pi, Outcome.FULL_REFUND);
        assertThat(refund(pi).amount()).isEqualTo(eur("63.00"));
    }

    @Test
    void aReturnShippedLateClosesForTheSeller() {
        ProcessInstance pi = returnAgreed();
        at(NOW.plus(Duration.ofDays(10)));
        execute(job(RETURN_SHIPMENT_DUE, pi));

        assertThat(pi).hasPassed("EndEvent_ReturnNotShipped", "Task_ApplySellerFavour");
        assertResolved(pi, Outcome.SELLER_FAVOUR);
        assertThat(refunds.ofDispute(pi.getBusinessKey())).isEmpty();
    }

    @Test
    void aSellerSilentAfterTheReturnIsDeliveredRefunds() {
        ProcessInstance pi = returnAgreed();
        shipReturn(pi, "RET-2");
        returnDelivered(pi, "RET-2");
        at(NOW.plus(Duration.ofDays(5)));
        execute(job(RETURN_RECEIPT_DUE, pi));

        refundIssued(pi);
        assertResolved(pi, Outcome.FULL_REFUND);
    }

    @Test
    void anEmptyPackageGoesBackToMediation() {
        ProcessInstance pi = returnAgreed();
        shipReturn(pi, "RET-3");
        returnDelivered(pi, "RET-3");
        complete(task(CONFIRM_RETURN_RECEIPT, pi), withVariables("returnCondition", "EMPTY_OR_DIFFERENT"));

        assertThat(pi).hasPassed("EndEvent_PackageDisputed").isWaitingAt(MEDIATE);
        assertThat(status(pi)).isEqualTo(DisputeStatus.IN_MEDIATION);
    }

    @Test
    void aDeliveryOfAnotherParcelDoesNotMoveTheReturn() {
        ProcessInstance pi = returnAgreed();
        shipReturn(pi, "RET-4");
        assertThat(returnTracking.onTrackingEvent(new TrackingEvent(order.orderId(), "DHL", "OTHER",
                TrackingEvent.Kind.DELIVERED, null, NOW))).isFalse();
        assertThat(pi).isWaitingAt(RETURN_DELIVERED);
    }

    // --- Reshipment ----------------------------------------------------------------------------------

    @Test
    void theSellerReships() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.RESHIPMENT, null);
        complete(task(RESPOND_AS_SELLER, pi), withVariables("sellerAction", "ACCEPT"));
        assertThat(pi).isWaitingAt(RESHIP);
        assertThat(status(pi)).isEqualTo(DisputeStatus.AWAITING_RESHIPMENT);

        complete(task(RESHIP, pi), withVariables("reshipCarrier", "UPS", "reshipTrackingNumber", "1Z999"));

        assertResolved(pi, Outcome.RESHIPPED);
        assertThat(disputes.get(pi.getBusinessKey()).reshipTrackingNumber()).isEqualTo("1Z999");
        assertThat(refunds.ofDispute(pi.getBusinessKey())).isEmpty();
    }

    @Test
    void aLateReshipmentBecomesAFullRefund() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.RESHIPMENT, null);
        complete(task(RESPOND_AS_SELLER, pi), withVariables("sellerAction", "ACCEPT"));
        at(NOW.plus(Duration.ofDays(5)));
        execute(job(RESHIPMENT_DUE, pi));

        assertThat(pi).hasPassed("Task_ConvertToFullRefund");
        refundIssued(pi);
        assertResolved(pi, Outcome.FULL_REFUND);
        assertThat(refund(pi).amount()).isEqualTo(eur("105.00"));
    }

    // --- Cancel --------------------------------------------------------------------------------------

    @Test
    void theBuyerCancelsWhileTheSellerIsToAnswer() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        cancelAndCheck(pi);
    }

    @Test
    void theBuyerCancelsDuringReview() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        propose(pi, ResolutionType.PARTIAL_REFUND, "5.00");
        cancelAndCheck(pi);
    }

    @Test
    void theBuyerCancelsDuringMediation() {
        cancelAndCheck(escalatedToMediation());
    }

    @Test
    void theBuyerCancelsWhileInformationIsAwaited() {
        ProcessInstance pi = escalatedToMediation();
        complete(task(MEDIATE, pi), withVariables("mediatorAction", "REQUEST_INFORMATION", "informationFrom", "SELLER",
                "informationQuestion", "Proof of shipping?"));
        cancelAndCheck(pi);
    }

    @Test
    void theBuyerCancelsInsteadOfDeciding() {
        ProcessInstance pi = escalatedToMediation();
        issuePlatformProposal(pi, Map.of());
        cancelAndCheck(pi);
    }

    @Test
    void noCancelOnceAResolutionIsBeingApplied() {
        ProcessInstance pi = returnAgreed();
        assertThat(runtimeService.createMessageCorrelation(DisputeProcess.Messages.BUYER_CANCELS)
                .processInstanceBusinessKey(pi.getBusinessKey()).correlateAllWithResult()).isEmpty();
        assertThat(pi).isWaitingAt(SHIP_RETURN);
    }

    // --- Refund --------------------------------------------------------------------------------------

    @Test
    void aFailingRefundIsRetriedAndPaidExactlyOnce() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        complete(task(RESPOND_AS_SELLER, pi), withVariables("sellerAction", "ACCEPT"));
        assertThat(status(pi)).isEqualTo(DisputeStatus.REFUND_PENDING);
        payments.failNext(1);
        Job refundJob = job(ISSUE_REFUND, pi);

        assertThatThrownBy(() -> managementService.executeJob(refundJob.getId()))
                .hasMessageContaining("Payment provider unavailable");
        Job retried = job(ISSUE_REFUND, pi);
        assertThat(retried.getRetries()).isEqualTo(5);
        assertThat(retried.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(1))));
        assertThat(refunds.countOfDispute(pi.getBusinessKey())).isZero();

        at(NOW.plus(Duration.ofMinutes(1)));
        execute(retried);

        assertResolved(pi, Outcome.FULL_REFUND);
        assertThat(refunds.countOfDispute(pi.getBusinessKey())).isEqualTo(1);
        // The job log keeps the failure with its reason; the routine entries of timers and steps are not written
        assertThat(engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(pi.getId()).list())
                .singleElement()
                .satisfies(log -> assertThat(log.isFailureLog()).isTrue())
                .satisfies(log -> assertThat(log.getJobExceptionMessage()).contains("Payment provider unavailable"));
        Refund refund = refund(pi);
        assertThat(refund.state()).isEqualTo(Refund.State.ISSUED);
        assertThat(refund.paymentReference()).isEqualTo(order.paymentReference());
        assertThat(refund.expectedArrivalDate()).isEqualTo(java.time.LocalDate.of(2026, 3, 31));
    }

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
        Order template = TestOrders.shippedDaysAgo(NOW, 12);
        Order another = new Order(template.orderId(), order.buyerId(), template.sellerId(), template.currency(),
                template.lines(), template.shippingCost(), template.paymentMethod(), template.paymentReference(),
                template.shippingMethodPaid(), template.shippingMethodUsed(), template.carrier(),
                template.trackingNumber(), template.paidAt(), template.shippedAt(), template.promisedDeliveryDays(),
                null, false);
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

    // --- Helpers -------------------------------------------------------------------------------------

    void at(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    ProcessInstance open(Reason reason, ResolutionType type, String amount) {
        List<String> evidenceIds = reason.evidenceRequired()
                ? List.of(evidence.upload(order.buyerId(), null, "photo.jpg", JPEG).id()) : List.of();
        return start(new OpeningRequest(order.orderId(), order.buyerId(), reason, "Described in detail", List.of(),
                type, amount == null ? null : new BigDecimal(amount), evidenceIds));
    }

    ProcessInstance start(OpeningRequest request) {
        return runtimeService.startProcessInstanceByKey(DisputeProcess.KEY, DisputeIds.next(),
                openingVariables.write(request));
    }

    void propose(ProcessInstance pi, ResolutionType type, String amount) {
        complete(task(RESPOND_AS_SELLER, pi), withVariables("sellerAction", "PROPOSE", "proposalType", type.name(),
                "proposalAmount", amount));
    }

    void escalate(ProcessInstance pi) {
        runtimeService.createMessageCorrelation(DisputeProcess.Messages.BUYER_ESCALATES)
                .processInstanceBusinessKey(pi.getBusinessKey())
                .correlate();
    }

    ProcessInstance escalatedToMediation() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        complete(task(RESPOND_AS_SELLER, pi), withVariables("sellerAction", "REFUSE", "sellerReason", "Shipped fine"));
        escalate(pi);
        assertThat(pi).isWaitingAt(MEDIATE);
        return pi;
    }

    void issuePlatformProposal(ProcessInstance pi, Map<String, Object> details) {
        Map<String, Object> variables = new java.util.HashMap<>(details);
        variables.put("mediatorAction", "ISSUE_PROPOSAL");
        complete(task(MEDIATE, pi), variables);
    }

    /** DAMAGED, one lamp (60.00 + 3.00 shipping share): above 50.00, so the platform suggests a return. */
    ProcessInstance returnAgreed() {
        String photo = evidence.upload(order.buyerId(), null, "broken.jpg", JPEG).id();
        ProcessInstance pi = start(new OpeningRequest(order.orderId(), order.buyerId(), Reason.DAMAGED, "Cracked",
                List.of(new DisputedLine("LAMP", 1)), ResolutionType.FULL_REFUND, null, List.of(photo)));
        complete(task(RESPOND_AS_SELLER, pi), withVariables("sellerAction", "REFUSE", "sellerReason", "Packed well"));
        escalate(pi);
        assertThat(runtimeService.getVariable(pi.getId(), "suggestedProposalType")).isEqualTo("RETURN_AND_REFUND");
        issuePlatformProposal(pi, Map.of());
        complete(task(CHOOSE_PROPOSAL, pi), withVariables("choice", "PLATFORM"));
        assertThat(pi).isWaitingAt(SHIP_RETURN);
        return pi;
    }

    void shipReturn(ProcessInstance pi, String trackingNumber) {
        complete(task(SHIP_RETURN, pi), withVariables("returnCarrier", "DHL", "returnTrackingNumber", trackingNumber));
    }

    void returnDelivered(ProcessInstance pi, String trackingNumber) {
        TrackingEvent delivered = new TrackingEvent(order.orderId(), "DHL", trackingNumber,
                TrackingEvent.Kind.DELIVERED, "Delivered to the seller", NOW);
        orders.recordTrackingEvent(delivered);
        assertThat(returnTracking.onTrackingEvent(delivered)).isTrue();
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
