package org.opendispute.dispute;

/** The opening rules refused the dispute; the code is one of {@link RejectionCode}'s, or "invalid-request". */
public class DisputeRejectedException extends RuntimeException {

    private final String code;

    public DisputeRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
