package org.opendispute.security;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.opendispute.dispute.DisputeProcess.Vars;
import org.opendispute.engine.EngineCaller;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the engine route guard asks of the engine, as the platform. Above all what a caller may submit with
 * a task or a process start: the keys of the fields of the form the diagram gives it (a process owner who
 * adds a field in Modeler adds it here too), nothing else. Deployed forms never change, so each is read
 * once per process definition.
 */
@Component
class EngineTasks {

    /** Beyond the start form: what only an integrator or an admin opening on a buyer's behalf may name. */
    static final Set<String> ON_BEHALF_OF_A_BUYER = Set.of(Vars.BUYER_ID, Vars.LINES);

    private final TaskService taskService;
    private final FormService formService;
    private final RepositoryService repositoryService;
    private final EngineCaller engineCaller;
    private final ObjectMapper json;
    private final Map<String, Set<String>> formKeys = new ConcurrentHashMap<>();

    EngineTasks(TaskService taskService, FormService formService, RepositoryService repositoryService,
                         EngineCaller engineCaller, ObjectMapper json) {
        this.taskService = taskService;
        this.formService = formService;
        this.repositoryService = repositoryService;
        this.engineCaller = engineCaller;
        this.json = json;
    }

    /** The form fields of the open task, or empty when there is no such task (the engine then answers 404). */
    Optional<Set<String>> ofTask(String taskId) {
        return engineCaller.asPlatform(() -> {
            Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
            if (task == null) {
                return Optional.empty();
            }
            return Optional.of(formKeys.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
                    any -> keysOf(() -> formService.getDeployedTaskForm(taskId))));
        });
    }

    /** The task's assignee; empty when there is no such task, "" when nobody holds it. */
    Optional<String> assignee(String taskId) {
        return engineCaller.asPlatform(() -> Optional.ofNullable(
                taskService.createTaskQuery().taskId(taskId).singleResult())
                .map(task -> task.getAssignee() == null ? "" : task.getAssignee()));
    }

    /**
     * A mediator gives back a task of the queue they hold. The engine would ask for TASK_ASSIGN, which
     * would let them reassign any task; the guard checked that they hold this one.
     */
    void giveBack(String taskId) {
        engineCaller.asPlatform(() -> {
            taskService.setAssignee(taskId, null);
            return null;
        });
    }

    /** The start form's fields of the process definition named by id or by key (its latest version). */
    Optional<Set<String>> ofStart(String definitionId, String definitionKey) {
        return engineCaller.asPlatform(() -> {
            ProcessDefinition definition = definitionId != null
                    ? repositoryService.createProcessDefinitionQuery().processDefinitionId(definitionId).singleResult()
                    : repositoryService.createProcessDefinitionQuery().processDefinitionKey(definitionKey)
                            .latestVersion().withoutTenantId().singleResult();
            if (definition == null) {
                return Optional.empty();
            }
            return Optional.of(formKeys.computeIfAbsent(definition.getId() + "#start",
                    any -> keysOf(() -> formService.getDeployedStartForm(definition.getId()))));
        });
    }

    private Set<String> keysOf(FormSource form) {
        Set<String> keys = new LinkedHashSet<>();
        try (InputStream in = form.open()) {
            collect(json.readTree(in), keys);
        } catch (IOException | RuntimeException e) {
            return Set.of(); // no Camunda Form: nothing may be submitted through the engine's routes
        }
        return Set.copyOf(keys);
    }

    private static void collect(JsonNode node, Set<String> keys) {
        for (JsonNode component : node.path("components")) {
            if (component.hasNonNull("key")) {
                keys.add(component.get("key").asText());
            }
            collect(component, keys);
        }
    }


    private interface FormSource {
        InputStream open() throws IOException;
    }
}
