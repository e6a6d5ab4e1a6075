package org.opendispute.dispute;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * What a buyer states when opening a dispute. No lines means the whole order.
 * {@code requestedAmount} is only read for a partial refund; the other types derive it. Its currency, when
 * given, must be the order's; none (a start through the engine's forms) means the order's.
 */
public record OpeningRequest(
        String orderId,
        String buyerId,
        Reason reason,
        String description,
        List<DisputedLine> lines,
        ResolutionType requestedType,
        BigDecimal requestedAmount,
        Currency requestedCurrency,
        List<String> evidenceIds) {

    public OpeningRequest {
        lines = lines == null ? List.of() : List.copyOf(lines);
        evidenceIds = evidenceIds == null ? List.of() : List.copyOf(evidenceIds);
    }

    /** A request whose amount, if any, is in the order's currency. */
    public OpeningRequest(String orderId, String buyerId, Reason reason, String description, List<DisputedLine> lines,
                          ResolutionType requestedType, BigDecimal requestedAmount, List<String> evidenceIds) {
        this(orderId, buyerId, reason, description, lines, requestedType, requestedAmount, null, evidenceIds);
    }

    /** The same request, opened for this buyer. */
    public OpeningRequest byBuyer(String buyer) {
        return new OpeningRequest(orderId, buyer, reason, description, lines, requestedType, requestedAmount,
                requestedCurrency, evidenceIds);
    }
}
