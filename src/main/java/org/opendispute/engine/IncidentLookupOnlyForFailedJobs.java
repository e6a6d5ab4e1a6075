package org.opendispute.engine;

import java.util.Map;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * Each job the engine deletes (a timer that fired or was cancelled, an async step that ran) first asks the database
 * for the job's failed-job incidents, to close them. The engine opens such an incident only when a job's retries
 * reach 0, and closes it when they rise again, before the new count is set ({@code JobEntity.setRetries}): a job this
 * transaction holds with retries left has none, and the question is skipped for it. Any other job (no retries left,
 * or not held in this transaction) is asked about as before (docs/adr/0010-engine-plugins-that-skip-needless-work.md).
 */
@Component
class IncidentLookupOnlyForFailedJobs extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        Map<String, IncidentHandler> handlers = configuration.getIncidentHandlers();
        handlers.put(Incident.FAILED_JOB_HANDLER_TYPE,
                new SkipsJobsWithRetriesLeft(handlers.get(Incident.FAILED_JOB_HANDLER_TYPE)));
    }

    /** The engine's handler of failed-job incidents, asked to close them only for jobs that could have one. */
    private record SkipsJobsWithRetriesLeft(IncidentHandler engine) implements IncidentHandler {

        @Override
        public String getIncidentHandlerType() {
            return engine.getIncidentHandlerType();
        }

        @Override
        public Incident handleIncident(IncidentContext context, String message) {
            return engine.handleIncident(context, message);
        }

        @Override
        public void resolveIncident(IncidentContext context) {
            if (mayHaveIncident(context)) {
                engine.resolveIncident(context);
            }
        }

        @Override
        public void deleteIncident(IncidentContext context) {
            if (mayHaveIncident(context)) {
                engine.deleteIncident(context);
            }
        }

        /** A failed-job incident's configuration is its job's id. */
        private static boolean mayHaveIncident(IncidentContext context) {
            CommandContext command = Context.getCommandContext();
            JobEntity job = command == null || context.getConfiguration() == null ? null
                    : command.getDbEntityManager().getCachedEntity(JobEntity.class, context.getConfiguration());
            return job == null || job.getRetries() <= 0;
        }
    }
}
