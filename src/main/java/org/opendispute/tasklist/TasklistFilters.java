package org.opendispute.tasklist;

import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.opendispute.dispute.Groups;
import org.opendispute.engine.ClusterLock;
import org.opendispute.security.Grants;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters staff start from, created when missing (so a restart changes nothing and a filter
 * an admin edited stays as edited): the mediation queue oldest first, what is overdue, and my tasks.
 */
@Component
class TasklistFilters {

    static final String MEDIATION_QUEUE = "Mediation queue";
    static final String OVERDUE = "Overdue";
    static final String MY_TASKS = "My tasks";

    private final FilterService filterService;
    private final TaskService taskService;
    private final Grants grants;
    private final ClusterLock clusterLock;

    TasklistFilters(FilterService filterService, TaskService taskService, Grants grants, ClusterLock clusterLock) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.grants = grants;
        this.clusterLock = clusterLock;
    }

    /** One node at a time: each filter is created when no filter of its name exists. */
    @EventListener(ApplicationReadyEvent.class)
    void createFiltersOnce() {
        clusterLock.exclusively(ClusterLock.START_UP, this::createFilters);
    }

    void createFilters() {
        TaskQuery queue = taskService.createTaskQuery().taskCandidateGroup(Groups.MEDIATORS)
                .includeAssignedTasks().orderByTaskPriority().desc().orderByTaskCreateTime().asc();
        create(MEDIATION_QUEUE, queue, -10, "#1f6feb", "Disputes waiting for a mediator; overdue ones first, then oldest first",
                Groups.MEDIATORS);
        TaskQuery overdue = taskService.createTaskQuery().dueBeforeExpression("${now()}")
                .orderByDueDate().asc();
        create(OVERDUE, overdue, -5, "#d1242f", "Tasks whose deadline has passed", Groups.MEDIATORS);
        TaskQuery mine = taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")
                .orderByDueDate().asc();
        create(MY_TASKS, mine, 0, "#2da44e", "Tasks assigned to me, nearest deadline first", Groups.BUYERS,
                Groups.SELLERS, Groups.MEDIATORS);
    }

    private void create(String name, TaskQuery query, int priority, String color, String description,
                        String... readers) {
        if (filterService.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        Filter filter = filterService.newTaskFilter(name)
                .setQuery(query)
                .setProperties(Map.of("priority", priority, "color", color, "description", description,
                        "refresh", true));
        filterService.saveFilter(filter);
        for (String group : readers) {
            grants.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }
}
