package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;
import static org.opendispute.dispute.DisputeProcess.Elements.CHOOSE_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.CONFIRM_RETURN_RECEIPT;
import static org.opendispute.dispute.DisputeProcess.Elements.DISPUTE_CANCELLED;
import static org.opendispute.dispute.DisputeProcess.Elements.DISPUTE_REJECTED;
import static org.opendispute.dispute.DisputeProcess.Elements.DISPUTE_RESOLVED;
import static org.opendispute.dispute.DisputeProcess.Elements.ISSUE_REFUND;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATE;
import static org.opendispute.dispute.DisputeProcess.Elements.PROVIDE_INFORMATION;
import static org.opendispute.dispute.DisputeProcess.Elements.RESHIP;
import static org.opendispute.dispute.DisputeProcess.Elements.RESHIPMENT_DELIVERED;
import static org.opendispute.dispute.DisputeProcess.Elements.ANSWER_REJECTION;
import static org.opendispute.dispute.DisputeProcess.Elements.RESPOND_AS_SELLER;
import static org.opendispute.dispute.DisputeProcess.Elements.RETURN_DELIVERED;
import static org.opendispute.dispute.DisputeProcess.Elements.REVIEW_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.SHIP_RETURN;
import static org.opendispute.dispute.DisputeProcess.Vars.BUYER_HAS_EVIDENCE;
import static org.opendispute.dispute.DisputeProcess.Fields.BUYER_VERDICT;
import static org.opendispute.dispute.DisputeProcess.Vars.CARRIER_CONFIRMED_DELIVERY;
import static org.opendispute.dispute.DisputeProcess.Vars.DISPUTED_VALUE;
import static org.opendispute.dispute.DisputeProcess.Vars.ELIGIBLE;
import static org.opendispute.dispute.DisputeProcess.Fields.MEDIATOR_ACTION;
import static org.opendispute.dispute.DisputeProcess.Vars.REASON;
import static org.opendispute.dispute.DisputeProcess.Vars.RESOLUTION_TYPE;
import static org.opendispute.dispute.DisputeProcess.Vars.SILENT_PARTY;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_CONDITION;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_ACTION;

import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendispute.dispute.BuyerVerdict;
import org.opendispute.dispute.Deadline;
import org.opendispute.dispute.DisputeParties;
import org.opendispute.dispute.DisputeProcess.Messages;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStage;
import org.opendispute.dispute.MediatorAction;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.ReturnCondition;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;

/**
 * The diagram's routing alone, in milliseconds: every step of the product is a mock, the engine runs in
 * memory, timers fire by moving the engine's clock. What each step does to the store is
 * {@link DisputeLifecycleTest}'s (on PostgreSQL); here: where a dispute goes next, and which steps ran.
 */
class DiagramRoutingTest {

    static final Duration A_MOMENT = Duration.ofMinutes(1);
    static final Pattern BEAN = Pattern.compile("\\$\\{(\\w+)}");

    /** The policy's default deadlines, distinct enough that no two timers are due at once. */
    static final Map<String, String> POLICY = Map.of(
            Deadline.SELLER_RESPONSE.key(), "P5D", Deadline.NEGOTIATION.key(), "P15D",
            Deadline.INFORMATION_REQUEST.key(), "P3D", Deadline.MEDIATION.key(), "P7D",
            Deadline.BUYER_DECISION.key(), "P5D", Deadline.RETURN_SHIPMENT.key(), "P10D",
            Deadline.RETURN_DELIVERY.key(), "P30D", Deadline.RETURN_RECEIPT.key(), "P5D",
            Deadline.RESHIPMENT.key(), "P5D", Deadline.RESHIPMENT_DELIVERY.key(), "P20D");

    static ProcessEngine engine;
    static Set<String> steps;

    Map<String, Object> mocks;

    @BeforeAll
    static void deploy() {
        engine = org.opendispute.support.InMemoryEngine.shared();
        org.opendispute.support.InMemoryEngine.theDiagram(engine).deploy();
        steps = new LinkedHashSet<>();
        Matcher bean = BEAN.matcher(org.opendispute.support.InMemoryEngine.diagramText());
        while (bean.find()) {
            steps.add(bean.group(1));
        }
        BpmnAwareTests.init(engine);
    }

