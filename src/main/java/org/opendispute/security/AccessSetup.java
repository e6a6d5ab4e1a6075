package org.opendispute.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.Groups;
import org.opendispute.engine.ClusterLock;
import org.opendispute.refund.PaymentGateway;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The engine's authorizations for each group (deny by default; created when missing, so an admin's later
 * changes stay; one node at a time). Tasks themselves need no grant: the engine gives a task's assignee and candidate group
 * their task permissions, so Tasklist shows each user their own tasks and the mediators their queue.
 */
@Component
class AccessSetup {

    private final Grants grants;
    private final PaymentGateway refunds;
    private final ClusterLock clusterLock;

    AccessSetup(Grants grants, PaymentGateway refunds, ClusterLock clusterLock) {
        this.grants = grants;
        this.refunds = refunds;
        this.clusterLock = clusterLock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(1) // after the groups exist
    void grantOnce() {
        clusterLock.exclusively(ClusterLock.START_UP, this::grant);
    }

    void grant() {
        for (Resource resource : Resources.values()) {
            grants.grant(Groups.ADMINS, resource, ANY, Permissions.ALL);
        }
        for (String group : new String[] {Groups.BUYERS, Groups.SELLERS, Groups.MEDIATORS}) {
            grants.grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        }
        grants.grant(Groups.BUYERS, Resources.PROCESS_DEFINITION, DisputeProcess.KEY,
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
        grants.grant(Groups.BUYERS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
        grants.grant(Groups.MEDIATORS, Resources.PROCESS_DEFINITION, DisputeProcess.KEY,
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE);
        grants.grant(Groups.INTEGRATORS, Resources.PROCESS_DEFINITION, DisputeProcess.KEY,
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY);
        if (refunds.paysThroughExternalTask()) {
            // The marketplace's payment service fetches, completes and refuses the refund's external task; the
            // route guard lets integrators use no other write route of the engine, and checks what they send.
            grants.ensure(Groups.INTEGRATORS, Resources.PROCESS_DEFINITION, DisputeProcess.KEY,
                    ProcessDefinitionPermissions.UPDATE_INSTANCE);
        }
    }
}
