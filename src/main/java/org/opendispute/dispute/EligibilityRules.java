package org.opendispute.dispute;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.opendispute.order.Money;
import org.opendispute.order.Order;
import org.opendispute.order.OrderLine;

/**
 * Whether a dispute may be opened, rule by rule as POLICY.md states them ("When a dispute can be opened",
 * "Reasons", "Abuse"), and the amounts derived from the disputed lines. A pure function of the request, the
 * order, what the store knows of the buyer ({@link BuyerRecord}) and the time: {@link EligibilityService}
 * gathers the facts.
 */
public class EligibilityRules {

    /** What the store knows that the rules need: the buyer's account, the order's disputes, the evidence. */
    public record BuyerRecord(boolean blocked, List<DisputeStatus> disputesOfOrder, boolean evidenceAttachable,
                              long openedInAbuseWindow) {
    }

    private final DisputePolicy policy;
    private final DisputeCalendar calendar;

    public EligibilityRules(DisputePolicy policy, DisputeCalendar calendar) {
        this.policy = policy;
        this.calendar = calendar;
    }

    public Eligibility check(OpeningRequest request, Optional<Order> found, BuyerRecord record, Instant now) {
        if (found.isEmpty()) {
            return Eligibility.rejected(RejectionCode.ORDER_NOT_FOUND);
        }
        Order order = found.get();
        if (!order.buyerId().equals(request.buyerId())) {
            return Eligibility.rejected(RejectionCode.NOT_YOUR_ORDER);
        }
        if (request.requestedType() == ResolutionType.SELLER_FAVOUR) {
            return Eligibility.rejected(RejectionCode.RESOLUTION_NOT_REQUESTABLE);
        }
        if (record.blocked()) {
            return Eligibility.rejected(RejectionCode.BUYER_BLOCKED);
        }
        if (order.customsReturned()) {
            return Eligibility.rejected(RejectionCode.CUSTOMS_IS_BUYER_RESPONSIBILITY);
        }
        List<DisputeStatus> earlier = record.disputesOfOrder();
        if (earlier.stream().anyMatch(DisputeStatus::isActive)) {
            return Eligibility.rejected(RejectionCode.DISPUTE_ALREADY_ACTIVE);
        }
        if (earlier.contains(DisputeStatus.RESOLVED)) {
            return Eligibility.rejected(RejectionCode.ORDER_ALREADY_RESOLVED);
        }
        int reopenNumber = earlier.size();
        if (reopenNumber > policy.maxReopens()) {
            return Eligibility.rejected(RejectionCode.REOPEN_LIMIT_REACHED);
        }
        Optional<Instant> opens = calendar.windowOpens(order, request.reason());
        if (opens.isEmpty() || now.isBefore(opens.get())) {
            return Eligibility.rejected(RejectionCode.WINDOW_NOT_OPEN);
        }
        Optional<Instant> closes = calendar.windowCloses(order);
        if (closes.isPresent() && !now.isBefore(closes.get())) {
            return Eligibility.rejected(RejectionCode.WINDOW_CLOSED);
        }
        if (request.reason().evidenceRequired() && request.evidenceIds().isEmpty()) {
            return Eligibility.rejected(RejectionCode.EVIDENCE_REQUIRED);
        }
        if (!record.evidenceAttachable()) {
            return Eligibility.rejected(RejectionCode.EVIDENCE_NOT_FOUND);
        }
        if (request.reason() == Reason.MISSING_ITEMS && request.lines().isEmpty()) {
            return Eligibility.rejected(RejectionCode.LINES_REQUIRED);
        }
        Optional<List<DisputedLine>> lines = disputedLines(order, request.lines());
        if (lines.isEmpty()) {
            return Eligibility.rejected(RejectionCode.LINE_NOT_IN_ORDER);
        }
        Money disputedValue = valueOf(order, lines.get());
        Money refundable = refundableFor(order, disputedValue);
        RejectionCode aboveRefundable = RejectionCode.AMOUNT_EXCEEDS_PAID;
        if (request.reason().owesADifference()) {
            if (request.requestedType() == ResolutionType.RETURN_AND_REFUND
                    || request.requestedType() == ResolutionType.RESHIPMENT) {
                return Eligibility.rejected(RejectionCode.RESOLUTION_NOT_FOR_REASON);
            }
            Money difference = request.reason() == Reason.WRONG_SHIPPING_METHOD
                    ? order.shippingDifference() : order.overcharge();
            if (!difference.isPositive()) {
                return Eligibility.rejected(RejectionCode.NOTHING_TO_REFUND);
            }
            disputedValue = difference;
            refundable = difference;
            aboveRefundable = RejectionCode.AMOUNT_EXCEEDS_DIFFERENCE;
        }
        Money requested;
        if (request.requestedType().hasChosenAmount()) {
            if (request.requestedAmount() == null || request.requestedAmount().signum() <= 0) {
                return Eligibility.rejected(RejectionCode.AMOUNT_REQUIRED);
            }
            if (request.requestedCurrency() != null && !request.requestedCurrency().equals(order.currency())) {
                return Eligibility.rejected(RejectionCode.CURRENCY_MISMATCH);
            }
            try {
                requested = Money.exact(request.requestedAmount(), order.currency());
            } catch (IllegalArgumentException tooManyDecimals) {
                return Eligibility.rejected(RejectionCode.AMOUNT_INVALID);
            }
            if (requested.exceeds(refundable)) {
                return Eligibility.rejected(aboveRefundable);
            }
        } else if (request.requestedType() == ResolutionType.RESHIPMENT) {
            requested = null;
        } else {
            requested = refundable;
        }
        long recent = record.openedInAbuseWindow() + 1;
        if (recent > policy.refuseAboveDisputes()) {
            return Eligibility.rejected(RejectionCode.TOO_MANY_DISPUTES);
        }
        return new Eligibility(null, lines.get(), disputedValue, refundable, requested,
                recent > policy.flagAboveDisputes(), reopenNumber);
    }

