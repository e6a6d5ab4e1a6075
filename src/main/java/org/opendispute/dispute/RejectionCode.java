package org.opendispute.dispute;

/** Why a dispute may not be opened: stable codes that integrators can rely on. */
public enum RejectionCode {
    ORDER_NOT_FOUND("order-not-found", "There is no such order."),
    NOT_YOUR_ORDER("not-your-order", "Only the buyer of an order can open a dispute for it."),
    BUYER_BLOCKED("account-blocked", "The buyer's account is blocked and cannot open disputes."),
    CUSTOMS_IS_BUYER_RESPONSIBILITY("customs-is-buyer-responsibility",
            "The order was returned by customs, which is the buyer's responsibility: please contact the seller."),
    DISPUTE_ALREADY_ACTIVE("dispute-already-active", "This order already has an active dispute."),
    ORDER_ALREADY_RESOLVED("order-already-resolved",
            "A dispute of this order already ended with a resolution; no new dispute can be opened."),
    REOPEN_LIMIT_REACHED("reopen-limit-reached", "This order's disputes were cancelled too often to open another."),
    WINDOW_NOT_OPEN("window-not-open", "A dispute can be opened from day %d after shipping."),
    WINDOW_CLOSED("window-closed",
            "The time to open a dispute for this order has passed: %d days after delivery was confirmed or due."),
    EVIDENCE_REQUIRED("evidence-required", "This reason needs at least one photo, video or document as evidence."),
    EVIDENCE_NOT_FOUND("evidence-not-found", "An evidence file is unknown, not yours, or already part of another dispute."),
    LINES_REQUIRED("lines-required", "Missing items must name the missing lines and their quantities."),
    LINE_NOT_IN_ORDER("line-not-in-order", "A disputed line is not part of the order, or its quantity exceeds what was ordered."),
    RESOLUTION_NOT_REQUESTABLE("resolution-not-requestable",
            "A buyer asks for a refund, a return for refund or a reshipment, never for the seller's favour."),
    CURRENCY_MISMATCH("currency-mismatch", "The amount's currency is not the order's."),
    RESOLUTION_NOT_FOR_REASON("resolution-not-for-reason",
            "A wrong shipping method or a payment issue is settled by a refund of the difference: no return, no reshipment."),
    NOTHING_TO_REFUND("nothing-to-refund",
            "The order's facts show no difference to refund: the shipping method paid for was used, or nothing was charged twice."),
    AMOUNT_EXCEEDS_DIFFERENCE("amount-exceeds-difference",
            "The amount asked exceeds the difference owed: the shipping paid above the method used, or the excess charge."),
    AMOUNT_REQUIRED("amount-required", "A partial refund needs an amount."),
    AMOUNT_INVALID("amount-invalid", "The amount has more decimals than the order's currency allows."),
    AMOUNT_EXCEEDS_PAID("amount-exceeds-paid", "The amount asked exceeds what was paid for the disputed items."),
    TOO_MANY_DISPUTES("too-many-disputes",
            "More than %d disputes were opened in the last %d days; the account is under review.");

    private final String code;
    private final String message;

    RejectionCode(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** The message with the policy's figures in it, as configured ({@code disputes.policy.*}). */
    public String message(DisputePolicy policy) {
        return switch (this) {
            case WINDOW_NOT_OPEN -> message.formatted(policy.openAfterShipping().toDays() + 1);
            case WINDOW_CLOSED -> message.formatted(policy.openUntilAfterDelivery().toDays());
            case TOO_MANY_DISPUTES -> message.formatted(policy.refuseAboveDisputes(), policy.abuseWindow().toDays());
            default -> message;
        };
    }
}
