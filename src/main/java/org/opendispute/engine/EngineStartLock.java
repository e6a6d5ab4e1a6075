package org.opendispute.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Nodes that start together on a fresh database build their engines one after another: the engine creates its
 * tables when they are missing and the starter its first admin user when it is missing, each by check-then-create,
 * which two nodes at once would both do. The last plugin: it takes the lock after every other plugin prepared the
 * configuration and gives it back after every other one finished with the built engine.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class EngineStartLock extends AbstractProcessEnginePlugin {

    static final String NAME = "engine-start";

    private final ClusterLock lock;
    private ClusterLock.Held held;

    EngineStartLock(ClusterLock lock) {
        this.lock = lock;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        held = lock.hold(NAME);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        if (held != null) {
            held.close();
            held = null;
        }
    }
}
