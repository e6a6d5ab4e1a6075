package org.opendispute.support;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Users of the identity store for tests, created once with a known password. */
public final class TestUsers {

    public static final String PASSWORD = "test-password";

    private TestUsers() {
    }

    /** Ensures the user exists, in the given groups (which must exist). */
    public static String ensure(IdentityService identityService, String userId, String... groups) {
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            User user = identityService.newUser(userId);
            user.setFirstName(userId);
            user.setLastName("Test");
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            for (String group : groups) {
                identityService.createMembership(userId, group);
            }
        }
        return userId;
    }
}
