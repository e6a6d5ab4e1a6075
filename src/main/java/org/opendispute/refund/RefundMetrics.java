package org.opendispute.refund;

import java.time.Clock;

import org.opendispute.jdbc.GroupCounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** {@code disputes_refunds{state}}: refunds by state; SUBMITTED and UNKNOWN ones wait on the provider's answer. */
@Component
class RefundMetrics implements MeterBinder {

    private final GroupCounts byState;

    RefundMetrics(JdbcClient jdbc, Clock clock) {
        this.byState = new GroupCounts(jdbc, "SELECT state, COUNT(*) FROM disputes.refund GROUP BY state", clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        byState.register(registry, "disputes.refunds", "Refunds by state", "state", Refund.State.values());
    }
}
