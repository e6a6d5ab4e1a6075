package org.opendispute.dispute;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opendispute.engine.DiagramExpressionCheck;
import org.springframework.stereotype.Component;

/**
 * The statuses, deadlines and routing values a diagram names, checked against the code's enums when it is
 * deployed: {@code ${disputeStage.taskOpened(task, 'AWAITING_SELLER', 'sellerResponse')}},
 * {@code ${policy.sellerResponse}}, {@code ${resolutionType == 'RESHIPMENT'}}, {@code ${sellerAction == 'ACCEPT'}}. A process owner's typo stops
 * the deployment with the element's id instead of stalling the first dispute that reaches it.
 */
@Component
public class DiagramNames extends DiagramExpressionCheck {

    private static final Pattern STAGE_CALL = Pattern.compile("disputeStage\\.(\\w+)\\(([^)]*)\\)");
    private static final Pattern TIMER = Pattern.compile("\\bpolicy\\.(\\w+)");
    private static final Pattern COMPARISON = Pattern.compile("\\b(\\w+)\\s*[!=]=\\s*'([^']*)'");

    /** The variables the diagram's gateways route on, and the values each can take. */
    private static final Map<String, List<String>> ROUTING = Map.of(
            DisputeProcess.Vars.RESOLUTION_TYPE, names(ResolutionType.class),
            DisputeProcess.Fields.SELLER_ACTION.name(), DisputeProcess.Fields.SELLER_ACTION.choices(),
            DisputeProcess.Fields.BUYER_VERDICT.name(), DisputeProcess.Fields.BUYER_VERDICT.choices(),
            DisputeProcess.Fields.MEDIATOR_ACTION.name(), DisputeProcess.Fields.MEDIATOR_ACTION.choices(),
            DisputeProcess.Fields.RETURN_CONDITION.name(), DisputeProcess.Fields.RETURN_CONDITION.choices());

    /** What each argument after the task or execution of a {@link DisputeStage} method names. */
    private enum Argument { STATUS, DEADLINE, DEADLINE_OR_NONE }

    @Override
    protected void check(String expression) {
        Matcher call = STAGE_CALL.matcher(expression);
        while (call.find()) {
            List<String> arguments = Arrays.stream(call.group(2).split(",")).map(String::trim).toList();
            List<Argument> expected = switch (call.group(1)) {
                case "taskOpened" -> List.of(Argument.STATUS, Argument.DEADLINE_OR_NONE);
                case "taskOpenedInStage" -> List.of(Argument.STATUS, Argument.DEADLINE);
                case "statusChanged" -> List.of(Argument.STATUS);
                case "stageStarted", "stageEnded", "waitStarted", "dueIn", "remindIn", "remindAt", "remind" -> List.of(Argument.DEADLINE);
                default -> throw new IllegalArgumentException("disputeStage has no method " + call.group(1));
            };
            if (arguments.size() != expected.size() + 1) {
                throw new IllegalArgumentException("disputeStage." + call.group(1) + " takes "
                        + (expected.size() + 1) + " arguments");
            }
            for (int i = 0; i < expected.size(); i++) {
                checkArgument(expected.get(i), arguments.get(i + 1));
            }
        }
        Matcher timer = TIMER.matcher(expression);
        while (timer.find()) {
            requireDeadline(timer.group(1));
        }
        Matcher comparison = COMPARISON.matcher(expression);
        while (comparison.find()) {
            List<String> values = ROUTING.get(comparison.group(1));
            if (values != null && !values.contains(comparison.group(2))) {
                throw new IllegalArgumentException(comparison.group(1) + " is never " + comparison.group(2)
                        + "; it is one of " + values);
            }
        }
    }

    private static void checkArgument(Argument expected, String argument) {
        if (expected == Argument.DEADLINE_OR_NONE && argument.equals("null")) {
            return;
        }
        if (!(argument.length() >= 2 && argument.startsWith("'") && argument.endsWith("'"))) {
            throw new IllegalArgumentException("expected a quoted name, not " + argument);
        }
        String name = argument.substring(1, argument.length() - 1);
        if (expected == Argument.STATUS) {
            requireConstant(DisputeStatus.class, name);
        } else {
            requireDeadline(name);
        }
    }

    private static void requireDeadline(String key) {
        if (Deadline.byKey(key).isEmpty()) {
            throw new IllegalArgumentException("no deadline named " + key + "; the policy has "
                    + Arrays.stream(Deadline.values()).map(Deadline::key).toList());
        }
    }

    private static <E extends Enum<E>> void requireConstant(Class<E> type, String name) {
        if (!names(type).contains(name)) {
            throw new IllegalArgumentException("no " + type.getSimpleName() + " named " + name);
        }
    }

    private static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }
}
