package org.opendispute.tasklist;

import org.opendispute.dispute.Reason;

/** Words for people, where the API speaks in codes. */
final class Labels {

    private Labels() {
    }

    static String reason(Reason reason) {
        return switch (reason) {
            case NOT_RECEIVED -> "Not received";
            case DAMAGED -> "Arrived damaged";
            case NOT_AS_DESCRIBED -> "Not as described";
            case MISSING_ITEMS -> "Items missing";
            case WRONG_SHIPPING_METHOD -> "Wrong shipping method";
            case PAYMENT_ISSUE -> "Payment issue";
        };
    }
}
