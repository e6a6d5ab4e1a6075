package org.opendispute.dispute;

import java.math.BigDecimal;

/**
 * The names Java shares with {@code bpmn/dispute-resolution.bpmn}: process key, messages, variables and
 * the element ids that tests and the API look for.
 */
public final class DisputeProcess {

    public static final String KEY = "dispute-resolution";
    public static final String DECISION_PLATFORM_PROPOSAL = "platform-proposal";

    private DisputeProcess() {
    }

    public static final class Messages {
        public static final String BUYER_ESCALATES = "BuyerEscalates";
        public static final String BUYER_CANCELS = "BuyerCancels";
        public static final String RETURN_DELIVERED = "ReturnDelivered";
        public static final String RESHIPMENT_DELIVERED = "ReshipmentDelivered";
        public static final String PARTY_MESSAGE_POSTED = "PartyMessagePosted";

        private Messages() {
        }
    }

    public static final class Errors {
        /** The provider refused the refund for good: the dispute goes back to mediation. */
        public static final String REFUND_FAILED = "RefundFailed";

        private Errors() {
        }
    }

    public static final class Vars {
        // Given when the process is started through the engine (REST API, Tasklist); our API hands the
        // same request over as one transient variable (OpeningVariables)
        public static final String ORDER_ID = "orderId";
        public static final String BUYER_ID = "buyerId";
        public static final String REASON = "reason";
        public static final String DESCRIPTION = "description";
        /** JSON: {@code [{"sku": "A-1", "quantity": 1}]}; absent or empty: the whole order. */
        public static final String LINES = "lines";
        public static final String REQUESTED_TYPE = "requestedType";
        public static final String REQUESTED_AMOUNT = "requestedAmount";
        /** JSON: {@code ["evidence-id", ...]} */
        public static final String EVIDENCE_IDS = "evidenceIds";

        // Set by the eligibility check; eligible is transient (the gateway after the check routes on it),
        // a rejected dispute keeps its rejectionCode. The parties are the store's (DisputeParties).
        public static final String ELIGIBLE = "eligible";
        public static final String REJECTION_CODE = "rejectionCode";

        // Routing, transient: what was agreed or applied (the store keeps it)
        public static final String RESOLUTION_TYPE = "resolutionType";
        public static final String RESOLUTION_AMOUNT = "resolutionAmount";

        // Facts for the platform-proposal decision table (its answer: PlatformSuggestion)
        public static final String CARRIER_CONFIRMED_DELIVERY = "carrierConfirmedDelivery";
        public static final String BUYER_HAS_EVIDENCE = "buyerHasEvidence";
        public static final String DISPUTED_VALUE = "disputedValue";
        /** BUYER or SELLER once that party left the mediator's question unanswered; NONE until then. */
        public static final String SILENT_PARTY = "silentParty";

        // A party's message, given with the PartyMessagePosted correlation
        public static final String MESSAGE_AUTHOR = "messageAuthor";
        public static final String MESSAGE_BODY = "messageBody";

        private Vars() {
        }
    }