    /** The lines as disputed, or all of the order's lines when none are named; empty when one is not in the order. */
    private static Optional<List<DisputedLine>> disputedLines(Order order, List<DisputedLine> requested) {
        if (requested.isEmpty()) {
            return Optional.of(order.lines().stream().map(l -> new DisputedLine(l.sku(), l.quantity())).toList());
        }
        List<DisputedLine> lines = new ArrayList<>();
        for (DisputedLine line : requested) {
            Optional<OrderLine> ordered = order.line(line.sku());
            boolean duplicate = lines.stream().anyMatch(l -> l.sku().equals(line.sku()));
            if (ordered.isEmpty() || duplicate || line.quantity() < 1 || line.quantity() > ordered.get().quantity()) {
                return Optional.empty();
            }
            lines.add(line);
        }
        return Optional.of(List.copyOf(lines));
    }

    /** What the disputed items cost: quantity times unit price, summed. */
    public static Money valueOf(Order order, List<DisputedLine> lines) {
        return lines.stream()
                .map(line -> Money.exact(order.line(line.sku()).orElseThrow().unitPrice(), order.currency())
                        .times(line.quantity()))
                .reduce(Money.zero(order.currency()), Money::plus);
    }

    /**
     * What was paid for the disputed items: their value plus their share of the shipping cost (shipping
     * times disputed value over the order's value, rounded half-up). The whole order: everything paid.
     */
    public static Money refundableFor(Order order, Money disputedValue) {
        Money total = order.linesTotal();
        if (!total.isPositive()) {
            return disputedValue.plus(order.shipping());
        }
        BigDecimal share = order.shipping().amount().multiply(disputedValue.amount())
                .divide(total.amount(), 10, java.math.RoundingMode.HALF_UP);
        return disputedValue.plus(Money.rounded(share, order.currency()));
    }
}
