package org.opendispute.lifecycle;

import static org.opendispute.dispute.DisputeProcess.Fields.PLATFORM_PROPOSAL_AMOUNT;
import static org.opendispute.dispute.DisputeProcess.Fields.PLATFORM_PROPOSAL_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.opendispute.dispute.DisputeProcess.Fields.CHOICE;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_ANSWER;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_FROM;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_QUESTION;
import static org.opendispute.dispute.DisputeProcess.Fields.MEDIATOR_ACTION;
import static org.opendispute.dispute.DisputeProcess.Elements.BUYER_DECISION_DUE;
import static org.opendispute.dispute.DisputeProcess.Elements.CHOOSE_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.INFORMATION_DUE;
import static org.opendispute.dispute.DisputeProcess.Elements.ISSUE_REFUND;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATE;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATION_OVERDUE;
import static org.opendispute.dispute.DisputeProcess.Elements.PROVIDE_INFORMATION;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import java.math.BigDecimal;
import java.util.List;
import org.opendispute.mediation.PlatformSuggestion;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.Choice;
import org.opendispute.dispute.DisputeStage;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.MediatorAction;
import org.opendispute.dispute.Outcome;
import org.opendispute.dispute.Party;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.order.TrackingEvent;

/** Mediation by the platform and the buyer's decision on its proposal. */
class MediationLifecycleTest extends LifecycleScenario {

    @Test
    void mediationWithAnInformationRequestAnswered() {
        ProcessInstance pi = escalatedToMediation();
        complete(task(MEDIATE, pi), TaskCommand.of(MEDIATOR_ACTION, MediatorAction.REQUEST_INFORMATION).and(INFORMATION_FROM, Party.SELLER).and(INFORMATION_QUESTION, "Which carrier did you use?").variables());

        assertThat(pi).isWaitingAt(PROVIDE_INFORMATION);
        Task question = task(PROVIDE_INFORMATION, pi);
        assertThat(question).isAssignedTo(order.sellerId());
        assertThat(question.getDueDate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(3))));
        assertThat(status(pi)).isEqualTo(DisputeStatus.AWAITING_INFORMATION);

        complete(question, TaskCommand.of(INFORMATION_ANSWER, "DHL, tracking TRK-1").variables());

        assertThat(pi).isWaitingAt(MEDIATE);
        assertThat(status(pi)).isEqualTo(DisputeStatus.IN_MEDIATION);
        assertThat(events(pi)).contains("INFORMATION_REQUESTED", "INFORMATION_PROVIDED");
    }

    @Test
    void anUnansweredInformationRequestCountsAgainstTheParty() {
        ProcessInstance pi = escalatedToMediation();
        complete(task(MEDIATE, pi), TaskCommand.of(MEDIATOR_ACTION, MediatorAction.REQUEST_INFORMATION).and(INFORMATION_FROM, Party.BUYER).and(INFORMATION_QUESTION, "Please send a photo of the label").variables());
        assertThat(task(PROVIDE_INFORMATION, pi)).isAssignedTo(order.buyerId());

        at(NOW.plus(Duration.ofDays(3)));
        execute(job(INFORMATION_DUE, pi));

        assertThat(pi).hasPassed("Task_RecordSilence").isWaitingAt(MEDIATE);
        assertThat(events(pi)).contains("INFORMATION_NOT_PROVIDED");
        // Not delivered by the carrier: the table suggested a full refund; the buyer's silence counts against them
        assertThat(runtimeService.getVariable(pi.getId(), PlatformSuggestion.TYPE)).isEqualTo("SELLER_FAVOUR");
    }

    @Test
    void aSellerSilentToTheMediatorMakesTheSuggestionFavourTheBuyer() {
        ProcessInstance pi = escalatedToMediation();
        complete(task(MEDIATE, pi), TaskCommand.of(MEDIATOR_ACTION, MediatorAction.REQUEST_INFORMATION)
                .and(INFORMATION_FROM, Party.SELLER).and(INFORMATION_QUESTION, "Proof of posting?").variables());
        at(NOW.plus(Duration.ofDays(3)));
        execute(job(INFORMATION_DUE, pi));

        assertThat(pi).isWaitingAt(MEDIATE);
        assertThat(runtimeService.getVariable(pi.getId(), PlatformSuggestion.TYPE)).isEqualTo("FULL_REFUND");
        assertThat(runtimeService.getVariable(pi.getId(), PlatformSuggestion.PERCENT)).isEqualTo(100);
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

        complete(task(CHOOSE_PROPOSAL, pi), TaskCommand.of(CHOICE, Choice.SELLER).variables());

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
        complete(task(CHOOSE_PROPOSAL, pi), TaskCommand.of(CHOICE, Choice.PLATFORM).variables());

        assertThat(pi).hasPassed("Gateway_ResolutionType").hasNotPassed(ISSUE_REFUND);
        assertResolved(pi, Outcome.SELLER_FAVOUR);
        assertThat(refunds.ofDispute(pi.getBusinessKey())).isEmpty();
    }

    @Test
    void withoutASuggestionTheMediatorProposesWhatTheyChooseAndNeedNotJustifyIt() {
        ProcessInstance pi = escalatedToMediation();
        // What the business rule task leaves when no rule of the table matches
        runtimeService.removeVariables(pi.getId(), List.of(PlatformSuggestion.TYPE, PlatformSuggestion.BASIS,
                PlatformSuggestion.PERCENT));

        assertThatThrownBy(() -> complete(task(MEDIATE, pi),
                TaskCommand.of(MEDIATOR_ACTION, MediatorAction.ISSUE_PROPOSAL).variables()))
                .hasMessageContaining("platformProposalType is required");
        complete(task(MEDIATE, pi), TaskCommand.of(MEDIATOR_ACTION, MediatorAction.ISSUE_PROPOSAL)
                .and(PLATFORM_PROPOSAL_TYPE, ResolutionType.PARTIAL_REFUND)
                .and(PLATFORM_PROPOSAL_AMOUNT, new BigDecimal("30.00")).variables());

        assertThat(pi).isWaitingAt(CHOOSE_PROPOSAL);
        assertThat(events(pi)).contains("PLATFORM_PROPOSAL_ISSUED").doesNotContain("PLATFORM_PROPOSAL_OVERRIDDEN");
    }
}
