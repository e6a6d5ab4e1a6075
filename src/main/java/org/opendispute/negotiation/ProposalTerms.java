package org.opendispute.negotiation;

import java.math.BigDecimal;

import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.InvalidSubmissionException;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.order.Money;

/**
 * The amount a proposal stands for: a partial refund names its own (more than zero, at most what was
 * paid for the disputed items); a full refund or a return is for everything paid; the rest is for nothing.
 */
public final class ProposalTerms {

    private ProposalTerms() {
    }

    public static Money amountFor(Dispute dispute, ResolutionType type, BigDecimal asked, String field) {
        return amountFor(dispute, type, asked, null, field);
    }

    /** As above, with the currency the amount was asked in: none means the order's, another is refused. */
    public static Money amountFor(Dispute dispute, ResolutionType type, BigDecimal asked, String currency,
                                  String field) {
        if (type.hasChosenAmount() && currency != null
                && !currency.equals(dispute.refundableAmount().currency().getCurrencyCode())) {
            throw new InvalidSubmissionException("currency-mismatch", field,
                    "The amount must be in the order's currency, " + dispute.refundableAmount().currency() + ".");
        }
        return switch (type) {
            case PARTIAL_REFUND -> partial(dispute, asked, field);
            case FULL_REFUND, RETURN_AND_REFUND -> dispute.refundableAmount();
            case RESHIPMENT, SELLER_FAVOUR -> null;
        };
    }

    private static Money partial(Dispute dispute, BigDecimal asked, String field) {
        if (asked == null || asked.signum() <= 0) {
            throw new InvalidSubmissionException("amount-required", field, "A partial refund needs an amount above zero.");
        }
        Money amount;
        try {
            amount = Money.exact(asked, dispute.refundableAmount().currency());
        } catch (IllegalArgumentException e) {
            throw new InvalidSubmissionException("amount-invalid", field, e.getMessage());
        }
        if (amount.exceeds(dispute.refundableAmount())) {
            throw new InvalidSubmissionException("amount-exceeds-paid", field,
                    "At most " + dispute.refundableAmount() + " was paid for the disputed items.");
        }
        return amount;
    }
}
