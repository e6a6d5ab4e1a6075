package org.opendispute.dispute;

import org.springframework.stereotype.Component;

/**
 * The policy's deadlines as the engine's timers read them: {@code ${policy.sellerResponse}} in the BPMN.
 * Timer expressions must evaluate to an ISO-8601 string, hence the getters.
 */
@Component("policy")
public class PolicyTimers {

    private final DisputePolicy policy;

    public PolicyTimers(DisputePolicy policy) {
        this.policy = policy;
    }

    public String getSellerResponse() {
        return policy.sellerResponse().toString();
    }

    public String getNegotiation() {
        return policy.negotiation().toString();
    }

    public String getInformationRequest() {
        return policy.informationRequest().toString();
    }

    public String getMediation() {
        return policy.mediation().toString();
    }

    public String getBuyerDecision() {
        return policy.buyerDecision().toString();
    }

    public String getReturnShipment() {
        return policy.returnShipment().toString();
    }

    public String getReturnReceipt() {
        return policy.returnReceipt().toString();
    }

    public String getReshipment() {
        return policy.reshipment().toString();
    }
}
