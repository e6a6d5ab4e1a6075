package org.opendispute.api;

import java.util.List;
import java.util.Map;

import org.opendispute.web.Problems.FieldError;
import org.springframework.http.HttpStatus;

/** An answer other than success: becomes an application/problem+json response with a stable code. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<FieldError> errors;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of(), Map.of());
    }

    public ApiException(HttpStatus status, String code, String detail, List<FieldError> errors,
                        Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = errors;
        this.properties = properties;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", what + " does not exist.");
    }

    public static ApiException invalid(String field, String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation-failed", message,
                List.of(new FieldError(field, code, message)), Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
