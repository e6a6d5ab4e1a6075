package org.opendispute.engine;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The user the engine runs a command as (Tasklist, engine REST), and a way to run a lookup as the platform.
 * Our own API calls the engine unauthenticated: then there is no engine caller.
 */
@Component
public class EngineCaller {

    private final IdentityService identityService;

    public EngineCaller(IdentityService identityService) {
        this.identityService = identityService;
    }

    public Optional<User> current() {
        Authentication caller = identityService.getCurrentAuthentication();
        if (caller == null || caller.getUserId() == null) {
            return Optional.empty();
        }
        return Optional.of(new User(caller.getUserId(),
                caller.getGroupIds() == null ? List.of() : List.copyOf(caller.getGroupIds())));
    }

    /** Runs the lookup with no engine user, and gives the caller's authentication back afterwards. */
    public <T> T asPlatform(Supplier<T> lookup) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return lookup.get();
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }

    public record User(String userId, List<String> groupIds) {
    }
}
