package org.opendispute.engine;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine parses every timer's duration with {@code DatatypeFactory.newInstance()}, whose service
 * lookup reads every jar on the class path each time (docs/adr/0010-engine-plugins-that-skip-needless-work.md). Naming the JDK's
 * own implementation, the one the lookup ends with anyway, skips it.
 */
@Component
class JdkDatatypeFactory extends AbstractProcessEnginePlugin {

    private static final String PROPERTY = DatatypeFactory.DATATYPEFACTORY_PROPERTY;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
    }
}
