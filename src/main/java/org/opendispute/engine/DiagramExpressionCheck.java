package org.opendispute.engine;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * An engine plugin that reads every expression of a diagram as it is deployed (attributes such as a
 * listener's or an assignee's, and texts such as a timer's or a condition's) and refuses the deployment when
 * {@link #check} does: a name the code does not know fails at deploy time, not when a dispute reaches it.
 */
public abstract class DiagramExpressionCheck extends AbstractProcessEnginePlugin {

    /** Throws {@link IllegalArgumentException}, saying what is wrong, for an expression the product cannot run. */
    protected abstract void check(String expression);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        ParseListeners.addBefore(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseRootElement(Element root, List<ProcessDefinitionEntity> processDefinitions) {
                walk(root, root.attribute("id"));
            }
        });
    }

    private void walk(Element element, String nearestId) {
        // An event's definition has an id of its own; the event's says more to whoever reads the complaint.
        boolean named = element.attribute("id") != null && !element.getTagName().endsWith("EventDefinition");
        String id = named ? element.attribute("id") : nearestId;
        for (String attribute : element.attributes()) {
            checkIfExpression(element.attribute(attribute), id, element);
        }
        checkIfExpression(element.getText(), id, element);
        for (Element child : element.elements()) {
            walk(child, id);
        }
    }

    private void checkIfExpression(String text, String elementId, Element element) {
        if (text == null || !(text.contains("${") || text.contains("#{"))) {
            return;
        }
        try {
            check(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException("Element '" + elementId + "' (line " + element.getLine() + "), "
                    + text.trim() + ": " + e.getMessage());
        }
    }
}
