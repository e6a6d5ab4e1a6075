package org.opendispute.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Component;

/**
 * Grants of the engine's authorizations to groups, created once and then left to the admins; a permission a later
 * version of OpenDispute needs is added to the grant.
 */
@Component
public class Grants {

    private final AuthorizationService authorizations;

    public Grants(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    /** Grants the permissions to the group on the resource, adding those the existing grant lacks. */
    public void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        var existing = authorizations.createAuthorizationQuery()
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).list();
        var authorization = existing.isEmpty() ? authorizations.createNewAuthorization(AUTH_TYPE_GRANT) : existing.get(0);
        // A grant of an earlier version gets the permissions this one adds
        if (!existing.isEmpty() && java.util.Arrays.stream(permissions).allMatch(authorization::isPermissionGranted)) {
            return;
        }
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }
}
