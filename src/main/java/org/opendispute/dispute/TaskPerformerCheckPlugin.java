package org.opendispute.dispute;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.opendispute.engine.UserTaskPlugin;
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
    protected void extend(UserTask task) {
        task.checkFirstOnComplete(check);
    }
}
