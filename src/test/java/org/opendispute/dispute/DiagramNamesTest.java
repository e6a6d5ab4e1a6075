package org.opendispute.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.opendispute.support.InMemoryEngine;

/** A diagram naming a status, deadline or resolution type the code does not know is refused when deployed. */
class DiagramNamesTest {

    static ProcessEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = InMemoryEngine.shared();
    }

    @Test
    void theProductsDiagramDeploys() {
        InMemoryEngine.theDiagram(engine).deploy();
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(DisputeProcess.KEY)
                .latestVersion().singleResult().getVersion()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "'AWAITING_SELLER', 'sellerResponse'|'AWAITING_SELER', 'sellerResponse'|Task_RespondAsSeller|no DisputeStatus named AWAITING_SELER",
            "'AWAITING_SELLER', 'sellerResponse'|'AWAITING_SELLER', 'sellerRespons'|Task_RespondAsSeller|no deadline named sellerRespons",
            "${policy.returnReceipt}|${policy.returnReciept}|Timer_ReturnReceiptDue|no deadline named returnReciept",
            "stageStarted(execution, 'mediation')|stageStarted(execution, 'mediatoin')|SubProcess_Mediation|no deadline named mediatoin",
            "resolutionType == 'RESHIPMENT'|resolutionType == 'RESHIP'|Flow_Reshipment|resolutionType is never RESHIP",
            "sellerAction == 'ACCEPT'|sellerAction == 'ACCEPTS'|Flow_SellerAccepted|sellerAction is never ACCEPTS",
            "taskOpened(task, 'NEGOTIATING', null)|taskOpened(task, NEGOTIATING, null)|Task_ReviewProposal|expected a quoted name",
    })
    void aNameTheCodeDoesNotKnowStopsTheDeployment(String original, String typo, String element, String complaint) {
        String diagram = InMemoryEngine.diagramText();
        assertThat(diagram).contains(original);
        String broken = diagram.replace(original, typo);

        assertThatThrownBy(() -> engine.getRepositoryService().createDeployment()
                .addInputStream("dispute-resolution.bpmn", new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)))
                .deploy())
                .hasMessageContaining("'" + element + "'")
                .hasMessageContaining(complaint);
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(DisputeProcess.KEY).list())
                .as("only the product's own diagram was deployed").allMatch(definition -> definition.getVersion() == 1);
    }
}
