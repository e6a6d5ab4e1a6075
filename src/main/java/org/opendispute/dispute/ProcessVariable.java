package org.opendispute.dispute;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A variable the diagram, the code and the tests share: its name and its type in one place
 * ({@link DisputeProcess.Fields}). A task's variables carry a choice by its constant's name and an amount as a
 * plain decimal string, as a Camunda Form submits them; {@link #read} turns them back, naming the field at fault.
 */
public final class ProcessVariable<T> {

    private final String name;
    private final Function<T, Object> toVariable;
    private final Function<String, T> fromVariable;
    private final String expected;
    private final List<String> choices;

    private ProcessVariable(String name, Function<T, Object> toVariable, Function<String, T> fromVariable,
                            String expected, List<String> choices) {
        this.name = name;
        this.toVariable = toVariable;
        this.fromVariable = fromVariable;
        this.expected = expected;
        this.choices = choices;
    }

    public static ProcessVariable<String> text(String name) {
        return new ProcessVariable<>(name, value -> value, String::trim, "a text", List.of());
    }

    public static <E extends Enum<E>> ProcessVariable<E> choice(String name, Class<E> type) {
        return new ProcessVariable<>(name, Enum::name, value -> Enum.valueOf(type, value),
                "one of " + Arrays.toString(type.getEnumConstants()),
                Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    public static ProcessVariable<BigDecimal> amount(String name) {
        return new ProcessVariable<>(name, BigDecimal::toPlainString, BigDecimal::new, "a decimal amount", List.of());
    }

    public String name() {
        return name;
    }

    /** A choice's values as the diagram compares them ({@code ${sellerAction == 'ACCEPT'}}); none for other kinds. */
    public List<String> choices() {
        return choices;
    }

    /** The value as the task's variable holds it. */
    public Object toVariable(T value) {
        return value == null ? null : toVariable.apply(value);
    }

    /** The submitted value, {@code null} when blank; one of another type answers {@code invalid-<field>}. */
    public T read(Object variable) {
        if (variable == null || variable.toString().isBlank()) {
            return null;
        }
        try {
            return fromVariable.apply(variable.toString().trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSubmissionException(choices.isEmpty() ? "invalid-amount" : "invalid-choice",
                    name, name + " must be " + expected + ".");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
