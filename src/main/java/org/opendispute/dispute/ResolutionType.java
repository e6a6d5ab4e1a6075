package org.opendispute.dispute;

/** What a buyer asks for, a party proposes, or the platform applies. */
public enum ResolutionType {
    FULL_REFUND,
    PARTIAL_REFUND,
    RETURN_AND_REFUND,
    RESHIPMENT,
    /** Nothing refunded: only ever proposed by the platform or applied by a deadline. */
    SELLER_FAVOUR;

    /** Whether the amount is chosen by whoever proposes it (the others derive it from the disputed lines). */
    public boolean hasChosenAmount() {
        return this == PARTIAL_REFUND;
    }
}
