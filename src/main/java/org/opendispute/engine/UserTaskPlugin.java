package org.opendispute.engine;

import java.util.List;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * An engine plugin that gives every user task of every deployed diagram something of the product's
 * (a check, a form field) without a line in the diagram: no task of a process owner's can forget it.
 * Subclasses see only {@link UserTask}, never the engine's internals.
 */
public abstract class UserTaskPlugin extends AbstractProcessEnginePlugin {

    /** What a plugin may add to a user task as its diagram is parsed. */
    public interface UserTask {

        /** Runs before the task's own complete listeners, so it sees the completion before they read it. */
        void checkFirstOnComplete(TaskListener check);

        /** A read-only field answered among the task's form variables, built when they are read. */
        void addFormField(Function<DelegateTask, FormField> field);
    }

    /** Called once for each user task as its diagram is parsed, after the diagram's own definitions. */
    protected abstract void extend(UserTask task);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        ParseListeners.addAfter(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                extend(new ParsedUserTask(((UserTaskActivityBehavior) activity.getActivityBehavior())
                        .getTaskDefinition()));
            }
        });
    }

    private record ParsedUserTask(TaskDefinition definition) implements UserTask {

        @Override
        public void checkFirstOnComplete(TaskListener check) {
            definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, check);
            List<TaskListener> onComplete = definition.getTaskListeners().get(TaskListener.EVENTNAME_COMPLETE);
            onComplete.remove(onComplete.size() - 1);
            onComplete.add(0, check);
        }

        @Override
        public void addFormField(Function<DelegateTask, FormField> field) {
            definition.setTaskFormHandler(new ExtraFormFieldHandler(definition.getTaskFormHandler(), field));
        }
    }
}
