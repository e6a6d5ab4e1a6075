package org.opendispute.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.opendispute.dispute.DiagramNames;

/**
 * A Camunda engine on an in-memory H2 database, without Spring: beans the diagram names resolve to what
 * a test registers with {@code Mocks.register}. Starts in well under a second, for tests of the diagram's
 * routing and of what a deployment accepts.
 */
public final class InMemoryEngine {

    private static ProcessEngine shared;

    private InMemoryEngine() {
    }

    /**
     * One engine for every test class of the run, with the product's deploy-time check of the diagram's names
     * ({@link DiagramNames}): building an engine costs more than all the tests on it. Each test deploys what it
     * needs and leaves no process instance behind.
     */
    public static synchronized ProcessEngine shared() {
        if (shared == null) {
            shared = start("in-memory", new DiagramNames());
        }
        return shared;
    }

    private static ProcessEngine start(String name, ProcessEnginePlugin... plugins) {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate("create-drop");
        configuration.setJobExecutorActivate(false);
        configuration.setHistory("full");
        configuration.setDbMetricsReporterActivate(false);
        configuration.setMetricsEnabled(false);
        configuration.setExpressionManager(new MockExpressionManager());
        configuration.setProcessEnginePlugins(List.of(plugins));
        return configuration.buildProcessEngine();
    }

    /** The product's diagram and decision table, as the application deploys them; once however often asked. */
    public static DeploymentBuilder theDiagram(ProcessEngine engine) {
        return engine.getRepositoryService().createDeployment().name("opendispute").enableDuplicateFiltering(false)
                .addInputStream("dispute-resolution.bpmn", read("bpmn/dispute-resolution.bpmn"))
                .addInputStream("platform-proposal.dmn", read("bpmn/platform-proposal.dmn"));
    }

    public static String diagramText() {
        try {
            return Files.readString(Path.of("bpmn/dispute-resolution.bpmn"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.io.InputStream read(String path) {
        try {
            return Files.newInputStream(Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
