package org.opendispute.dispute;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/**
 * The policy's deadlines as the engine's timers read them: {@code ${policy.sellerResponse}} in the BPMN, an
 * ISO-8601 duration by the deadline's key. A map, so that a new {@link Deadline} needs no getter here; the
 * diagram's keys are checked when it is deployed ({@link DiagramNames}).
 */
@Component("policy")
public class PolicyTimers extends AbstractMap<String, String> {

    private final DisputePolicy policy;

    public PolicyTimers(DisputePolicy policy) {
        this.policy = policy;
    }

    @Override
    public String get(Object key) {
        return key instanceof String name
                ? Deadline.byKey(name).map(deadline -> policy.deadline(deadline).toString()).orElse(null)
                : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return Stream.of(Deadline.values())
                .map(deadline -> Map.entry(deadline.key(), policy.deadline(deadline).toString()))
                .collect(Collectors.toUnmodifiableSet());
    }
}
