package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;

/**
 * Every wait state of the diagram ends: each user task, receive task, message catch event and external task has a
 * deadline timer that interrupts it, on itself or on a scope around it. The few that deliberately wait on a
 * person or a system are listed here, each with the reason, so that a new one is a decision, not an accident.
 */
class WaitStatesEndTest {

    /** Wait states without a deadline of their own, and why. */
    static final Map<String, String> DELIBERATE = Map.of(
            "Task_Mediate", "The staff's queue: the mediation's deadline flags it overdue and sorts it first"
                    + " (Timer_MediationOverdue, non-interrupting); a mediator decides, the platform does not.",
            "Task_MarketplacePaysRefund", "The marketplace's payment service owns it: it completes, fails it"
                    + " (retries, then an incident in Cockpit) or refuses it; an open one is visible in Cockpit.");

    final BpmnModelInstance diagram = Bpmn.readModelFromFile(Path.of("bpmn/dispute-resolution.bpmn").toFile());

    @Test
    void everyWaitStateHasADeadlineOrIsADeliberateException() {
        List<String> waitingForever = new ArrayList<>();
        for (FlowNode node : diagram.getModelElementsByType(FlowNode.class)) {
            if (isWaitState(node) && !DELIBERATE.containsKey(node.getId()) && !endsByATimer(node)) {
                waitingForever.add(node.getId());
            }
        }
        assertThat(waitingForever).as("wait states with neither a deadline timer nor a written reason").isEmpty();
    }

    @Test
    void theDeliberateExceptionsAreStillInTheDiagram() {
        assertThat(DELIBERATE.keySet()).allSatisfy(id -> assertThat(isWaitState(diagram.getModelElementById(id)))
                .as(id + " is a wait state of the diagram").isTrue());
    }

    static boolean isWaitState(ModelElementInstance node) {
        if (node instanceof UserTask || node instanceof ReceiveTask) {
            return true;
        }
        if (node instanceof IntermediateCatchEvent catchEvent) {
            return !catchEvent.getEventDefinitions().isEmpty()
                    && catchEvent.getEventDefinitions().stream().noneMatch(TimerEventDefinition.class::isInstance);
        }
        return node instanceof ServiceTask task && "external".equals(task.getCamundaType());
    }

    /** An interrupting timer on the node or on a scope around it, or a timer racing it after an event gateway. */
    boolean endsByATimer(FlowNode node) {
        for (ModelElementInstance scope = node; scope instanceof FlowElement element; scope = scope.getParentElement()) {
            if (hasInterruptingTimer(element)) {
                return true;
            }
            if (!(scope.getParentElement() instanceof SubProcess)) {
                break;
            }
        }
        return node.getIncoming().stream().map(flow -> flow.getSource())
                .filter(org.camunda.bpm.model.bpmn.instance.EventBasedGateway.class::isInstance)
                .flatMap(gateway -> gateway.getOutgoing().stream().map(flow -> flow.getTarget()))
                .anyMatch(alternative -> alternative instanceof IntermediateCatchEvent event
                        && event.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance));
    }

    boolean hasInterruptingTimer(FlowElement element) {
        return diagram.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(boundary -> boundary.getAttachedTo() == element && boundary.cancelActivity())
                .anyMatch(boundary -> boundary.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance));
    }
}
