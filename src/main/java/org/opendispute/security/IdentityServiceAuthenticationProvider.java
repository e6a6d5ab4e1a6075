package org.opendispute.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic against Camunda's identity store: the same users, salted password hashes and login-attempt
 * throttling as the webapps. Group ids become authorities. A successful check is remembered for a short
 * while ({@code disputes.security.credentials-cache}, default 30 s): REST clients send their password
 * with every request, and checking it each time (two queries and a hash) was a measurable part of every
 * call. A changed password or group takes effect after at most that long; failures are never cached. The cache
 * is each node's own (at most {@link #MAX_CACHED} users), the one per-node state that changes an answer, and only
 * for that while.
 */
@Component
class IdentityServiceAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final Duration cacheFor;
    private final Clock clock;
    /** Users remembered at most, per node. */
    static final int MAX_CACHED = 10_000;

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    IdentityServiceAuthenticationProvider(IdentityService identityService, Clock clock,
                                          @Value("${disputes.security.credentials-cache:PT30S}") Duration cacheFor) {
        this.identityService = identityService;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (credentials == null) {
            throw new BadCredentialsException("Bad credentials");
        }
        String fingerprint = fingerprint(userId, credentials.toString());
        Instant now = clock.instant();
        Verified known = verified.get(userId);
        if (known == null || !known.fingerprint().equals(fingerprint) || known.until().isBefore(now)) {
            if (!identityService.checkPassword(userId, credentials.toString())) {
                verified.remove(userId);
                throw new BadCredentialsException("Bad credentials");
            }
            List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                    .map(Group::getId)
                    .map(SimpleGrantedAuthority::new)
                    .toList();
            known = new Verified(fingerprint, groups, now.plus(cacheFor));
            if (verified.size() >= MAX_CACHED) {
                // Per node and bounded: expired entries go first, and if every entry is fresh, all of them
                verified.values().removeIf(entry -> entry.until().isBefore(now));
                if (verified.size() >= MAX_CACHED) {
                    verified.clear();
                }
            }
            verified.put(userId, known);
        }
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, known.groups());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The cache keeps a hash of what was checked, never the password. */
    private static String fingerprint(String userId, String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((userId + "\u0000" + password).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Verified(String fingerprint, List<SimpleGrantedAuthority> groups, Instant until) {
    }
}
