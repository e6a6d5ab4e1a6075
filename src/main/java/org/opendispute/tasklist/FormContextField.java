package org.opendispute.tasklist;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.FormFieldValidationConstraint;
import org.camunda.bpm.engine.form.FormType;
import org.camunda.bpm.engine.variable.value.TypedValue;

/** The form context as a read-only form field, whose value is built only when the form's variables are read. */
final class FormContextField implements FormField {

    private final Supplier<TypedValue> value;

    FormContextField(Supplier<TypedValue> value) {
        this.value = value;
    }

    @Override
    public String getId() {
        return FormContext.VARIABLE;
    }

    @Override
    public String getLabel() {
        return "Dispute";
    }

    /** No form type of the engine's generated forms: Camunda Forms read it as a JSON variable. */
    @Override
    public FormType getType() {
        return null;
    }

    @Override
    public String getTypeName() {
        return "json";
    }

    @Override
    public Object getDefaultValue() {
        return null;
    }

    @Override
    public TypedValue getValue() {
        return value.get();
    }

    @Override
    public List<FormFieldValidationConstraint> getValidationConstraints() {
        return List.of();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public boolean isBusinessKey() {
        return false;
    }
}
