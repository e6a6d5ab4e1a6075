package org.opendispute.dispute;

import static org.opendispute.dispute.DisputeProcess.Vars.BUYER_ID;
import static org.opendispute.dispute.DisputeProcess.Vars.DESCRIPTION;
import static org.opendispute.dispute.DisputeProcess.Vars.EVIDENCE_IDS;
import static org.opendispute.dispute.DisputeProcess.Vars.LINES;
import static org.opendispute.dispute.DisputeProcess.Vars.ORDER_ID;
import static org.opendispute.dispute.DisputeProcess.Vars.REASON;
import static org.opendispute.dispute.DisputeProcess.Vars.REQUESTED_AMOUNT;
import static org.opendispute.dispute.DisputeProcess.Vars.REQUESTED_TYPE;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The opening request as process variables. An integrator starting the process through the engine's REST
 * API (or Tasklist) gives it as separate variables, lists as JSON strings; our API hands it over as one
 * transient variable, which the engine neither stores nor historises: from the process's first step on,
 * the request is in the dispute store.
 */
@Component
public class OpeningVariables {

    /** The request as one Java object, alive only in the transaction that starts the process. */
    static final String REQUEST = "openingRequest";

    private final ObjectMapper json;

    public OpeningVariables(ObjectMapper json) {
        this.json = json;
    }

    public VariableMap handOver(OpeningRequest request) {
        return Variables.createVariables().putValueTyped(REQUEST, Variables.objectValue(request, true).create());
    }

    public Map<String, Object> write(OpeningRequest request) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ORDER_ID, request.orderId());
        variables.put(BUYER_ID, request.buyerId());
        variables.put(REASON, request.reason().name());
        variables.put(DESCRIPTION, request.description());
        variables.put(REQUESTED_TYPE, request.requestedType().name());
        if (request.requestedAmount() != null) {
            variables.put(REQUESTED_AMOUNT, request.requestedAmount().toPlainString());
        }
        try {
            variables.put(LINES, json.writeValueAsString(request.lines()));
            variables.put(EVIDENCE_IDS, json.writeValueAsString(request.evidenceIds()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Lines and ids always serialise", e);
        }
        return variables;
    }

    /**
     * The request the variables describe, or empty when they are missing or malformed. The buyer is
     * {@code buyerOfRecord} when given (who started the process), else the one the request names. The
     * handed-over object gets the same checks: the engine's REST API can set such a variable too.
     */
    public Optional<OpeningRequest> read(VariableScope scope, String buyerOfRecord) {
        Optional<OpeningRequest> request = scope.getVariable(REQUEST) instanceof OpeningRequest handedOver
                ? Optional.of(handedOver).filter(OpeningVariables::complete)
                : fromVariables(scope, buyerOfRecord);
        return request
                .map(opening -> buyerOfRecord == null ? opening : opening.byBuyer(buyerOfRecord));
    }

    private static boolean complete(OpeningRequest request) {
        return request.orderId() != null && request.buyerId() != null && request.reason() != null
                && request.description() != null && request.requestedType() != null;
    }

    private Optional<OpeningRequest> fromVariables(VariableScope scope, String buyerOfRecord) {
        try {
            String amount = string(scope, REQUESTED_AMOUNT);
            String description = string(scope, DESCRIPTION);
            return Optional.of(new OpeningRequest(
                    required(scope, ORDER_ID),
                    buyerOfRecord != null ? buyerOfRecord : required(scope, BUYER_ID),
                    Reason.valueOf(required(scope, REASON)),
                    description == null ? "" : description,
                    list(scope, LINES, new TypeReference<List<DisputedLine>>() { }),
                    ResolutionType.valueOf(required(scope, REQUESTED_TYPE)),
                    amount == null ? null : new BigDecimal(amount),
                    list(scope, EVIDENCE_IDS, new TypeReference<List<String>>() { })));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }

    private static String required(VariableScope scope, String name) {
        String value = string(scope, name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    private <T> List<T> list(VariableScope scope, String name, TypeReference<List<T>> type)
            throws JsonProcessingException {
        String value = string(scope, name);
        return value == null || value.isBlank() ? List.of() : json.readValue(value, type);
    }
}