    @BeforeEach
    void registerSteps() {
        ClockUtil.setCurrentTime(new Date());
        mocks = steps.stream().filter(name -> !Set.of("eligible").contains(name))
                .collect(Collectors.toMap(name -> name, name -> (Object) mock(JavaDelegate.class,
                        withSettings().name(name).extraInterfaces(TaskListener.class, ExecutionListener.class))));
        mocks.forEach(Mocks::register);
        DisputeParties parties = mock(DisputeParties.class);
        when(parties.buyer(any())).thenReturn("buyer");
        when(parties.seller(any())).thenReturn("seller");
        when(parties.askedForInformation(any())).thenReturn("seller");
        Mocks.register("disputeParties", parties);
        DisputeStage stage = mock(DisputeStage.class);
        when(stage.dueIn(any(), any())).thenAnswer(call -> POLICY.get(call.getArgument(1)));
        // Reminders a day ahead of each deadline: they fire on the way and move nothing
        when(stage.remindIn(any(), any())).thenAnswer(call ->
                Duration.parse(POLICY.get(call.getArgument(1))).minusDays(1).toString());
        when(stage.remindAt(any(), any())).thenAnswer(call -> Date.from(ClockUtil.now().toInstant().plus(
                Duration.parse(POLICY.get(call.getArgument(1))).minusDays(1))));
        Mocks.register("disputeStage", stage);
        Mocks.register("refundPayments", mock(org.opendispute.refund.RefundPayments.class));
        Mocks.register("shipmentTracking", mock(org.opendispute.resolution.ShipmentTracking.class));
        Mocks.register("policy", POLICY);
        eligibility(true);
        // The facts the decision table reads: a parcel not delivered, for which it suggests a full refund
        sets("prepareMediationDelegate", Map.of(REASON, "NOT_RECEIVED", CARRIER_CONFIRMED_DELIVERY, false,
                BUYER_HAS_EVIDENCE, false, DISPUTED_VALUE, 20.0, SILENT_PARTY, "NONE"));
    }

