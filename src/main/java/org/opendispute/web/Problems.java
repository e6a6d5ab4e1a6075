package org.opendispute.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;

/** The one shape of every refusal: application/problem+json with a stable {@code code} and the fields at fault. */
public final class Problems {

    public static final String TYPE_BASE = "https://opendispute.org/problems/";

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatus status, String code, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** For filters, which answer before Spring MVC: the same problem+json, written directly. */
    public static void write(HttpServletResponse response, ObjectMapper json, HttpStatus status, String code,
                             String detail, List<FieldError> errors) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem(status, code, detail, errors));
    }

    /** One field at fault: its JSON path, a stable code, and what is wrong. */
    public record FieldError(String field, String code, String message) {
    }
}
