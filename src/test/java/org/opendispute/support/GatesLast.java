package org.opendispute.support;

import java.util.Comparator;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Test classes by name, and the gates (classes named {@code …GateTest}) after all others: a gate checks what the
 * whole run left behind, such as the lifecycle suite's coverage of the diagram.
 */
public class GatesLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparing((org.junit.jupiter.api.ClassDescriptor descriptor) ->
                        descriptor.getTestClass().getSimpleName().endsWith("GateTest"))
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }
}
