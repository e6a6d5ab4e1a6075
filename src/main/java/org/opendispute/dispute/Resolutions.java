package org.opendispute.dispute;

import static org.opendispute.dispute.DisputeProcess.Vars.RESOLUTION_AMOUNT;
import static org.opendispute.dispute.DisputeProcess.Vars.RESOLUTION_TYPE;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.opendispute.order.Money;
import org.springframework.stereotype.Component;

/**
 * Records what was agreed or applied, in the store and in the two (transient) variables the process routes
 * on, in one step so they never disagree.
 */
@Component
public class Resolutions {

    private final DisputeStore disputes;
    private final DisputeHistory history;

    public Resolutions(DisputeStore disputes, DisputeHistory history) {
        this.disputes = disputes;
        this.history = history;
    }

    public void apply(VariableScope scope, String disputeId, ResolutionType type, Money amount, String actor,
                      String how) {
        disputes.setResolution(disputeId, type, amount);
        // Transient: the gateway after this step routes on them in the same transaction; the store keeps them
        scope.setVariable(RESOLUTION_TYPE, Variables.stringValue(type.name(), true));
        scope.setVariable(RESOLUTION_AMOUNT,
                Variables.stringValue(amount == null ? null : amount.amount().toPlainString(), true));
        history.record(disputeId, HistoryEvent.RESOLUTION_AGREED, actor,
                how + ": " + type + (amount == null ? "" : " " + amount));
    }

    /** The buyer's own request, as executed when the seller accepts it or stays silent. */
    public void applyBuyerRequest(VariableScope scope, Dispute dispute, String actor, String how) {
        apply(scope, dispute.id(), dispute.requestedType(), dispute.requestedAmount(), actor, how);
    }
}
