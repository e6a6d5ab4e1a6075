package org.opendispute.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.form.FormDataImpl;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * The task's own form handler, plus one read-only form field: the engine answers it among the task's form
 * variables ({@code GET /engine-rest/task/{id}/form-variables}, which Tasklist loads for Camunda Forms), built
 * when asked, so nothing of it is stored with the task.
 */
final class ExtraFormFieldHandler implements TaskFormHandler {

    private final TaskFormHandler taskForm;
    private final Function<DelegateTask, FormField> extraField;

    ExtraFormFieldHandler(TaskFormHandler taskForm, Function<DelegateTask, FormField> extraField) {
        this.taskForm = taskForm;
        this.extraField = extraField;
    }

    @Override
    public TaskFormData createTaskForm(TaskEntity task) {
        TaskFormData form = taskForm.createTaskForm(task);
        if (form instanceof FormDataImpl data) {
            List<FormField> fields = new ArrayList<>(data.getFormFields());
            fields.add(extraField.apply(task));
            data.setFormFields(fields);
        }
        return form;
    }

    @Override
    public void parseConfiguration(Element activityElement, DeploymentEntity deployment,
                                   ProcessDefinitionEntity processDefinition, BpmnParse bpmnParse) {
        taskForm.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
    }

    @Override
    public void submitFormVariables(VariableMap properties, VariableScope variableScope) {
        taskForm.submitFormVariables(properties, variableScope);
    }
}
