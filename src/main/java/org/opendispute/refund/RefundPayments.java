package org.opendispute.refund;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.HistoryEvent;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the diagram asks about paying a refund ({@code ${refundPayments.external(execution)}}), and the steps of a refund the
 * marketplace pays itself through the external task {@link #TOPIC}: what the task hands over, and what its
 * completion or refusal records.
 */
@Component("refundPayments")
public class RefundPayments {

    public static final String TOPIC = "dispute-refund";
    /** Handed to the marketplace's worker: the refund to make. */
    public static final String REFUND = "refund";
    /** Given back by the worker when it completes the task. */
    public static final String PROVIDER_REFERENCE = "providerReference";
    /** The refusal's message, set by the BPMN error's boundary event. */
    public static final String FAILURE_REASON = "refundFailureReason";

    private final PaymentGateway payments;
    private final RefundStore refunds;
    private final DisputeHistory history;
    private final ObjectMapper json;
    private final PaymentSettings settings;

    RefundPayments(PaymentGateway payments, RefundStore refunds, DisputeHistory history, ObjectMapper json,
                   PaymentSettings settings) {
        this.settings = settings;
        this.payments = payments;
        this.refunds = refunds;
        this.history = history;
        this.json = json;
    }

    /** The refund job's retry cycle: {@code ${refundPayments.retryCycle}} in the diagram. */
    public String getRetryCycle() {
        return settings.retryCycle();
    }

    /**
     * Whether the marketplace pays this refund itself. An intent already refused (above what the order was paid)
     * never goes to the marketplace: the provider's step sends it back to mediation.
     */
    public boolean external(DelegateExecution execution) {
        return payments.paysThroughExternalTask()
                && refunds.ofDispute(execution.getProcessBusinessKey())
                        .map(refund -> refund.state() != Refund.State.FAILED).orElse(false);
    }

    /**
     * The refund to make, for the worker, as a JSON text any language reads: {@code disputeId},
     * {@code idempotencyKey}, {@code amount} (a decimal string), {@code currency}, {@code paymentMethod},
     * {@code paymentReference}.
     */
    public String order(DelegateExecution execution) {
        Refund refund = refunds.ofDispute(execution.getProcessBusinessKey()).orElseThrow();
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("disputeId", refund.disputeId());
        order.put("idempotencyKey", refund.idempotencyKey());
        order.put("amount", refund.amount().amount().toPlainString());
        order.put("currency", refund.amount().currency().getCurrencyCode());
        order.put("paymentMethod", refund.paymentMethod());
        order.put("paymentReference", refund.paymentReference());
        try {
            return json.writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The task waits for the marketplace: from now on the refund may be paid. */
    public void handedOver(DelegateExecution execution) {
        Refund refund = refunds.ofDispute(execution.getProcessBusinessKey()).orElseThrow();
        if (refund.state() == Refund.State.PENDING) {
            refunds.markHandedOver(refund.id());
        }
    }

    /** The worker completed the task: paid, under its reference (the route guard lets no completion without one). */
    public void paidByTheMarketplace(DelegateExecution execution) {
        Object reference = execution.getVariable(PROVIDER_REFERENCE);
        if (reference == null || reference.toString().isBlank()) {
            throw new IllegalStateException("The marketplace completed the refund of "
                    + execution.getProcessBusinessKey() + " without its " + PROVIDER_REFERENCE);
        }
        Refund refund = refunds.ofDispute(execution.getProcessBusinessKey()).orElseThrow();
        refunds.markSucceeded(refund.id(), reference.toString());
        history.record(refund.disputeId(), HistoryEvent.REFUND_ISSUED, DisputeHistory.SYSTEM,
                refund.amount() + " by the marketplace (" + reference + "), expected by " + refund.expectedArrivalDate());
    }

    /** The worker refused the refund for good: FAILED with its reason, and the dispute goes back to mediation. */
    public void refusedByTheMarketplace(DelegateExecution execution) {
        Refund refund = refunds.ofDispute(execution.getProcessBusinessKey()).orElseThrow();
        Object reason = execution.getVariable(FAILURE_REASON);
        String why = reason == null ? "Refused by the marketplace's payment service" : reason.toString();
        refunds.markFailed(refund.id(), why);
        history.record(refund.disputeId(), HistoryEvent.REFUND_FAILED, DisputeHistory.SYSTEM, why);
    }
}
