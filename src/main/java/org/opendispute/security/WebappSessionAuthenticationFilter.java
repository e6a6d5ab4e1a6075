package org.opendispute.security;

import java.io.IOException;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Evidence links in Tasklist's forms download with the user's Tasklist login: a {@code GET} of an evidence
 * file without credentials is authenticated from the webapps' session. Only that read: everything else of
 * our API still wants HTTP Basic, and the API's own rules decide who may see which dispute's files.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

    private static final Pattern EVIDENCE_DOWNLOAD = Pattern.compile("^/api/disputes/[^/]+/evidence/[^/]+$");

    private final ProcessEngine engine;

    WebappSessionAuthenticationFilter(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !EVIDENCE_DOWNLOAD.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        WebappLogins.of(request, engine).ifPresent(user -> SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user.userId(), null,
                        user.groups().stream().map(SimpleGrantedAuthority::new).toList())));
        chain.doFilter(request, response);
    }
}
