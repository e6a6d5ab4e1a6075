package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.opendispute.dispute.DisputeProcess.Elements.CHOOSE_PROPOSAL;
import static org.opendispute.dispute.DisputeProcess.Elements.ISSUE_REFUND;
import static org.opendispute.dispute.DisputeProcess.Elements.MEDIATE;
import static org.opendispute.dispute.DisputeProcess.Elements.RECORD_REFUND_INTENT;
import static org.opendispute.dispute.DisputeProcess.Elements.REFUND_FAILED;
import static org.opendispute.dispute.DisputeProcess.Elements.RESPOND_AS_SELLER;
import static org.opendispute.dispute.DisputeProcess.Fields.CHOICE;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_ACTION;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.Choice;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.Outcome;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.refund.Refund;
import org.opendispute.support.FlakyPaymentGateway.Next;
import org.opendispute.support.TestOrders;

/**
 * The refund: its intent committed with the decision, the provider called in a job of its own, every outcome
 * recorded, and exactly one payment at the provider whatever dies or stays silent on the way.
 */
class RefundLifecycleTest extends LifecycleScenario {

    @Test
    void theIntentCommitsWithTheDecisionBeforeTheProviderIsCalled() {
        ProcessInstance pi = acceptedFullRefund();

        assertThat(pi).hasPassed(RECORD_REFUND_INTENT).isWaitingAt(ISSUE_REFUND);
        Refund intent = refund(pi);
        assertThat(intent.state()).isEqualTo(Refund.State.PENDING);
        assertThat(intent.amount()).isEqualTo(eur("105.00"));
        assertThat(intent.paymentReference()).isEqualTo(order.paymentReference());
        assertThat(payments.calls()).isZero();
    }

    @Test
    void theRefundGoesToThePaymentTheDisputeWasOpenedAbout() {
        ProcessInstance pi = open(Reason.NOT_RECEIVED, ResolutionType.FULL_REFUND, null);
        orders.save(TestOrders.from(order).paymentReference("pay-changed-later").build());
        complete(task(RESPOND_AS_SELLER, pi), TaskCommand.of(SELLER_ACTION, SellerAction.ACCEPT).variables());

        assertThat(refund(pi).paymentReference()).isEqualTo(order.paymentReference());
    }

