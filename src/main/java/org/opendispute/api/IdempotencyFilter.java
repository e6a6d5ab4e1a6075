package org.opendispute.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.opendispute.web.CachedBodyRequest;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.StreamUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

/**
 * Makes every {@code POST /api/**} safe to retry (as Stripe's API does): a request with an
 * {@code Idempotency-Key} header is answered once; a retry with the same key and body replays that answer,
 * with its status and {@code Location}; the same key with another body is 422 {@code idempotency-key-reused};
 * one still running is 409 {@code request-in-progress} for at most the claim's lease. Keys are per caller.
 * Only final answers are kept: after a server error or a concurrent update the retry runs again, and after
 * a lost answer (the action committed, the node died) it receives the committed result.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 2) // after authentication
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    /** Set on a request whose answer is a passing condition (a concurrent update): it is not kept. */
    static final String TRANSIENT_ANSWER = IdempotencyFilter.class.getName() + ".transient";

    private final IdempotencyStore store;
    private final IdempotencyOutcome results;
    private final ObjectMapper json;
    private final Clock clock;

    IdempotencyFilter(IdempotencyStore store, IdempotencyOutcome results, ObjectMapper json, Clock clock) {
        this.store = store;
        this.results = results;
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String key = request.getHeader(HEADER);
        if (authentication == null || key.isBlank() || key.length() > 255) {
            problem(response, HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                    "Idempotency-Key must be 1 to 255 characters.");
            return;
        }
        String caller = authentication.getName();
        HttpServletRequest forward = request;
        String hash;
        if (isMultipart(request)) {
            // Parts, not raw bytes: a retry of the same upload comes with another multipart boundary.
            hash = hashParts(request);
        } else {
            CachedBodyRequest cached = new CachedBodyRequest(request, StreamUtils.copyToByteArray(request.getInputStream()));
            hash = hash(request.getMethod() + " " + request.getRequestURI() + "\n", List.of(cached.body()));
            forward = cached;
        }
        if (!store.claim(caller, key, hash) && !store.takeOver(caller, key, hash)) {
            answerRetry(request, response, caller, key, hash);
            return;
        }
        request.setAttribute(IdempotencyOutcome.ATTRIBUTE, new IdempotencyOutcome.Claim(caller, key));
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(forward, recorded);
        } catch (IOException | ServletException | RuntimeException e) {
            store.release(caller, key);
            throw e;
        }
        if (recorded.getStatus() >= 500 || request.getAttribute(TRANSIENT_ANSWER) != null) {
            store.release(caller, key); // not final: the retry runs again
        } else {
            store.complete(caller, key, recorded.getStatus(), recorded.getContentType(),
                    new String(recorded.getContentAsByteArray(), StandardCharsets.UTF_8),
                    recorded.getHeader(HttpHeaders.LOCATION));
        }
        recorded.copyBodyToResponse();
    }

    /**
     * A retry of a key already claimed: the stored answer; or, when the answer was lost after the action
     * committed (the node died), the committed result rebuilt from the store; or 409 while the first
     * request may still be running (its lease).
     */
    private void answerRetry(HttpServletRequest request, HttpServletResponse response, String caller, String key,
                             String hash) throws IOException {
        IdempotencyStore.Stored stored = store.find(caller, key).orElse(null);
        if (stored == null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problem(response, HttpStatus.CONFLICT, "request-in-progress", "Retry in a moment.");
        } else if (!stored.requestHash().equals(hash)) {
            problem(response, HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "This Idempotency-Key was used for a different request.");
        } else if (stored.completed()) {
            replay(response, stored.status(), stored.contentType(), stored.location(), stored.body());
        } else if (stored.outcomeStatus() != null) {
            DisputeResponse dispute = results.disputeAsSeenBy(stored.outcomeDisputeId());
            replay(response, stored.outcomeStatus(), MediaType.APPLICATION_JSON_VALUE,
                    stored.outcomeStatus() == HttpStatus.CREATED.value() ? "/api/disputes/" + dispute.id() : null,
                    json.writeValueAsString(dispute));
        } else {
            long seconds = Math.max(1, Duration.between(clock.instant(), stored.leaseUntil()).toSeconds());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            problem(response, HttpStatus.CONFLICT, "request-in-progress",
                    "A request with this Idempotency-Key is still being processed.");
        }
    }

    private static void replay(HttpServletResponse response, int status, String contentType, String location,
                               String body) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        if (location != null) {
            response.setHeader(HttpHeaders.LOCATION, location);
        }
        response.setHeader("Idempotent-Replayed", "true");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private void problem(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        ApiExceptionHandler.write(response, json, status, code, detail);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        return request.getContentType() != null
                && request.getContentType().toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }

    private static String hashParts(HttpServletRequest request) throws IOException, ServletException {
        List<byte[]> parts = new java.util.ArrayList<>();
        for (Part part : request.getParts()) {
            parts.add((part.getName() + "\n" + part.getSubmittedFileName() + "\n").getBytes(StandardCharsets.UTF_8));
            try (var in = part.getInputStream()) {
                parts.add(StreamUtils.copyToByteArray(in));
            }
        }
        return hash(request.getMethod() + " " + request.getRequestURI() + "\n", parts);
    }

    private static String hash(String head, List<byte[]> body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            body.forEach(digest::update);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
