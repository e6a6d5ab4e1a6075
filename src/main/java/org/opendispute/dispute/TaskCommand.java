package org.opendispute.dispute;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a party submits to a user task, field by typed field: the one shape in which our API, the demo data and
 * the tests hand a task its input, the same as a Camunda Form would. Absent ({@code null}) fields are left out.
 */
public final class TaskCommand {

    private final Map<String, Object> variables = new LinkedHashMap<>();

    private TaskCommand() {
    }

    public static TaskCommand none() {
        return new TaskCommand();
    }

    public static <T> TaskCommand of(ProcessVariable<T> field, T value) {
        return new TaskCommand().and(field, value);
    }

    public <T> TaskCommand and(ProcessVariable<T> field, T value) {
        if (value != null) {
            variables.put(field.name(), field.toVariable(value));
        }
        return this;
    }

    /** A field not of the form: a variable a step reads beside the task's submission. */
    public TaskCommand and(String name, Object value) {
        if (value != null) {
            variables.put(name, value);
        }
        return this;
    }

    public Map<String, Object> variables() {
        return Collections.unmodifiableMap(variables);
    }
}