    @Test
    void aFailingProviderIsRetriedWithBackOffAndPaysExactlyOnce() {
        ProcessInstance pi = acceptedFullRefund();
        payments.failNext(1);
        Job refundJob = job(ISSUE_REFUND, pi);

        assertThatThrownBy(() -> managementService.executeJob(refundJob.getId()))
                .hasMessageContaining("Payment provider unavailable");
        Job retried = job(ISSUE_REFUND, pi);
        assertThat(retried.getRetries()).isEqualTo(5);
        assertThat(retried.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(1))));
        assertThat(refund(pi).state()).as("no answer: unknown, committed despite the rollback")
                .isEqualTo(Refund.State.UNKNOWN);

        at(NOW.plus(Duration.ofMinutes(1)));
        execute(retried);

        assertResolved(pi, Outcome.FULL_REFUND);
        assertThat(payments.payments(pi.getBusinessKey())).isEqualTo(1);
        // The job log keeps the failure with its reason; the routine entries of timers and steps are not written
        assertThat(engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(pi.getId()).list())
                .singleElement()
                .satisfies(log -> assertThat(log.isFailureLog()).isTrue())
                .satisfies(log -> assertThat(log.getJobExceptionMessage()).contains("Payment provider unavailable"));
        Refund refund = refund(pi);
        assertThat(refund.state()).isEqualTo(Refund.State.SUCCEEDED);
        assertThat(refund.providerReference()).startsWith("test:" + refund.idempotencyKey());
        assertThat(refund.expectedArrivalDate()).isEqualTo(java.time.LocalDate.of(2026, 3, 31));
    }

    @Test
    void aProviderThatNeverAnswersEndsAsAnIncidentForTheOperatorAndNothingIsPaid() {
        ProcessInstance pi = acceptedFullRefund();
        payments.failNext(6);
        for (int attempt = 1; attempt <= 6; attempt++) {
            Job due = job(ISSUE_REFUND, pi);
            if (due.getDuedate() != null) {
                at(due.getDuedate().toInstant());
            }
            assertThatThrownBy(() -> managementService.executeJob(due.getId()))
                    .hasMessageContaining("Payment provider unavailable");
        }

        assertThat(job(ISSUE_REFUND, pi).getRetries()).isZero();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).singleResult().getIncidentMessage())
                .contains("did not answer");
        assertThat(refund(pi).state()).isEqualTo(Refund.State.UNKNOWN);
        assertThat(payments.payments(pi.getBusinessKey())).isZero();
    }

    @Test
    void theProviderPaidAndTheNodeDiedBeforeOurCommitTheRetryFindsThePaymentAndPaysNothingMore() {
        ProcessInstance pi = acceptedFullRefund();
        payments.next(Next.PAY_THEN_DIE);

        assertThatThrownBy(() -> managementService.executeJob(job(ISSUE_REFUND, pi).getId()))
                .hasRootCauseInstanceOf(org.opendispute.support.FlakyPaymentGateway.NodeDied.class);
        assertThat(refund(pi).state()).as("what was committed before the call").isEqualTo(Refund.State.SUBMITTED);
        assertThat(payments.payments(pi.getBusinessKey())).isEqualTo(1);

        retryTheRefund(pi);
        assertResolved(pi, Outcome.FULL_REFUND);
        assertThat(refund(pi).state()).isEqualTo(Refund.State.SUCCEEDED);
        assertThat(payments.payments(pi.getBusinessKey())).isEqualTo(1);
    }

    @Test
    void theSameWhenTheProviderHasForgottenTheIdempotencyKey() {
        ProcessInstance pi = acceptedFullRefund();
        payments.next(Next.PAY_THEN_DIE);
        assertThatThrownBy(() -> managementService.executeJob(job(ISSUE_REFUND, pi).getId()))
                .hasRootCauseInstanceOf(org.opendispute.support.FlakyPaymentGateway.NodeDied.class);
        payments.forgetKeys(); // a retry a day later: Stripe keeps keys for 24 hours

        at(NOW.plus(Duration.ofDays(2)));
        retryTheRefund(pi);
        assertThat(refund(pi).state()).isEqualTo(Refund.State.SUCCEEDED);
        assertThat(payments.payments(pi.getBusinessKey())).as("found by our reference, not re-sent").isEqualTo(1);
    }

    @Test
    void aTimeoutIsUnknownAndReconciledWithoutASecondPayment() {
        ProcessInstance pi = acceptedFullRefund();
        payments.next(Next.PAY_THEN_TIME_OUT);

        assertThatThrownBy(() -> managementService.executeJob(job(ISSUE_REFUND, pi).getId()))
                .hasMessageContaining("did not answer");
        assertThat(refund(pi).state()).isEqualTo(Refund.State.UNKNOWN);
        assertThat(refund(pi).failureReason()).contains("Read timed out");

        retryTheRefund(pi);
        assertResolved(pi, Outcome.FULL_REFUND);
        assertThat(payments.payments(pi.getBusinessKey())).isEqualTo(1);
        assertThat(payments.calls()).as("the retry asked, it did not send").isEqualTo(1);
    }

    @Test
    void aRefusalGoesBackToMediationWithTheReasonAndTheNextDecisionIsANewAttempt() {
        ProcessInstance pi = acceptedFullRefund();
        payments.next(Next.REFUSE);

        execute(job(ISSUE_REFUND, pi));

        assertThat(pi).hasPassed(REFUND_FAILED).isWaitingAt(MEDIATE);
        assertThat(status(pi)).isEqualTo(DisputeStatus.IN_MEDIATION);
        Refund refused = refund(pi);
        assertThat(refused.state()).isEqualTo(Refund.State.FAILED);
        assertThat(refused.failureReason()).contains("The card was closed");
        assertThat(events(pi)).contains("REFUND_FAILED");
        JsonValue mediatorsForm = engine.getFormService().getTaskFormVariables(task(MEDIATE, pi).getId())
                .getValueTyped("dispute");
        assertThat(mediatorsForm.getValue().prop("refundFailure").stringValue()).contains("The card was closed");

        issuePlatformProposal(pi, Map.of());
        complete(task(CHOOSE_PROPOSAL, pi), TaskCommand.of(CHOICE, Choice.PLATFORM).variables());
        Refund again = refund(pi);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.idempotencyKey()).isNotEqualTo(refused.idempotencyKey());
        assertThat(again.state()).isEqualTo(Refund.State.PENDING);
        execute(job(ISSUE_REFUND, pi));
        assertResolved(pi, Outcome.FULL_REFUND);
        assertThat(refund(pi).state()).isEqualTo(Refund.State.SUCCEEDED);
        assertThat(payments.payments(pi.getBusinessKey())).isEqualTo(1);
    }

    @Test
    void refundsOfOneOrderNeverAddUpToMoreThanWasPaidForIt() {
        // An earlier dispute of the same order already had 100.00 of its 105.00 refunded
        anEarlierDisputeOfTheOrderRefunded("100.00");

        ProcessInstance pi = acceptedFullRefund();
        assertThat(refund(pi).state()).isEqualTo(Refund.State.FAILED);
        assertThat(refund(pi).failureReason()).contains("exceed what was paid");
        execute(job(ISSUE_REFUND, pi));
        assertThat(pi).hasPassed(REFUND_FAILED).isWaitingAt(MEDIATE);
        assertThat(payments.calls()).isZero();
    }

    // ---------------------------------------------------------------------------------------------------

    ProcessInstance acceptedFullRefund() {
        ProcessInstance pi = sellerAccepted(ResolutionType.FULL_REFUND);
        assertThat(status(pi)).isEqualTo(DisputeStatus.REFUND_PENDING);
        return pi;
    }

    /** The job's next try, as the job executor would run it once its back-off has passed. */
    void retryTheRefund(ProcessInstance pi) {
        Job retried = job(ISSUE_REFUND, pi);
        at(retried.getDuedate() == null ? NOW : retried.getDuedate().toInstant());
        execute(retried);
    }
}
