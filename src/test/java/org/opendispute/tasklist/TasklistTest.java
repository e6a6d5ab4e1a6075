package org.opendispute.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeCalendar;
import org.opendispute.dispute.DisputeIds;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.OpeningRequest;
import org.opendispute.dispute.OpeningVariables;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.SellerAction;
import org.opendispute.dispute.TaskCommand;
import org.opendispute.order.Order;
import org.opendispute.order.OrderStore;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestOrders;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What staff see in Tasklist: forms wired to every user task, their context, the filters. */
@PostgresTest
class TasklistTest {

    /** Per form: the fields the process reads from it (what the listeners after each task need). */
    static final Map<String, Set<String>> FIELDS_THE_PROCESS_READS = Map.of(
            "open-dispute", Set.of("orderId", "reason", "description", "requestedType", "requestedAmount"),
            "seller-response", Set.of("sellerAction", "proposalType", "proposalAmount", "sellerReason"),
            "review-proposal", Set.of("buyerVerdict"),
            "mediate", Set.of("mediatorAction", "informationFrom", "informationQuestion", "platformProposalType",
                    "platformProposalAmount", "overrideJustification"),
            "provide-information", Set.of("informationAnswer"),
            "choose-proposal", Set.of("choice"),
            "ship-return", Set.of("returnCarrier", "returnTrackingNumber"),
            "confirm-return-receipt", Set.of("returnCondition"),
            "reship", Set.of("reshipCarrier", "reshipTrackingNumber"));

    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired FormService formService;
    @Autowired FilterService filterService;
    @Autowired TasklistFilters filters;
    @Autowired OrderStore orders;
    @Autowired OpeningVariables openingVariables;
    @Autowired DisputeCalendar calendar;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void everyUserTaskAndTheStartHaveADeployedFormWithTheFieldsTheProcessReads() throws IOException {
        BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("bpmn/dispute-resolution.bpmn").toFile());
        Collection<UserTask> userTasks = model.getModelElementsByType(UserTask.class);
        assertThat(userTasks).hasSize(9);
        List<String> formRefs = new java.util.ArrayList<>();
        for (UserTask task : userTasks) {
            assertThat(task.getCamundaFormRef()).as(task.getId()).isNotBlank();
            assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment");
            formRefs.add(task.getCamundaFormRef());
        }
        StartEvent start = model.getModelElementById("StartEvent_DisputeOpened");
        formRefs.add(start.getCamundaFormRef());

        ProcessDefinition process = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(DisputeProcess.KEY).latestVersion().singleResult();
        Map<String, String> deployedForms = repositoryService.getDeploymentResources(process.getDeploymentId()).stream()
                .filter(resource -> resource.getName().endsWith(".form"))
                .collect(Collectors.toMap(this::formId, Resource::getName));

        assertThat(FIELDS_THE_PROCESS_READS.keySet()).containsExactlyInAnyOrderElementsOf(Set.copyOf(formRefs));
        for (String formRef : formRefs) {
            Path file = Path.of("forms", formRef + ".form");
            assertThat(file).as(formRef).exists();
            JsonNode form = json.readTree(file.toFile());
            assertThat(form.get("id").asText()).isEqualTo(formRef);
            assertThat(deployedForms).as("deployed with the diagram").containsKey(formRef);
            assertThat(keys(form)).as(formRef).containsAll(FIELDS_THE_PROCESS_READS.get(formRef));
        }
    }

    @Test
    void aTaskOpensWithADeadlineAReadableNameAndItsFormContextFromTheStore() {
        Order order = TestOrders.shippedDaysAgo(java.time.Instant.now(), 12);
        orders.save(order);
        ProcessInstance pi = runtimeService.startProcessInstanceByKey(DisputeProcess.KEY, DisputeIds.next(),
                openingVariables.write(new OpeningRequest(order.orderId(), order.buyerId(), Reason.NOT_RECEIVED,
                        "Never arrived", List.of(), ResolutionType.FULL_REFUND, null, List.of())));
        Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();

        assertThat(task.getName()).isEqualTo("Respond to the dispute · " + pi.getBusinessKey() + " · NOT_RECEIVED");
        assertThat(task.getDueDate()).isNotNull();
        // Tasklist reads it among the form's variables; nothing of it is stored with the task
        assertThat(taskService.getVariablesLocal(task.getId())).doesNotContainKey(FormContext.VARIABLE);
        JsonValue context = formService.getTaskFormVariables(task.getId()).getValueTyped(FormContext.VARIABLE);
        JsonNode dispute = json.valueToTree(json.convertValue(context.getValue().mapTo(Map.class), Map.class));
        assertThat(dispute.get("id").asText()).isEqualTo(pi.getBusinessKey());
        assertThat(dispute.get("refundable").asText()).isEqualTo("105.00");
        assertThat(dispute.get("lines")).hasSize(2);
        assertThat(dispute.get("lines").findValuesAsText("title")).containsExactlyInAnyOrder("Mug", "Lamp");
        assertThat(dispute.get("deadlineLabel").asText()).startsWith("Answer before ");
        assertThat(dispute.has("refundExpectedLabel")).as("the seller's form").isFalse();

        taskService.complete(task.getId(), TaskCommand.of(DisputeProcess.Fields.SELLER_ACTION, SellerAction.PROPOSE)
                .and(DisputeProcess.Fields.PROPOSAL_TYPE, ResolutionType.PARTIAL_REFUND)
                .and(DisputeProcess.Fields.PROPOSAL_AMOUNT, new java.math.BigDecimal("20.00")).variables());
        Task review = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        JsonNode buyersView = json.valueToTree(json.convertValue(formService.getTaskFormVariables(review.getId())
                .<JsonValue>getValueTyped(FormContext.VARIABLE).getValue().mapTo(Map.class), Map.class));
        String expected = calendar.refundArrival(java.time.Instant.now())
                .format(java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH));
        assertThat(buyersView.get("refundExpectedLabel").asText()).as("the buyer's form, holidays counted")
                .isEqualTo("A refund agreed today reaches you by " + expected + " (15 business days).");
    }

    @Test
    void theFiltersExistOnceEvenAfterARestart() {
        filters.createFilters();
        for (String name : List.of(TasklistFilters.MEDIATION_QUEUE, TasklistFilters.OVERDUE, TasklistFilters.MY_TASKS)) {
            assertThat(filterService.createFilterQuery().filterName(name).count()).as(name).isEqualTo(1);
        }
    }

    private String formId(Resource resource) {
        try (InputStream in = repositoryService.getResourceAsStream(resource.getDeploymentId(), resource.getName())) {
            return json.readTree(in).get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new java.util.HashSet<>();
        if (node.has("key")) {
            keys.add(node.get("key").asText());
        }
        node.forEach(child -> keys.addAll(keys(child)));
        return keys;
    }
}
