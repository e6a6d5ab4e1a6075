package org.opendispute.evidence;

/** An uploaded file that cannot be evidence; {@code code} is stable for API clients. */
public class InvalidEvidenceException extends RuntimeException {

    private final String code;
    private final String field;

    public InvalidEvidenceException(String code, String message) {
        this(code, "file", message);
    }

    public InvalidEvidenceException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    /** The request field at fault: the uploaded file, or the evidence ids of an opening. */
    public String field() {
        return field;
    }
}
