package org.opendispute.support;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Injects the failure of a node that dies after an action committed and before its answer left: on a
 * request with {@value #HEADER}, the answer the application produced is thrown away and nothing that
 * would follow the answer runs.
 */
public class NodeDeathAfterCommit extends OncePerRequestFilter {

    public static final String HEADER = "X-Test-Node-Dies-After-Commit";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(HEADER) == null) {
            chain.doFilter(request, response);
            return;
        }
        var lost = new org.springframework.web.util.ContentCachingResponseWrapper(response);
        chain.doFilter(request, lost);
        throw new NodeDied();
    }

    /** Not an exception the application handles: like a killed process, nothing after it runs. */
    public static final class NodeDied extends Error {
        NodeDied() {
            super("The node died between the commit and the answer");
        }
    }
}
