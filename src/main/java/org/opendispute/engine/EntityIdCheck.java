package org.opendispute.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManagerFactory;
import org.springframework.stereotype.Component;

/**
 * Before every insert the engine checks the entity's id with a message that prints the whole entity, built
 * even when the id is fine: a history event's {@code toString()} formats its dates with time-zone names,
 * a measurable share of the CPU (docs/adr/0010-engine-plugins-that-skip-needless-work.md). This entity manager
 * builds that message only for an id that fails.
 */
@Component
class EntityIdCheck extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.getSessionFactories().put(DbEntityManager.class,
                new DbEntityManagerFactory(configuration.getIdGenerator()) {
                    @Override
                    public DbEntityManager openSession() {
                        return new CheckingOnlyFailures(idGenerator,
                                Context.getCommandContext().getSession(PersistenceSession.class));
                    }
                });
    }

    private static final class CheckingOnlyFailures extends DbEntityManager {

        CheckingOnlyFailures(IdGenerator idGenerator, PersistenceSession session) {
            super(idGenerator, session);
        }

        @Override
        protected void validateId(DbEntity entity) {
            String id = entity.getId();
            if (id == null || "*".equals(id)) {
                super.validateId(entity);
            }
        }
    }
}
