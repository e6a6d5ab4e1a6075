package org.opendispute.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeOpening;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.Groups;
import org.opendispute.dispute.OpeningRequest;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.evidence.EvidenceStore;
import org.opendispute.order.Order;
import org.opendispute.order.OrderStore;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestOrders;
import org.opendispute.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A mediator's day in Tasklist, in headless Chromium (tools/e2e/tasklist.mjs): log in, open the mediation
 * queue and a task, see the evidence and the suggested proposal, complete the form; then the process has
 * moved on to the buyer's decision. Screenshots land in target/e2e-screenshots.
 */
@PostgresTest
class TasklistBrowserTest {

    static final Path SCRIPT_DIR = Path.of("tools/e2e");
    static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired OrderStore orders;
    @Autowired EvidenceStore evidence;
    @Autowired DisputeOpening opening;
    @Autowired DisputeStore disputes;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;

    @Test
    void aMediatorWorksTheQueueInTasklist() throws Exception {
        String mediator = TestUsers.ensure(identityService,
                "e2emediator" + UUID.randomUUID().toString().replace("-", "").substring(0, 8), Groups.MEDIATORS);
        // Without any administrator the webapps send everyone to the initial-user setup page.
        TestUsers.ensure(identityService, "e2eadmin", Groups.ADMINS);
        Dispute dispute = disputeInMediation();

        Path screenshots = Path.of("target/e2e-screenshots");
        Files.createDirectories(screenshots);
        Path output = screenshots.resolve("run.log");
        int exit = runScript(mediator, dispute.id(), screenshots.toAbsolutePath(), output);

        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exit).as("tools/e2e/tasklist.mjs said:\n" + log).isZero();
        assertThat(log).contains("\"ok\":true");
        assertThat(disputes.get(dispute.id()).status()).isEqualTo(DisputeStatus.AWAITING_BUYER_DECISION);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(dispute.id())
                .taskDefinitionKey(DisputeProcess.Elements.CHOOSE_PROPOSAL).count()).isEqualTo(1);
        assertThat(screenshots.resolve("03-form-checked.png")).exists();
    }

    private int runScript(String mediator, String disputeId, Path screenshots, Path output)
            throws IOException, InterruptedException {
        requireTooling();
        ProcessBuilder builder = new ProcessBuilder("node", "tasklist.mjs")
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(Map.of(
                "BASE_URL", "http://localhost:" + port,
                "MEDIATOR_USER", mediator,
                "MEDIATOR_PASSWORD", TestUsers.PASSWORD,
                "DISPUTE_ID", disputeId,
                "SCREENSHOT_DIR", screenshots.toString()));
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The browser test did not finish within 120 s");
        }
        return process.exitValue();
    }

    /** Chromium from Debian and the script's npm packages; installed by .ci/run, else a clear failure. */
    private static void requireTooling() throws IOException, InterruptedException {
        assertThat(new File("/usr/bin/chromium")).as("Chromium is missing: apt-get install -y chromium").exists();
        if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules"))) {
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(SCRIPT_DIR.toFile()).inheritIO().start();
            assertThat(install.waitFor(180, TimeUnit.SECONDS) && install.exitValue() == 0)
                    .as("npm ci in tools/e2e failed").isTrue();
        }
    }

    /** A dispute escalated to mediation, with the buyer's photo as evidence. */
    private Dispute disputeInMediation() {
        Order order = TestOrders.shippedDaysAgo(Instant.now(), 12);
        orders.save(order);
        String photo = evidence.upload(order.buyerId(), null, "photo.png", PNG).id();
        Dispute dispute = opening.open(new OpeningRequest(order.orderId(), order.buyerId(), Reason.DAMAGED,
                "The lamp arrived in pieces.", List.of(), ResolutionType.FULL_REFUND, null, List.of(photo)));
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(dispute.id()).singleResult()
                .getId(), Map.of("sellerAction", "REFUSE", "sellerReason", "Packed with care"));
        runtimeService.correlateMessage(DisputeProcess.Messages.BUYER_ESCALATES, dispute.id());
        return dispute;
    }
}
