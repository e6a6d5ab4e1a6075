package org.opendispute.dispute;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every deadline of the policy. Its {@link #key()} is the one name it has everywhere: the diagram's
 * {@code ${policy.sellerResponse}} and listener arguments, the {@code disputes.policy.*} property, the
 * store's row and the API's {@code deadlines} map. The diagram's names are checked when it is deployed
 * ({@link DiagramNames}).
 */
public enum Deadline {
    SELLER_RESPONSE("sellerResponse", Kind.TASK),
    NEGOTIATION("negotiation", Kind.STAGE),
    INFORMATION_REQUEST("informationRequest", Kind.TASK),
    MEDIATION("mediation", Kind.STAGE),
    BUYER_DECISION("buyerDecision", Kind.TASK),
    RETURN_SHIPMENT("returnShipment", Kind.TASK),
    /** The carrier's delivery of a shipped return; else the return is in question and goes to mediation. */
    RETURN_DELIVERY("returnDelivery", Kind.TASK),
    RETURN_RECEIPT("returnReceipt", Kind.TASK),
    RESHIPMENT("reshipment", Kind.TASK),
    /**
     * The carrier's delivery of the reshipped parcel, within the seller's promised delivery time and never later
     * than the policy's; else the buyer's recourse: back to mediation.
     */
    RESHIPMENT_DELIVERY("reshipmentDelivery", Kind.TASK);

    /** A stage deadline runs for the whole stage; a task deadline for the one task a party is working on. */
    public enum Kind { STAGE, TASK }

    private final String key;
    private final Kind kind;

    Deadline(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<Deadline> byKey(String key) {
        return Arrays.stream(values()).filter(deadline -> deadline.key.equals(key)).findFirst();
    }

    /** The deadline a diagram names; {@code null} or "" (how the expression language passes null): none. */
    static Deadline named(String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        return byKey(key).orElseThrow(() -> new IllegalArgumentException("No deadline named " + key));
    }
}
