package org.opendispute.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.opendispute.dispute.DisputeParties;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Before any of a user task's own complete listeners reads what was submitted, the completion is checked
 * against the store's answer to "who works this task" ({@link DisputeParties#requirePerformer}). It is part
 * of every user task without a line in the diagram, so no task of a process owner's can forget it.
 */
@Component
class TaskPerformerCheckPlugin extends AbstractProcessEnginePlugin {

    private final DisputeParties parties;

    TaskPerformerCheckPlugin(@Lazy DisputeParties parties) {
        this.parties = parties;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        TaskListener check = parties::requirePerformer;
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, check);
                List<TaskListener> onComplete = task.getTaskListeners().get(TaskListener.EVENTNAME_COMPLETE);
                onComplete.remove(onComplete.size() - 1);
                onComplete.add(0, check);
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
