package org.opendispute.tasklist;

import org.opendispute.engine.UserTaskPlugin;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Every user task's form gets its context: the diagram stays about the business. */
@Component
class FormContextPlugin extends UserTaskPlugin {

    private final FormContext formContext;

    FormContextPlugin(@Lazy FormContext formContext) {
        this.formContext = formContext;
    }

    @Override
    protected void extend(UserTask task) {
        task.addFormField(delegateTask -> new FormContextField(() -> formContext.of(delegateTask)));
    }
}
