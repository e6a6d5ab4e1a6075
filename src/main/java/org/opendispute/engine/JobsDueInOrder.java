package org.opendispute.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * The job executor takes due jobs in the order they fell due (docs/adr/0009-job-executor-settings.md): every job
 * has a due date, an async step's being when it was written ({@code ensure-job-due-date-not-null}), and each look
 * reads the index on due dates from the oldest ({@code job-executor-acquire-by-due-date}). The engine then no
 * longer takes jobs without a due date, which an earlier version wrote for every refund: at each start (a node of
 * that version may still have written some) they get the time they were written as their due date. The revision is
 * left alone, so a node that runs such a job meanwhile still completes it.
 */
@Component
class JobsDueInOrder extends AbstractProcessEnginePlugin {

    private final ClusterLock lock;

    JobsDueInOrder(ClusterLock lock) {
        this.lock = lock;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        if (!configuration.isEnsureJobDueDateNotNull()) {
            return;
        }
        String jobs = engine.getManagementService().getTableName(JobEntity.class);
        lock.exclusively("job-due-dates", () -> {
            try (Connection connection = configuration.getDataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.executeUpdate("UPDATE " + jobs + " SET DUEDATE_ = COALESCE(CREATE_TIME_, CURRENT_TIMESTAMP)"
                        + " WHERE DUEDATE_ IS NULL");
            } catch (SQLException e) {
                throw new ProcessEngineException("Could not give the jobs without a due date one", e);
            }
        });
    }
}