    @AfterEach
    void reset() {
        // Each test's disputes end with it: no timer of one fires in the next
        engine.getRuntimeService().createProcessInstanceQuery().list().forEach(instance ->
                engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test over"));
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void anIneligibleDisputeEndsRejectedAndNothingElseRuns() throws Exception {
        eligibility(false);
        ProcessInstance dispute = open();
        assertThat(dispute).isEnded().hasPassed(DISPUTE_REJECTED);
        verify(step("closeDisputeDelegate"), never()).execute(any());
    }

    @Test
    void aSellerWhoAcceptsARefundLeadsToTheRefundInItsOwnTransaction() throws Exception {
        ProcessInstance dispute = open();
        complete(dispute, RESPOND_AS_SELLER, TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT)
                .and(RESOLUTION_TYPE, ResolutionType.FULL_REFUND.name()));

        assertThat(dispute).isWaitingAt(ISSUE_REFUND);
        verify(step("issueRefundDelegate"), never()).execute(any());
        runDueJobs();
        assertThat(dispute).isEnded().hasPassed(DISPUTE_RESOLVED);
        verify(step("issueRefundDelegate"), times(1)).execute(any());
        verify(step("closeDisputeDelegate"), times(1)).execute(any());
    }

    @Test
    void aSilentSellerGetsTheBuyersRequestAppliedAReshipmentIsWaitedFor() throws Exception {
        sets("applyBuyerRequestDelegate", Map.of(RESOLUTION_TYPE, ResolutionType.RESHIPMENT.name()));
        ProcessInstance dispute = open();
        passTime(Duration.ofDays(5));

        assertThat(dispute).isWaitingAt(RESHIP);
        complete(dispute, RESHIP, TaskCommand.none());
        assertThat(dispute).isWaitingAt(RESHIPMENT_DELIVERED);
        engine.getRuntimeService().correlateMessage(DisputeProcess.Messages.RESHIPMENT_DELIVERED, dispute.getBusinessKey());
        assertThat(dispute).isEnded().hasPassed(DISPUTE_RESOLVED).hasNotPassed(ISSUE_REFUND);
    }

    @Test
    void aReshipmentTheCarrierDoesNotDeliverInTimeGoesBackToMediation() throws Exception {
        sets("applyBuyerRequestDelegate", Map.of(RESOLUTION_TYPE, ResolutionType.RESHIPMENT.name()));
        org.opendispute.resolution.ShipmentTracking tracking = mock(org.opendispute.resolution.ShipmentTracking.class);
        Mocks.register("shipmentTracking", tracking);
        ProcessInstance dispute = open();
        passTime(Duration.ofDays(5));
        complete(dispute, RESHIP, TaskCommand.none());
        assertThat(dispute).isWaitingAt(RESHIPMENT_DELIVERED);

        passTime(Duration.ofDays(20));
        assertThat(dispute).hasPassed(DisputeProcess.Elements.RESHIPMENT_DELIVERY_DUE).isWaitingAt(MEDIATE);
        verify(tracking, times(1)).reshipmentNotDelivered(any());
    }

    @Test
    void aReshipmentTheCarrierReportedDeliveredBeforeItsTrackingNumberClosesTheDispute() throws Exception {
        sets("applyBuyerRequestDelegate", Map.of(RESOLUTION_TYPE, ResolutionType.RESHIPMENT.name()));
        org.opendispute.resolution.ShipmentTracking tracking = mock(org.opendispute.resolution.ShipmentTracking.class);
        when(tracking.reshipmentDeliveredAlready(any())).thenReturn(true);
        Mocks.register("shipmentTracking", tracking);
        ProcessInstance dispute = open();
        passTime(Duration.ofDays(5));
        complete(dispute, RESHIP, TaskCommand.none());

        assertThat(dispute).isEnded().hasPassed(DISPUTE_RESOLVED).hasNotPassed(RESHIPMENT_DELIVERED);
    }

    @Test
    void theBuyerMayEscalateWhileALaterRoundWaitsOnTheSellerNeverBeforeTheFirstAnswer() throws Exception {
        ProcessInstance dispute = open();
        assertThat(engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(dispute.getId())
                .eventName(Messages.BUYER_ESCALATES).count()).as("before the seller's first answer").isZero();
        complete(dispute, RESPOND_AS_SELLER, TaskCommand.of(SELLER_ACTION, SellerAction.PROPOSE));
        complete(dispute, REVIEW_PROPOSAL, TaskCommand.of(BUYER_VERDICT, BuyerVerdict.REJECT));
        assertThat(dispute).isWaitingAt(ANSWER_REJECTION);

        engine.getRuntimeService().createMessageCorrelation(Messages.BUYER_ESCALATES)
                .processInstanceId(dispute.getId()).correlate();
        assertThat(dispute).hasPassed("EndEvent_EscalatedInLaterRound").isWaitingAt(MEDIATE);
    }

    @Test
    void aSellerSilentInALaterRoundGetsTheBuyersRequestApplied() throws Exception {
        sets("applyBuyerRequestDelegate", Map.of(RESOLUTION_TYPE, ResolutionType.FULL_REFUND.name()));
        ProcessInstance dispute = open();
        complete(dispute, RESPOND_AS_SELLER, TaskCommand.of(SELLER_ACTION, SellerAction.REFUSE));
        complete(dispute, REVIEW_PROPOSAL, TaskCommand.of(BUYER_VERDICT, BuyerVerdict.REJECT));
        passTime(Duration.ofDays(5));

        assertThat(dispute).hasPassed(DisputeProcess.Elements.REJECTION_ANSWER_DUE, "Task_ApplyBuyerRequest");
        runDueJobs();
        assertThat(dispute).isEnded().hasPassed(ISSUE_REFUND, DISPUTE_RESOLVED);
    }

    @Test
    void aReshipmentNotMadeInTimeBecomesAFullRefund() throws Exception {
        sets("applyBuyerRequestDelegate", Map.of(RESOLUTION_TYPE, ResolutionType.RESHIPMENT.name()));
        ProcessInstance dispute = open();
        passTime(Duration.ofDays(5));
        passTime(Duration.ofDays(5));

        assertThat(dispute).isEnded().hasPassed("Task_ConvertToFullRefund", ISSUE_REFUND, DISPUTE_RESOLVED);
    }

    @Test
    void aRejectedProposalGivesTheSellerAnotherRoundAndAnAcceptedReturnIsShippedBack() throws Exception {
        ProcessInstance dispute = open();
        complete(dispute, RESPOND_AS_SELLER, TaskCommand.of(SELLER_ACTION, SellerAction.PROPOSE));
        complete(dispute, REVIEW_PROPOSAL, TaskCommand.of(BUYER_VERDICT, BuyerVerdict.REJECT));
        assertThat(dispute).isWaitingAt(ANSWER_REJECTION);
        complete(dispute, ANSWER_REJECTION, TaskCommand.of(SELLER_ACTION, SellerAction.PROPOSE));
        complete(dispute, REVIEW_PROPOSAL, TaskCommand.of(BUYER_VERDICT, BuyerVerdict.ACCEPT)
                .and(RESOLUTION_TYPE, ResolutionType.RETURN_AND_REFUND.name()));

        returnShippedAndDelivered(dispute);
        complete(dispute, CONFIRM_RETURN_RECEIPT, TaskCommand.of(RETURN_CONDITION, ReturnCondition.RECEIVED));
        runDueJobs();
        assertThat(dispute).isEnded().hasPassed(ISSUE_REFUND, DISPUTE_RESOLVED);
    }

    @Test
    void anEmptyReturnGoesToMediationAndAReturnNotShippedIsTheSellersFavour() throws Exception {
        ProcessInstance emptyBox = acceptedReturn();
        returnShippedAndDelivered(emptyBox);
        complete(emptyBox, CONFIRM_RETURN_RECEIPT, TaskCommand.of(RETURN_CONDITION, ReturnCondition.EMPTY_OR_DIFFERENT));
        assertThat(emptyBox).isWaitingAt(MEDIATE);

        ProcessInstance neverShipped = acceptedReturn();
        passTime(Duration.ofDays(10));
        assertThat(neverShipped).isEnded().hasPassed("Task_ApplySellerFavour", DISPUTE_RESOLVED).hasNotPassed(ISSUE_REFUND);
    }

    @Test
    void aSellerSilentOnAReturnReceivedRefundsTheBuyer() throws Exception {
        ProcessInstance dispute = acceptedReturn();
        returnShippedAndDelivered(dispute);
        passTime(Duration.ofDays(5));
        assertThat(dispute).isEnded().hasPassed(ISSUE_REFUND, DISPUTE_RESOLVED);
    }

    @Test
    void anEscalatedDisputeIsMediatedSilenceIsRecordedAndTheBuyersSilenceAppliesThePlatformsProposal()
            throws Exception {
        sets("applyPlatformProposalDelegate", Map.of(RESOLUTION_TYPE, ResolutionType.SELLER_FAVOUR.name()));
        ProcessInstance dispute = open();
        complete(dispute, RESPOND_AS_SELLER, TaskCommand.of(SELLER_ACTION, SellerAction.REFUSE));
        engine.getRuntimeService().createMessageCorrelation(Messages.BUYER_ESCALATES)
                .processInstanceId(dispute.getId()).correlate();
        assertThat(dispute).isWaitingAt(MEDIATE);
        assertThat(engine.getRuntimeService().getVariable(dispute.getId(), "suggestedProposalType"))
                .isEqualTo("FULL_REFUND");

        complete(dispute, MEDIATE, TaskCommand.of(MEDIATOR_ACTION, MediatorAction.REQUEST_INFORMATION));
        assertThat(dispute).isWaitingAt(PROVIDE_INFORMATION);
        passTime(Duration.ofDays(3));
        verify(step("recordSilenceDelegate"), times(1)).execute(any());
        assertThat(dispute).isWaitingAt(MEDIATE);

        complete(dispute, MEDIATE, TaskCommand.of(MEDIATOR_ACTION, MediatorAction.ISSUE_PROPOSAL));
        assertThat(dispute).isWaitingAt(CHOOSE_PROPOSAL);
        passTime(Duration.ofDays(5));
        assertThat(dispute).isEnded().hasPassed("Task_ApplyPlatformProposal", DISPUTE_RESOLVED).hasNotPassed(ISSUE_REFUND);
    }

    @Test
    void factsNoRuleOfTheDecisionTableKnowsReachTheMediatorWithNoSuggestionInsteadOfAnIncident() throws Exception {
        sets("prepareMediationDelegate", Map.of(REASON, "A_REASON_NO_RULE_KNOWS", CARRIER_CONFIRMED_DELIVERY, false,
                BUYER_HAS_EVIDENCE, false, DISPUTED_VALUE, 20.0, SILENT_PARTY, "NONE"));
        ProcessInstance dispute = open();
        complete(dispute, RESPOND_AS_SELLER, TaskCommand.of(SELLER_ACTION, SellerAction.REFUSE));
        engine.getRuntimeService().createMessageCorrelation(Messages.BUYER_ESCALATES)
                .processInstanceId(dispute.getId()).correlate();

        assertThat(dispute).isWaitingAt(MEDIATE);
        assertThat(engine.getRuntimeService().getVariable(dispute.getId(), "suggestedProposalType")).isNull();
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    }

    @Test
    void theNegotiationsDeadlineEscalatesAndAnOverdueMediationIsFlaggedWhileItGoesOn() throws Exception {
        ProcessInstance dispute = open();
        complete(dispute, RESPOND_AS_SELLER, TaskCommand.of(SELLER_ACTION, SellerAction.PROPOSE));
        passTime(Duration.ofDays(15));
        assertThat(dispute).isWaitingAt(MEDIATE);

        passTime(Duration.ofDays(7));
        verify(step("flagMediationOverdueDelegate"), times(1)).execute(any());
        assertThat(dispute).isWaitingAt(MEDIATE);
    }

    @ParameterizedTest(name = "cancelled at {0}")
    @ValueSource(strings = {RESPOND_AS_SELLER, MEDIATE, CHOOSE_PROPOSAL})
    void theBuyerCancelsAtAnyStageBeforeAResolution(String stage) throws Exception {
        ProcessInstance dispute = open();
        if (!stage.equals(RESPOND_AS_SELLER)) {
            complete(dispute, RESPOND_AS_SELLER, TaskCommand.of(SELLER_ACTION, SellerAction.REFUSE));
            engine.getRuntimeService().createMessageCorrelation(Messages.BUYER_ESCALATES)
                    .processInstanceId(dispute.getId()).correlate();
        }
        if (stage.equals(CHOOSE_PROPOSAL)) {
            complete(dispute, MEDIATE, TaskCommand.of(MEDIATOR_ACTION, MediatorAction.ISSUE_PROPOSAL));
        }
        assertThat(dispute).isWaitingAt(stage);
        engine.getRuntimeService().createMessageCorrelation(Messages.BUYER_CANCELS)
                .processInstanceId(dispute.getId()).correlate();
        assertThat(dispute).isEnded().hasPassed(DISPUTE_CANCELLED).hasNotPassed(DISPUTE_RESOLVED);
        verify(step("recordCancellationDelegate"), times(1)).execute(any());
    }

    @Test
    void aPostedMessageIsModeratedWithoutMovingTheDispute() throws Exception {
        ProcessInstance dispute = open();
        engine.getRuntimeService().createMessageCorrelation(Messages.PARTY_MESSAGE_POSTED)
                .processInstanceId(dispute.getId()).correlate();
        verify(step("moderateMessageDelegate"), times(1)).execute(any());
        assertThat(dispute).isWaitingAt(RESPOND_AS_SELLER);
    }

    // ---------------------------------------------------------------------------------------------------

    ProcessInstance open() {
        return engine.getRuntimeService().startProcessInstanceByKey(DisputeProcess.KEY, "D-" + System.nanoTime());
    }

    ProcessInstance acceptedReturn() {
        ProcessInstance dispute = open();
        complete(dispute, RESPOND_AS_SELLER, TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT)
                .and(RESOLUTION_TYPE, ResolutionType.RETURN_AND_REFUND.name()));
        assertThat(dispute).isWaitingAt(SHIP_RETURN);
        return dispute;
    }

