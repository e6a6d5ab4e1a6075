package org.opendispute.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * Indexes the engine does not create, for questions asked all the time; without them each reads the whole
 * table, which grows with the number of open disputes (docs/adr/0008-extra-engine-indexes.md):
 * <ul>
 * <li>the job executor asks every half second for due jobs, and with each question which process instances hold a
 * locked exclusive job (few at any time: a partial index of those);</li>
 * <li>completing or deleting a task first looks for its subtasks;</li>
 * <li>every answer of our API looks up the messages a dispute's process waits for.</li>
 * </ul>
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    private final ClusterLock lock;

    EngineIndexes(ClusterLock lock) {
        this.lock = lock;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ManagementService management = engine.getManagementService();
        lock.exclusively("engine-indexes", () -> {
            create(engine, "ACT_IDX_JOB_DUEDATE", management.getTableName(JobEntity.class), "DUEDATE_");
            create(engine, "ACT_IDX_TASK_PARENT", management.getTableName(TaskEntity.class), "PARENT_TASK_ID_");
            create(engine, "ACT_IDX_EVENT_SUBSCR_PROCINST", management.getTableName(EventSubscriptionEntity.class),
                    "PROC_INST_ID_");
            create(engine, "ACT_IDX_JOB_LOCKED_EXCLUSIVE", management.getTableName(JobEntity.class),
                    "PROCESS_INSTANCE_ID_", "EXCLUSIVE_ AND LOCK_OWNER_ IS NOT NULL");
        });
    }

    /**
     * On PostgreSQL concurrently, so that adding an index to a live system's big table blocks no writer; an index
     * left invalid by an interrupted build is built again.
     */
    private static void create(ProcessEngine engine, String name, String table, String column) {
        create(engine, name, table, column, null);
    }

    /**
     * A partial index ({@code where}) on PostgreSQL only: H2, one node's embedded database, has none, and there the
     * question it answers stays a scan of a small table.
     */
    private static void create(ProcessEngine engine, String name, String table, String column, String where) {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        try (Connection connection = configuration.getDataSource().getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            if (!postgres) {
                if (where == null) {
                    statement.execute("CREATE INDEX IF NOT EXISTS " + name + " ON " + table + " (" + column + ")");
                }
                return;
            }
            try (ResultSet invalid = statement.executeQuery("SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " WHERE c.relname = '" + name.toLowerCase() + "' AND NOT i.indisvalid")) {
                if (invalid.next()) {
                    statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + name);
                }
            }
            statement.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON " + table + " (" + column + ")"
                    + (where == null ? "" : " WHERE " + where));
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not create the index " + name + " on " + table, e);
        }
    }
}
