package org.opendispute.refund;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeCalendar;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.order.OrderStore;
import org.opendispute.order.Payment;
import org.springframework.stereotype.Component;

/**
 * Pays the agreed amount back through the order's original payment method, exactly once. Runs after an
 * async boundary: a failure rolls back to it and the job is retried with back-off; the refund row and
 * the provider share one idempotency key per dispute, so neither a retry nor a crash pays twice.
 */
@Component("issueRefundDelegate")
class IssueRefundDelegate implements JavaDelegate {

    private final DisputeStore disputes;
    private final OrderStore orders;
    private final RefundStore refunds;
    private final PaymentGateway payments;
    private final DisputeCalendar calendar;
    private final DisputeHistory history;
    private final Clock clock;

    IssueRefundDelegate(DisputeStore disputes, OrderStore orders, RefundStore refunds, PaymentGateway payments,
                        DisputeCalendar calendar, DisputeHistory history, Clock clock) {
        this.disputes = disputes;
        this.orders = orders;
        this.refunds = refunds;
        this.payments = payments;
        this.calendar = calendar;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Dispute dispute = disputes.get(execution.getProcessBusinessKey());
        Refund refund = refunds.ofDispute(dispute.id()).orElseGet(() -> {
            Payment payment = orders.paymentOf(dispute.orderId()).orElseThrow();
            return refunds.create(dispute.id(), dispute.resolutionAmount(), payment.method(), payment.reference(),
                    calendar.refundArrival(clock.instant()));
        });
        if (refund.state() == Refund.State.ISSUED) {
            return;
        }
        String reference = payments.refund(refund.idempotencyKey(), refund.amount(), refund.paymentMethod(),
                refund.paymentReference());
        refunds.markIssued(refund.id(), reference);
        history.record(dispute.id(), HistoryEvent.REFUND_ISSUED, DisputeHistory.SYSTEM,
                refund.amount() + " to " + refund.paymentMethod() + ", expected by " + refund.expectedArrivalDate());
    }
}
