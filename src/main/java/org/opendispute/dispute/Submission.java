package org.opendispute.dispute;

import java.math.BigDecimal;
import java.util.Arrays;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Reads what a user task submitted, with a clear complaint naming the field at fault. */
public final class Submission {

    private final VariableScope scope;

    private Submission(VariableScope scope) {
        this.scope = scope;
    }

    public static Submission of(VariableScope scope) {
        return new Submission(scope);
    }

    public String text(String field) {
        Object value = scope.getVariable(field);
        if (value == null || value.toString().isBlank()) {
            throw new InvalidSubmissionException("field-required", field, field + " is required.");
        }
        return value.toString().trim();
    }

    public String optionalText(String field) {
        Object value = scope.getVariable(field);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    public <E extends Enum<E>> E choice(String field, Class<E> type) {
        String value = text(field);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidSubmissionException("invalid-choice", field,
                    field + " must be one of " + Arrays.toString(type.getEnumConstants()) + ".");
        }
    }

    public BigDecimal amount(String field) {
        String value = text(field);
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new InvalidSubmissionException("invalid-amount", field, field + " must be a decimal amount.");
        }
    }
}
