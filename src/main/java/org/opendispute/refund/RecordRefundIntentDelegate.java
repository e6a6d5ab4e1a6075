package org.opendispute.refund;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeCalendar;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.Reason;
import org.opendispute.order.Money;
import org.opendispute.order.Order;
import org.opendispute.order.OrderStore;
import org.opendispute.order.Payment;
import org.springframework.stereotype.Component;

/**
 * The intent to refund, committed with the decision before any provider is called: the decided amount, to the
 * payment the dispute was opened about (for a payment issue, the charge too many), under the attempt's key. Refunds of one order never add up
 * to more than was paid for it: an intent above that is refused at once, and the refund step sends the dispute
 * back to mediation with the reason.
 */
@Component("recordRefundIntentDelegate")
class RecordRefundIntentDelegate implements JavaDelegate {

    private final DisputeStore disputes;
    private final OrderStore orders;
    private final RefundStore refunds;
    private final DisputeCalendar calendar;
    private final Clock clock;

    RecordRefundIntentDelegate(DisputeStore disputes, OrderStore orders, RefundStore refunds, DisputeCalendar calendar,
                               Clock clock) {
        this.disputes = disputes;
        this.orders = orders;
        this.refunds = refunds;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Dispute dispute = disputes.get(execution.getProcessBusinessKey());
        Order order = orders.find(dispute.orderId()).orElseThrow();
        Payment payment = paymentOf(dispute, order);
        Refund refund = refunds.intend(dispute.id(), dispute.resolutionAmount(), payment.method(), payment.reference(),
                calendar.refundArrival(clock.instant()));
        if (refund.state() != Refund.State.PENDING) {
            return;
        }
        Money paid = order.charged();
        Money refundedBesides = Money.rounded(refunds.refundedForOrderBesides(order.orderId(), dispute.id()),
                order.currency());
        if (refundedBesides.plus(refund.amount()).exceeds(paid)) {
            refunds.markFailed(refund.id(), "The order's refunds would exceed what was paid for it: " + paid
                    + " paid, " + refundedBesides + " refunded by its other disputes.");
        }
    }

    /**
     * Where the money goes back: the payment the dispute was opened about; for a payment issue with the charges
     * listed, the last charge taken, the one too many.
     */
    private Payment paymentOf(Dispute dispute, Order order) {
        Payment opened = dispute.payment();
        if (dispute.reason() == Reason.PAYMENT_ISSUE && !order.charges().isEmpty()) {
            return new Payment(opened.method(), order.charges().get(order.charges().size() - 1).reference());
        }
        return opened;
    }
}
