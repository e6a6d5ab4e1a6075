package org.opendispute.dispute;

public enum Outcome {
    FULL_REFUND,
    PARTIAL_REFUND,
    RESHIPPED,
    SELLER_FAVOUR,
    CANCELLED_BY_BUYER
}
