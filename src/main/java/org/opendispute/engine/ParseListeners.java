package org.opendispute.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/** Adds a parse listener to the engine's own, keeping those other plugins added before. */
final class ParseListeners {

    private ParseListeners() {
    }

    /** Runs before the engine's own parsing of each element. */
    static void addBefore(ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
        configuration.setCustomPreBPMNParseListeners(with(configuration.getCustomPreBPMNParseListeners(), listener));
    }

    /** Runs after the engine parsed each element, so it sees the diagram's own definitions. */
    static void addAfter(ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
        configuration.setCustomPostBPMNParseListeners(with(configuration.getCustomPostBPMNParseListeners(), listener));
    }

    private static List<BpmnParseListener> with(List<BpmnParseListener> existing, BpmnParseListener listener) {
        List<BpmnParseListener> listeners = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        listeners.add(listener);
        return listeners;
    }
}
