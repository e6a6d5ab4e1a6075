package org.opendispute.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.stereotype.Component;

/**
 * History level {@code full-except-routine-job-log}: everything of {@code full} (every activity, task,
 * variable change, decision, incident and operation of each dispute), and of the job log only the failures.
 * Each timer and async step of a dispute also wrote a job-log row when it was created, and another when it
 * ran or was deleted, each first reading its job definition and a batch, for what the activity history
 * already says (the timer fired, the refund ran). A failing job keeps its log entry, with its stack trace,
 * and ends as an incident (docs/adr/0006-history-level-without-routine-job-log.md).
 */
@Component
class RoutineJobLogOutOfHistory extends AbstractProcessEnginePlugin implements HistoryLevel {

    static final String NAME = "full-except-routine-job-log";
    private static final Set<HistoryEventType> ROUTINE_JOB_LOG = Set.of(
            HistoryEventTypes.JOB_CREATE, HistoryEventTypes.JOB_SUCCESS, HistoryEventTypes.JOB_DELETE);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(this);
        configuration.setCustomHistoryLevels(levels);
    }

    /** The id databases of earlier versions already hold, so that they start without a migration. */
    @Override
    public int getId() {
        return 31;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        return !ROUTINE_JOB_LOG.contains(eventType)
                && HistoryLevel.HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
    }
}
