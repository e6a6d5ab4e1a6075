package org.opendispute.dispute;

/** Why a buyer opens a dispute (POLICY.md "Reasons"), and whether evidence is required. */
public enum Reason {
    NOT_RECEIVED(false),
    DAMAGED(true),
    NOT_AS_DESCRIBED(true),
    MISSING_ITEMS(true),
    WRONG_SHIPPING_METHOD(false),
    PAYMENT_ISSUE(false);

    private final boolean evidenceRequired;

    Reason(boolean evidenceRequired) {
        this.evidenceRequired = evidenceRequired;
    }

    public boolean evidenceRequired() {
        return evidenceRequired;
    }

    /**
     * The buyer keeps the goods and is owed a difference, not the goods' price: the shipping paid above the method
     * used, or what was charged above the order's total. No return, no reshipment.
     */
    public boolean owesADifference() {
        return this == WRONG_SHIPPING_METHOD || this == PAYMENT_ISSUE;
    }
}
