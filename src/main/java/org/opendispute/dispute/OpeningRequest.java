package org.opendispute.dispute;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a buyer states when opening a dispute. No lines means the whole order.
 * {@code requestedAmount} is only read for a partial refund; the other types derive it.
 */
public record OpeningRequest(
        String orderId,
        String buyerId,
        Reason reason,
        String description,
        List<DisputedLine> lines,
        ResolutionType requestedType,
        BigDecimal requestedAmount,
        List<String> evidenceIds) {

    public OpeningRequest {
        lines = lines == null ? List.of() : List.copyOf(lines);
        evidenceIds = evidenceIds == null ? List.of() : List.copyOf(evidenceIds);
    }

    /** The same request, opened for this buyer. */
    public OpeningRequest byBuyer(String buyer) {
        return new OpeningRequest(orderId, buyer, reason, description, lines, requestedType, requestedAmount, evidenceIds);
    }
}
