package org.opendispute.dispute;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A user task's submission that cannot be accepted (a missing field, an amount above what was paid,
 * an override without justification). Thrown from the step that records it, so the task stays open
 * and nothing is written; Tasklist shows the message, our API answers with {@code code} and {@code field}.
 */
public class InvalidSubmissionException extends ProcessEngineException {

    private final String code;
    private final String field;

    public InvalidSubmissionException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
