package org.opendispute.refund;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.refund.PaymentGateway.Outcome;
import org.opendispute.refund.PaymentGateway.RefundOrder;
import org.springframework.stereotype.Component;

/**
 * Pays the intended refund through the provider, exactly once. Runs after an async boundary, in a job: the
 * attempt is marked {@code SUBMITTED} (committed) before the call; a refund that may have been paid already is
 * looked up at the provider before anything is sent again; no answer is {@code UNKNOWN} and the job is retried
 * with back-off; a refusal is {@code FAILED}, and the dispute goes back to mediation with the reason
 * (docs/adr/0005-async-boundary-before-the-refund.md).
 */
@Component("issueRefundDelegate")
class IssueRefundDelegate implements JavaDelegate {

    private final RefundStore refunds;
    private final PaymentGateway payments;
    private final DisputeHistory history;

    IssueRefundDelegate(RefundStore refunds, PaymentGateway payments, DisputeHistory history) {
        this.refunds = refunds;
        this.payments = payments;
        this.history = history;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String disputeId = execution.getProcessBusinessKey();
        Refund refund = refunds.ofDispute(disputeId)
                .orElseThrow(() -> new IllegalStateException("No refund was intended for " + disputeId));
        if (refund.state() == Refund.State.SUCCEEDED) {
            return;
        }
        if (refund.state() == Refund.State.FAILED) {
            throw refused(refund, refund.failureReason());
        }
        RefundOrder order = RefundOrder.of(refund);
        if (refund.state().mayHavePaid()) {
            Optional<String> made = payments.find(order);
            if (made.isPresent()) {
                succeeded(refund, made.get());
                return;
            }
        }
        refunds.markSubmitted(refund.id());
        Outcome outcome;
        try {
            outcome = payments.refund(order);
        } catch (RuntimeException unexpected) {
            outcome = new Outcome.NoAnswer(unexpected.getMessage());
        }
        if (outcome instanceof Outcome.Paid paid) {
            succeeded(refund, paid.reference());
        } else if (outcome instanceof Outcome.Refused refusal) {
            refunds.markFailed(refund.id(), refusal.reason());
            throw refused(refund, refusal.reason());
        } else if (outcome instanceof Outcome.NoAnswer silence) {
            refunds.markUnknown(refund.id(), silence.detail());
            throw new RefundNotAnswered(refund, silence.detail());
        }
    }

    private void succeeded(Refund refund, String providerReference) {
        refunds.markSucceeded(refund.id(), providerReference);
        history.record(refund.disputeId(), HistoryEvent.REFUND_ISSUED, DisputeHistory.SYSTEM,
                refund.amount() + " to " + refund.paymentMethod() + " (" + providerReference + "), expected by "
                        + refund.expectedArrivalDate());
    }

    private BpmnError refused(Refund refund, String reason) {
        history.record(refund.disputeId(), HistoryEvent.REFUND_FAILED, DisputeHistory.SYSTEM, reason);
        return new BpmnError(DisputeProcess.Errors.REFUND_FAILED, reason);
    }

    /** The provider did not answer: the job fails and is retried, and the retry asks the provider first. */
    static final class RefundNotAnswered extends RuntimeException {
        RefundNotAnswered(Refund refund, String detail) {
            super("The payment provider did not answer for " + refund.idempotencyKey() + ": " + detail);
        }
    }
}
