package org.opendispute.dispute;

import java.util.List;

import org.opendispute.order.Money;

/**
 * The answer to "may this dispute be opened?": either the rejection code, or the amounts derived from
 * the disputed lines and whether the new dispute must be flagged for the mediators.
 */
public record Eligibility(
        RejectionCode rejection,
        List<DisputedLine> lines,
        Money disputedValue,
        Money refundableAmount,
        Money requestedAmount,
        boolean flagForMediators,
        int reopenNumber) {

    public static Eligibility rejected(RejectionCode code) {
        return new Eligibility(code, List.of(), null, null, null, false, 0);
    }

    public boolean eligible() {
        return rejection == null;
    }
}
