package org.opendispute.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Component;

/** Grants of the engine's authorizations to groups, created once and then left to the admins. */
@Component
public class Grants {

    private final AuthorizationService authorizations;

    public Grants(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    /** Grants the permissions to the group on the resource, once: an admin's later changes to the grant stay. */
    public void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        if (existing(group, resource, resourceId).isEmpty()) {
            save(authorizations.createNewAuthorization(AUTH_TYPE_GRANT), group, resource, resourceId, permissions);
        }
    }

    /**
     * Adds a permission that a configured feature needs (the marketplace paying refunds through the external task)
     * to the group's grant, whatever an earlier version created; the grant's other permissions stay as they are.
     */
    public void ensure(String group, Resource resource, String resourceId, Permission permission) {
        var grant = existing(group, resource, resourceId);
        if (grant.isEmpty()) {
            save(authorizations.createNewAuthorization(AUTH_TYPE_GRANT), group, resource, resourceId, permission);
        } else if (!grant.get().isPermissionGranted(permission)) {
            save(grant.get(), group, resource, resourceId, permission);
        }
    }

    private java.util.Optional<org.camunda.bpm.engine.authorization.Authorization> existing(String group,
                                                                                         Resource resource,
                                                                                         String resourceId) {
        return authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceType(resource).resourceId(resourceId).list().stream().findFirst();
    }

    private void save(org.camunda.bpm.engine.authorization.Authorization authorization, String group,
                      Resource resource, String resourceId, Permission... permissions) {
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }
}
