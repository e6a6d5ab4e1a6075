package org.opendispute.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.historycleanup.HistoryCleanupJobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.historycleanup.HistoryCleanupJobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * History cleanup that leaves the marketplace its machine (docs/adr/0018-nightly-history-cleanup.md). After a full
 * batch the engine runs the next one at once, so while expired history is left a job executor thread and the
 * database's deletes work back to back. This runs the engine's own cleanup and then, when the engine has made the
 * next batch due at once, moves it back by the time the batch took times {@code disputes.history.cleanup-pause}:
 * at 1, the cleanup works half of the time. Batches that were not full, and the window's end, keep the engine's own
 * schedule.
 */
@Component
class PacedHistoryCleanup extends AbstractProcessEnginePlugin {

    private final double pause;

    PacedHistoryCleanup(@Value("${disputes.history.cleanup-pause:1}") double pause) {
        this.pause = pause;
    }

    @Override
    @SuppressWarnings("rawtypes") // the engine's own list
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // A custom handler of the engine's type replaces the engine's own
        List<JobHandler> handlers = configuration.getCustomJobHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomJobHandlers());
        if (pause > 0) {
            handlers.add(new PacedHandler(pause));
        }
        configuration.setCustomJobHandlers(handlers);
    }

    static final class PacedHandler extends HistoryCleanupJobHandler {

        private final double pause;

        PacedHandler(double pause) {
            this.pause = pause;
        }

        @Override
        public void execute(HistoryCleanupJobHandlerConfiguration configuration, ExecutionEntity execution,
                            CommandContext commandContext, String tenantId) {
            long started = System.nanoTime();
            super.execute(configuration, execution, commandContext, tenantId);
            String jobId = commandContext.getCurrentJob().getId();
            CommandExecutor newTransaction = commandContext.getProcessEngineConfiguration()
                    .getCommandExecutorTxRequiresNew();
            // Registered after the engine's own listener, which reschedules the job once this transaction committed.
            // The batch took until then: its deletes are flushed with the commit.
            commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                    committed -> newTransaction.execute(context -> {
                        Duration took = Duration.ofNanos(System.nanoTime() - started);
                        JobEntity job = context.getJobManager().findJobById(jobId);
                        Date now = ClockUtil.getCurrentTime();
                        if (job != null && job.getDuedate() != null && !job.getDuedate().after(now)) {
                            long pauseMillis = Math.max(1, Math.round(took.toMillis() * pause));
                            context.getJobManager().reschedule(job, new Date(now.getTime() + pauseMillis));
                        }
                        return null;
                    }));
        }
    }
}
