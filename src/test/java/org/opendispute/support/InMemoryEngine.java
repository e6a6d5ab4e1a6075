package org.opendispute.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;

/**
 * A Camunda engine on an in-memory H2 database, without Spring: beans the diagram names resolve to what
 * a test registers with {@code Mocks.register}. Starts in well under a second, for tests of the diagram's
 * routing and of what a deployment accepts.
 */
public final class InMemoryEngine {

    private static final AtomicInteger ENGINES = new AtomicInteger();

    private InMemoryEngine() {
    }

    public static ProcessEngine start(ProcessEnginePlugin... plugins) {
        String name = "in-memory-" + ENGINES.incrementAndGet();
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate("create-drop");
        configuration.setJobExecutorActivate(false);
        configuration.setHistory("full");
        configuration.setExpressionManager(new MockExpressionManager());
        configuration.setProcessEnginePlugins(List.of(plugins));
        return configuration.buildProcessEngine();
    }

    /** The product's diagram and decision table, as the application deploys them. */
    public static DeploymentBuilder theDiagram(ProcessEngine engine) {
        return engine.getRepositoryService().createDeployment()
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