    /**
     * What the user tasks take (their Camunda Forms' field keys, our API's commands), typed: delegates read them
     * with {@link Submission}, the API and the tests write them with {@link TaskCommand}.
     */
    public static final class Fields {
        public static final ProcessVariable<SellerAction> SELLER_ACTION = ProcessVariable.choice("sellerAction", SellerAction.class);
        public static final ProcessVariable<ResolutionType> PROPOSAL_TYPE = ProcessVariable.choice("proposalType", ResolutionType.class);
        public static final ProcessVariable<BigDecimal> PROPOSAL_AMOUNT = ProcessVariable.amount("proposalAmount");
        /** The proposal amount's currency, from our API; none (the forms) means the order's. */
        public static final ProcessVariable<String> PROPOSAL_CURRENCY = ProcessVariable.text("proposalCurrency");
        public static final ProcessVariable<String> SELLER_REASON = ProcessVariable.text("sellerReason");
        public static final ProcessVariable<BuyerVerdict> BUYER_VERDICT = ProcessVariable.choice("buyerVerdict", BuyerVerdict.class);
        public static final ProcessVariable<MediatorAction> MEDIATOR_ACTION = ProcessVariable.choice("mediatorAction", MediatorAction.class);
        public static final ProcessVariable<Party> INFORMATION_FROM = ProcessVariable.choice("informationFrom", Party.class);
        public static final ProcessVariable<String> INFORMATION_QUESTION = ProcessVariable.text("informationQuestion");
        public static final ProcessVariable<String> INFORMATION_ANSWER = ProcessVariable.text("informationAnswer");
        public static final ProcessVariable<ResolutionType> PLATFORM_PROPOSAL_TYPE =
                ProcessVariable.choice("platformProposalType", ResolutionType.class);
        public static final ProcessVariable<BigDecimal> PLATFORM_PROPOSAL_AMOUNT = ProcessVariable.amount("platformProposalAmount");
        public static final ProcessVariable<String> OVERRIDE_JUSTIFICATION = ProcessVariable.text("overrideJustification");
        public static final ProcessVariable<Choice> CHOICE = ProcessVariable.choice("choice", Choice.class);
        public static final ProcessVariable<String> RETURN_CARRIER = ProcessVariable.text("returnCarrier");
        public static final ProcessVariable<String> RETURN_TRACKING_NUMBER = ProcessVariable.text("returnTrackingNumber");
        public static final ProcessVariable<ReturnCondition> RETURN_CONDITION =
                ProcessVariable.choice("returnCondition", ReturnCondition.class);
        public static final ProcessVariable<String> RESHIP_CARRIER = ProcessVariable.text("reshipCarrier");
        public static final ProcessVariable<String> RESHIP_TRACKING_NUMBER = ProcessVariable.text("reshipTrackingNumber");

        private Fields() {
        }
    }

    public static final class Elements {
        public static final String DISPUTE_REJECTED = "EndEvent_DisputeRejected";
        public static final String RESPOND_AS_SELLER = "Task_RespondAsSeller";
        public static final String SELLER_RESPONSE_DUE = "Timer_SellerResponseDue";
        /** The seller's answer in a later round, after the buyer rejected the last one; the buyer may escalate. */
        public static final String ANSWER_REJECTION = "Task_AnswerRejection";
        public static final String REJECTION_ANSWER_DUE = "Timer_RejectionAnswerDue";
        public static final String REVIEW_PROPOSAL = "Task_ReviewProposal";
        public static final String NEGOTIATION_DEADLINE = "Timer_NegotiationDeadline";
        public static final String MEDIATION = "SubProcess_Mediation";
        public static final String MEDIATE = "Task_Mediate";
        public static final String MEDIATION_OVERDUE = "Timer_MediationOverdue";
        public static final String PROVIDE_INFORMATION = "Task_ProvideInformation";
        public static final String INFORMATION_DUE = "Timer_InformationDue";
        public static final String CHOOSE_PROPOSAL = "Task_ChooseProposal";
        public static final String BUYER_DECISION_DUE = "Timer_BuyerDecisionDue";
        public static final String SHIP_RETURN = "Task_ShipReturn";
        public static final String RETURN_SHIPMENT_DUE = "Timer_ReturnShipmentDue";
        /** Waits for the carrier's delivery of the return (message ReturnDelivered), until its deadline. */
        public static final String RETURN_DELIVERED = "Task_AwaitReturnDelivery";
        public static final String RETURN_DELIVERY_DUE = "Timer_ReturnDeliveryDue";
        public static final String CONFIRM_RETURN_RECEIPT = "Task_ConfirmReturnReceipt";
        public static final String RETURN_RECEIPT_DUE = "Timer_ReturnReceiptDue";
        public static final String RESHIP = "Task_Reship";
        public static final String RESHIPMENT_DUE = "Timer_ReshipmentDue";
        /** Waits for the carrier's delivery of the reshipped parcel (message ReshipmentDelivered), until its deadline. */
        public static final String RESHIPMENT_DELIVERED = "Task_AwaitReshipmentDelivery";
        public static final String RESHIPMENT_DELIVERY_DUE = "Timer_ReshipmentDeliveryDue";
        public static final String RECORD_REFUND_INTENT = "Task_RecordRefundIntent";
        public static final String ISSUE_REFUND = "Task_IssueRefund";
        public static final String REFUND_FAILED = "Event_RefundFailed";
        public static final String DISPUTE_RESOLVED = "EndEvent_DisputeResolved";
        public static final String DISPUTE_CANCELLED = "EndEvent_DisputeCancelled";

        private Elements() {
        }
    }
}
