package org.opendispute.dispute;

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

    /** The field's value; missing or blank answers {@code field-required}. */
    public <T> T required(ProcessVariable<T> field) {
        T value = optional(field);
        if (value == null) {
            throw new InvalidSubmissionException("field-required", field.name(), field.name() + " is required.");
        }
        return value;
    }

    /** The field's value, or {@code null} when it was not given. */
    public <T> T optional(ProcessVariable<T> field) {
        return field.read(scope.getVariable(field.name()));
    }
}
