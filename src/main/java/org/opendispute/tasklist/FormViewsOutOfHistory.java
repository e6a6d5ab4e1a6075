package org.opendispute.tasklist;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

/**
 * History level {@code full-except-form-views}: everything of {@code full}, except the form context that
 * {@link FormContext} puts on each task. That variable is a view of the store, which keeps the audit
 * trail itself; writing its JSON into the history again at every task cost measurable throughput.
 */
@Component
class FormViewsOutOfHistory extends AbstractProcessEnginePlugin implements HistoryLevel {

    static final String NAME = "full-except-form-views";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(this);
        configuration.setCustomHistoryLevels(levels);
    }

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
        if (entity instanceof VariableInstance variable && FormContext.VARIABLE.equals(variable.getName())
                && variable.getTaskId() != null) {
            return false;
        }
        return HistoryLevel.HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
    }
}
