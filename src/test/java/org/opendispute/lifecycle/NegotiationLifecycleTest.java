package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.opendispute.dispute.DisputeProcess.Fields.BUYER_VERDICT;
import static org.opendispute.dispute.DisputeProcess.Fields.CHOICE;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_ACTION;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_REASON;
import static org.opendispute.dispute.DisputeProcess.Elements.CHOOSE_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATE;
import static org.opendispute.dispute.DisputeProcess.Elements.NEGOTIATION_DEADLINE;
import static org.opendispute.dispute.DisputeProcess.Elements.ANSWER_REJECTION;
import static org.opendispute.dispute.DisputeProcess.Elements.RESPOND_AS_SELLER;
import static org.opendispute.dispute.DisputeProcess.Elements.REVIEW_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.SELLER_RESPONSE_DUE;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.BuyerVerdict;
import org.opendispute.dispute.Choice;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.Outcome;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.refund.RefundStore;

/** The negotiation between buyer and seller: answers, silence, rounds, escalation, messages. */
class NegotiationLifecycleTest extends LifecycleScenario {

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

        complete(respond, TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT).variables());

        refundIssued(pi);
        assertResolved(pi, Outcome.FULL_REFUND);
        assertThat(refund(pi).amount()).isEqualTo(eur("105.00"));
        // Paid back the order's way, under the refund's own key
        assertThat(refund(pi).paymentMethod()).isEqualTo(order.paymentMethod());
        assertThat(refund(pi).providerReference()).startsWith("test:" + RefundStore.idempotencyKey(pi.getBusinessKey(), 1));
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

        complete(task(REVIEW_PROPOSAL, pi), TaskCommand.of(BUYER_VERDICT, BuyerVerdict.ACCEPT).variables());

        assertThat(pi).hasPassed("EndEvent_ProposalAccepted");
        refundIssued(pi);
        assertResolved(pi, Outcome.PARTIAL_REFUND);
        assertThat(refund(pi).amount()).isEqualTo(eur("50.00"));
    }

    @Test
    void severalRoundsUntilTheSellerAccepts() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.PARTIAL_REFUND, "40.00");
        propose(pi, ResolutionType.PARTIAL_REFUND, "10.00");
        complete(task(REVIEW_PROPOSAL, pi), TaskCommand.of(BUYER_VERDICT, BuyerVerdict.REJECT).variables());
        assertThat(pi).isWaitingAt(ANSWER_REJECTION);
        assertThat(task(ANSWER_REJECTION, pi)).isAssignedTo(order.sellerId());
        assertThat(status(pi)).isEqualTo(DisputeStatus.AWAITING_SELLER);
        propose(pi, ANSWER_REJECTION, ResolutionType.PARTIAL_REFUND, "25.00");
        complete(task(REVIEW_PROPOSAL, pi), TaskCommand.of(BUYER_VERDICT, BuyerVerdict.REJECT).variables());
        complete(task(ANSWER_REJECTION, pi), TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT).variables());

        refundIssued(pi);
        assertResolved(pi, Outcome.PARTIAL_REFUND);
        assertThat(refund(pi).amount()).isEqualTo(eur("40.00"));
    }

    @Test
    void rejectedAndEscalatedByTheBuyer() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        complete(task(RESPOND_AS_SELLER, pi), TaskCommand.of(SELLER_ACTION, SellerAction.REFUSE).and(SELLER_REASON, "It was delivered").variables());

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
        complete(task(CHOOSE_PROPOSAL, pi), TaskCommand.of(CHOICE, Choice.PLATFORM).variables());

        refundIssued(pi);
        assertResolved(pi, Outcome.FULL_REFUND);
    }

    @Test
    void theBuyerEscalatesWhileALaterRoundWaitsOnTheSeller() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        assertThat(runtimeService.createEventSubscriptionQuery().processInstanceId(pi.getId())
                .eventName(DisputeProcess.Messages.BUYER_ESCALATES).count()).as("before the seller's first answer").isZero();
        propose(pi, ResolutionType.PARTIAL_REFUND, "10.00");
        complete(task(REVIEW_PROPOSAL, pi), TaskCommand.of(BUYER_VERDICT, BuyerVerdict.REJECT).variables());
        assertThat(pi).isWaitingAt(ANSWER_REJECTION);

        escalate(pi);

        assertThat(pi).hasPassed("EndEvent_EscalatedInLaterRound").isWaitingAt(MEDIATE);
        assertThat(status(pi)).isEqualTo(DisputeStatus.IN_MEDIATION);
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(ANSWER_REJECTION).count())
                .as("the seller's answer is no longer awaited").isZero();
    }

    @Test
    void aSellerSilentInALaterRoundGetsTheBuyersRequestApplied() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        propose(pi, ResolutionType.PARTIAL_REFUND, "10.00");
        complete(task(REVIEW_PROPOSAL, pi), TaskCommand.of(BUYER_VERDICT, BuyerVerdict.REJECT).variables());
        at(NOW.plus(Duration.ofDays(5)));
        execute(job(DisputeProcess.Elements.REJECTION_ANSWER_DUE, pi));

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
}