    void returnShippedAndDelivered(ProcessInstance dispute) {
        complete(dispute, SHIP_RETURN, TaskCommand.none());
        assertThat(dispute).isWaitingAt(RETURN_DELIVERED);
        engine.getRuntimeService().createMessageCorrelation(Messages.RETURN_DELIVERED)
                .processInstanceId(dispute.getId()).correlate();
    }

    void complete(ProcessInstance dispute, String taskKey, TaskCommand submitted) {
        assertThat(dispute).isWaitingAt(taskKey);
        var task = engine.getTaskService().createTaskQuery().processInstanceId(dispute.getId())
                .taskDefinitionKey(taskKey).singleResult();
        engine.getTaskService().complete(task.getId(), submitted.variables());
    }

    /** Moves the engine's clock past the time and runs every job then due, as the job executor would. */
    void passTime(Duration duration) throws Exception {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(duration).plus(A_MOMENT)));
        runDueJobs();
    }

    void runDueJobs() {
        // One at a time, oldest due first: a timer that fires may remove another (an interrupted task's reminder)
        for (int step = 0; step < 100; step++) {
            var due = engine.getManagementService().createJobQuery().executable().orderByJobDuedate().asc()
                    .listPage(0, 1);
            if (due.isEmpty()) {
                return;
            }
            engine.getManagementService().executeJob(due.get(0).getId());
        }
        throw new AssertionError("jobs keep coming due");
    }

    JavaDelegate step(String name) {
        return (JavaDelegate) mocks.get(name);
    }

    void eligibility(boolean eligible) {
        sets("checkEligibilityDelegate", Map.of(ELIGIBLE, eligible));
    }

    /** The step, when it runs, sets these variables (as the real one derives them from the store). */
    void sets(String name, Map<String, Object> variables) {
        try {
            doAnswer(call -> {
                ((DelegateExecution) call.getArgument(0)).setVariables(variables);
                return null;
            }).when(step(name)).execute(any());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
