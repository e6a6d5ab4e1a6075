package org.opendispute.mediation;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.order.Money;

/**
 * What the platform-proposal decision table suggests (its outputs, mapped by the business rule task to
 * {@code suggestedProposalType}, {@code suggestedRefundBasis}, {@code suggestedRefundPercent}), turned
 * into an amount: the percentage of the basis, rounded half-up, never more than was paid.
 */
public record PlatformSuggestion(ResolutionType type, Money amount) {

    public static final String TYPE = "suggestedProposalType";
    public static final String BASIS = "suggestedRefundBasis";
    public static final String PERCENT = "suggestedRefundPercent";

    public static Optional<PlatformSuggestion> of(VariableScope scope, Dispute dispute) {
        Object type = scope.getVariable(TYPE);
        if (type == null) {
            return Optional.empty();
        }
        ResolutionType resolution = ResolutionType.valueOf(type.toString());
        String basis = String.valueOf(scope.getVariable(BASIS));
        int percent = ((Number) scope.getVariable(PERCENT)).intValue();
        Money base = switch (basis) {
            case "DISPUTED_VALUE" -> resolution == ResolutionType.PARTIAL_REFUND
                    ? dispute.disputedValue() : dispute.refundableAmount();
            case "REQUESTED_AMOUNT" -> dispute.requestedAmount() == null
                    ? dispute.refundableAmount() : dispute.requestedAmount();
            default -> null;
        };
        if (base == null) {
            return Optional.of(new PlatformSuggestion(resolution, null));
        }
        Money amount = base.percent(percent);
        return Optional.of(new PlatformSuggestion(resolution,
                amount.exceeds(dispute.refundableAmount()) ? dispute.refundableAmount() : amount));
    }
}
