package org.opendispute.engine;

import java.util.List;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.opendispute.dispute.DisputeParties;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Before any of a user task's own complete listeners reads what was submitted, the completion is checked
 * against the store's answer to "who works this task" ({@link DisputeParties#requirePerformer}).
 */
@Component
class TaskPerformerCheckPlugin extends UserTaskPlugin {

    private final TaskListener check;

    TaskPerformerCheckPlugin(@Lazy DisputeParties parties) {
        this.check = parties::requirePerformer;
    }

    @Override
    protected void extend(TaskDefinition task) {
        task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, check);
        List<TaskListener> onComplete = task.getTaskListeners().get(TaskListener.EVENTNAME_COMPLETE);
        onComplete.remove(onComplete.size() - 1);
        onComplete.add(0, check);
    }
}
