package org.opendispute.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
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
 * the same key with another body is 422 {@code idempotency-key-reused}, and one still running is 409.
 * Keys are per caller. Server errors are not kept, so the retry runs again.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 2) // after authentication
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";

    private final IdempotencyStore store;
    private final ObjectMapper json;

    IdempotencyFilter(IdempotencyStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
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
        if (!store.claim(caller, key, hash)) {
            IdempotencyStore.Stored stored = store.find(caller, key).orElse(null);
            if (stored == null) {
                problem(response, HttpStatus.CONFLICT, "request-in-progress", "Retry in a moment.");
            } else if (!stored.requestHash().equals(hash)) {
                problem(response, HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                        "This Idempotency-Key was used for a different request.");
            } else if (!stored.completed()) {
                problem(response, HttpStatus.CONFLICT, "request-in-progress",
                        "A request with this Idempotency-Key is still being processed.");
            } else {
                response.setStatus(stored.status());
                response.setContentType(stored.contentType());
                response.setHeader("Idempotent-Replayed", "true");
                response.getOutputStream().write(stored.body().getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(forward, recorded);
        } catch (IOException | ServletException | RuntimeException e) {
            store.release(caller, key);
            throw e;
        }
        if (recorded.getStatus() >= 500) {
            store.release(caller, key);
        } else {
            store.complete(caller, key, recorded.getStatus(), recorded.getContentType(),
                    new String(recorded.getContentAsByteArray(), StandardCharsets.UTF_8));
        }
        recorded.copyBodyToResponse();
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
