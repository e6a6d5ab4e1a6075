package org.opendispute.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.task.Task;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.Party;
import org.opendispute.negotiation.ProposalStore;

import org.springframework.stereotype.Component;

/**
 * What the caller can do to a dispute now, asked of the engine (open tasks, message subscriptions), never
 * of a status field: the diagram decides what happens next.
 */
@Component
class AllowedActions {

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final ProposalStore proposals;
    private final String tasksOfProcessInstance;

    AllowedActions(TaskService taskService, RuntimeService runtimeService, ManagementService managementService,
                   ProposalStore proposals) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.proposals = proposals;
        // A native query: the engine's task query evaluates its many optional criteria on every call,
        // which made it the costliest part of answering a request (benchmark, docs/performance.md).
        this.tasksOfProcessInstance = "SELECT * FROM " + managementService.getTableName(Task.class)
                + " WHERE PROC_INST_ID_ = #{processInstanceId}";
    }

    List<AllowedAction> of(Dispute dispute, Caller caller) {
        if (dispute.processInstanceId() == null || !dispute.status().isActive()) {
            return List.of();
        }
        Role role = caller.roleFor(dispute);
        List<Task> tasks = openTasks(dispute);
        Set<String> messages = runtimeService.createEventSubscriptionQuery()
                .processInstanceId(dispute.processInstanceId())
                .eventType("message")
                .list().stream()
                .map(EventSubscription::getEventName)
                .collect(Collectors.toSet());
        List<AllowedAction> allowed = new ArrayList<>();
        for (Action action : Action.values()) {
            if (!action.permits(role)) {
                continue;
            }
            if (action.completesTask()) {
                taskFor(action, tasks, caller, role, dispute)
                        .ifPresent(task -> allowed.add(new AllowedAction(action,
                                task.getDueDate() == null ? null : task.getDueDate().toInstant())));
            } else if (action.message() == null || messages.contains(action.message())) {
                allowed.add(new AllowedAction(action, null));
            }
        }
        return allowed;
    }

    Optional<Task> taskFor(Action action, List<Task> tasks, Caller caller, Role role, Dispute dispute) {
        return tasks.stream()
                .filter(task -> action.completes(task.getTaskDefinitionKey()))
                .filter(task -> role == Role.ADMIN || caller.userId().equals(task.getAssignee()))
                .filter(task -> action != Action.ACCEPT_PROPOSAL
                        || proposals.open(dispute.id(), Party.SELLER).isPresent())
                .findFirst();
    }

    Optional<Task> openTask(Dispute dispute, Action action, Caller caller) {
        return taskFor(action, openTasks(dispute), caller, caller.roleFor(dispute), dispute);
    }

    private List<Task> openTasks(Dispute dispute) {
        return taskService.createNativeTaskQuery().sql(tasksOfProcessInstance)
                .parameter("processInstanceId", dispute.processInstanceId())
                .list();
    }
}
