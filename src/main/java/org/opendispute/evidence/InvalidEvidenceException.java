package org.opendispute.evidence;

/** An uploaded file that cannot be evidence; {@code code} is stable for API clients. */
public class InvalidEvidenceException extends RuntimeException {

    private final String code;

    public InvalidEvidenceException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
