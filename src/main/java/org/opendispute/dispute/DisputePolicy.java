package org.opendispute.dispute;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every deadline and threshold of POLICY.md, bound from {@code disputes.policy.*}.
 * Durations are ISO-8601 ({@code P5D}, {@code PT30S}); the defaults are the policy's.
 */
@ConfigurationProperties("disputes.policy")
public record DisputePolicy(
        /** A dispute can be opened once this much time has passed since shipping ("from day 11"). */
        @DefaultValue("P10D") Duration openAfterShipping,
        /** The window closes this long after delivery was confirmed (or auto-confirmed). */
        @DefaultValue("P15D") Duration openUntilAfterDelivery,
        @DefaultValue("60") int maxPromisedDeliveryDays,
        @DefaultValue("P5D") Duration sellerResponse,
        @DefaultValue("P15D") Duration negotiation,
        @DefaultValue("P3D") Duration informationRequest,
        @DefaultValue("P7D") Duration mediation,
        @DefaultValue("P5D") Duration buyerDecision,
        @DefaultValue("P10D") Duration returnShipment,
        /** A shipped return the carrier has not delivered by then goes to mediation. */
        @DefaultValue("P30D") Duration returnDelivery,
        @DefaultValue("P5D") Duration returnReceipt,
        @DefaultValue("P5D") Duration reshipment,
        /** The longest a reshipped parcel may take; the seller's promised delivery time, if shorter, applies. */
        @DefaultValue("P30D") Duration reshipmentDelivery,
        @DefaultValue("15") int refundArrivalBusinessDays,
        /** How long before an undisputed order's buyer protection ends the marketplace hears of it. */
        @DefaultValue("P3D") Duration protectionReminderBefore,
        /** How long before a party's deadline the party is reminded (dispute.deadline_approaching). */
        @DefaultValue("P1D") Duration reminderBefore,
        /** Days that are no business days besides weekends (ISO dates), for the expected refund date. */
        @DefaultValue({}) List<LocalDate> holidays,
        @DefaultValue("1") int maxReopens,
        @DefaultValue("P30D") Duration abuseWindow,
        /** More disputes than this in the abuse window: the new one is flagged for mediators. */
        @DefaultValue("3") int flagAboveDisputes,
        /** More disputes than this in the abuse window: opening is refused, the account is marked for review. */
        @DefaultValue("6") int refuseAboveDisputes,
        /** This many flagged messages of one author in the abuse window: the author's account is marked for review. */
        @DefaultValue("3") int flaggedMessagesForReview,
        @DefaultValue({"paypal", "bank transfer", "wire transfer", "western union", "iban", "venmo", "zelle",
                "cash app", "close the dispute", "pay you outside", "outside the platform"})
        List<String> offPlatformPhrases,
        @DefaultValue({"idiot", "stupid", "scammer", "moron", "shut up"}) List<String> abusiveWords) {

    /** How long a deadline of the policy runs. */
    public Duration deadline(Deadline deadline) {
        return switch (deadline) {
            case SELLER_RESPONSE -> sellerResponse;
            case NEGOTIATION -> negotiation;
            case INFORMATION_REQUEST -> informationRequest;
            case MEDIATION -> mediation;
            case BUYER_DECISION -> buyerDecision;
            case RETURN_SHIPMENT -> returnShipment;
            case RETURN_DELIVERY -> returnDelivery;
            case RETURN_RECEIPT -> returnReceipt;
            case RESHIPMENT -> reshipment;
            case RESHIPMENT_DELIVERY -> reshipmentDelivery;
        };
    }
}
