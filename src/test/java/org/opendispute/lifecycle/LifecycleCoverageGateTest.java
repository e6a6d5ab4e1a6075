package org.opendispute.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The lifecycle suite, stage by stage ({@code *LifecycleTest}), walks every flow node and sequence flow of the
 * diagram: below 100% the build fails. Runs after the stages ({@code GatesLast}) and reads what the process
 * test coverage recorded for them in this run.
 */
class LifecycleCoverageGateTest {

    static final Path REPORTS = Path.of("target/process-test-coverage");

    @Test
    void theLifecycleSuiteWalksTheWholeDiagram() throws IOException {
        List<Path> stages = reportsOfThisRun();
        assertThat(stages).as("the *LifecycleTest stages' coverage reports of this run (run the suite, not the gate"
                + " alone)").hasSizeGreaterThanOrEqualTo(5);
        Set<String> walked = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (Path report : stages) {
            for (JsonNode events : json.readTree(report.toFile()).findValues("events")) {
                for (JsonNode event : events) {
                    if (DisputeProcess.KEY.equals(event.path("modelKey").asText())) {
                        walked.add(event.path("definitionKey").asText());
                    }
                }
            }
        }
        BpmnModelInstance diagram = Bpmn.readModelFromFile(Path.of("bpmn/dispute-resolution.bpmn").toFile());
        Set<String> elements = Stream.concat(diagram.getModelElementsByType(FlowNode.class).stream(),
                        diagram.getModelElementsByType(SequenceFlow.class).stream())
                .map(FlowElement::getId).collect(Collectors.toCollection(TreeSet::new));

        elements.removeAll(walked);
        assertThat(elements).as("elements of the diagram no lifecycle test walks").isEmpty();
    }

    private static List<Path> reportsOfThisRun() throws IOException {
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        if (!Files.isDirectory(REPORTS)) {
            return List.of();
        }
        try (Stream<Path> suites = Files.list(REPORTS)) {
            return suites.filter(suite -> suite.getFileName().toString().endsWith("LifecycleTest"))
                    .map(suite -> suite.resolve("report.json"))
                    .filter(Files::isRegularFile)
                    .filter(report -> report.toFile().lastModified() >= started)
                    .toList();
        }
    }
}
