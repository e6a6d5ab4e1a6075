package org.opendispute.api;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.opendispute.dispute.DisputeRejectedException;
import org.opendispute.dispute.InvalidSubmissionException;
import org.opendispute.evidence.InvalidEvidenceException;
import org.opendispute.web.Problems.FieldError;
import org.opendispute.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of our API as RFC 9457 problem+json: {@code type}, {@code title}, {@code status},
 * {@code detail}, a stable {@code code}, and {@code errors[]} naming each field at fault.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    static final String TYPE_BASE = Problems.TYPE_BASE;

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        ProblemDetail problem = problem(e.status(), e.code(), e.getMessage(), e.errors());
        e.properties().forEach(problem::setProperty);
        return respond(problem);
    }

    @ExceptionHandler(DisputeRejectedException.class)
    ResponseEntity<Object> rejected(DisputeRejectedException e) {
        return respond(problem(HttpStatus.UNPROCESSABLE_ENTITY, e.code(), e.getMessage(), List.of()));
    }

    @ExceptionHandler(InvalidSubmissionException.class)
    ResponseEntity<Object> invalidSubmission(InvalidSubmissionException e) {
        return respond(problem(HttpStatus.UNPROCESSABLE_ENTITY, e.code(), e.getMessage(),
                List.of(new FieldError(e.field(), e.code(), e.getMessage()))));
    }

    @ExceptionHandler(InvalidEvidenceException.class)
    ResponseEntity<Object> invalidEvidence(InvalidEvidenceException e) {
        HttpStatus status = switch (e.code()) {
            case "evidence-too-large" -> HttpStatus.PAYLOAD_TOO_LARGE;
            case "evidence-type-not-allowed" -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case "file-name-too-long" -> HttpStatus.BAD_REQUEST;
            case "upload-quota-exceeded" -> HttpStatus.TOO_MANY_REQUESTS;
            default -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        return respond(problem(status, e.code(), e.getMessage(),
                List.of(new FieldError(e.field(), e.code(), e.getMessage()))));
    }

    /** Someone else moved the dispute at the same moment: the caller may look again and retry. */
    @ExceptionHandler(OptimisticLockingException.class)
    ResponseEntity<Object> concurrent(OptimisticLockingException e, HttpServletRequest request) {
        request.setAttribute(IdempotencyFilter.TRANSIENT_ANSWER, Boolean.TRUE);
        return respond(problem(HttpStatus.CONFLICT, "concurrent-update",
                "The dispute changed while this request was handled; fetch it and try again.", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), codeOf(error.getCode()),
                        error.getDefaultMessage()))
                .toList();
        return respond(problem(HttpStatus.BAD_REQUEST, "validation-failed", "The request has invalid fields.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(result.getMethodParameter().getParameterName(),
                                codeOf(error.getCodes() == null ? null : error.getCodes()[error.getCodes().length - 1]),
                                error.getDefaultMessage())))
                .toList();
        return respond(problem(HttpStatus.BAD_REQUEST, "validation-failed", "The request has invalid parameters.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping);
            String code = cause instanceof InvalidFormatException || cause instanceof MismatchedInputException
                    ? "invalid-value" : "invalid-json";
            String message = "Invalid value for " + field + ".";
            return respond(problem(HttpStatus.BAD_REQUEST, "malformed-request", message,
                    List.of(new FieldError(field, code, message))));
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "The request body is missing or is not valid JSON.", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                "Evidence files are limited to 10 MB.", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : ProblemDetail.forStatusAndDetail(status, e.getMessage());
        if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
            String code = HttpStatus.resolve(status.value()) == null ? "error"
                    : HttpStatus.resolve(status.value()).name().toLowerCase().replace('_', '-');
            problem.setType(URI.create(TYPE_BASE + code));
            problem.setProperty("code", code);
            problem.setProperty("errors", List.of());
        }
        return ResponseEntity.status(status).headers(headers).contentType(
                MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static ProblemDetail problem(HttpStatus status, String code, String detail, List<FieldError> errors) {
        return Problems.problem(status, code, detail, errors);
    }

    /** For filters, which answer before Spring MVC: the same problem+json, written directly. */
    static void write(HttpServletResponse response, ObjectMapper json, HttpStatus status, String code, String detail)
            throws IOException {
        Problems.write(response, json, status, code, detail, List.of());
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String codeOf(String constraint) {
        if (constraint == null) {
            return "invalid";
        }
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size" -> "invalid-size";
            case "Pattern" -> "invalid-format";
            case "Min", "Max", "Positive", "PositiveOrZero", "DecimalMin", "DecimalMax" -> "out-of-range";
            default -> "invalid";
        };
    }
}
