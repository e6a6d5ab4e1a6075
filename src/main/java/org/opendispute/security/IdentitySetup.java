package org.opendispute.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.opendispute.dispute.Groups;
import org.opendispute.engine.ClusterLock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates the product's groups on start-up when they are missing; idempotent, one node at a time. */
@Component
class IdentitySetup {

    private final IdentityService identityService;
    private final ClusterLock clusterLock;

    IdentitySetup(IdentityService identityService, ClusterLock clusterLock) {
        this.identityService = identityService;
        this.clusterLock = clusterLock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void createGroupsOnce() {
        clusterLock.exclusively(ClusterLock.START_UP, this::createGroups);
    }

    void createGroups() {
        for (String groupId : Groups.ALL) {
            if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
                Group group = identityService.newGroup(groupId);
                group.setName(Character.toUpperCase(groupId.charAt(0)) + groupId.substring(1));
                group.setType(groupId.equals(Groups.ADMINS) ? "SYSTEM" : "WORKFLOW");
                identityService.saveGroup(group);
            }
        }
    }
}
