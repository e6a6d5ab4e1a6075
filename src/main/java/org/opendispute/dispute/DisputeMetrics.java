package org.opendispute.dispute;

import java.time.Clock;

import org.opendispute.jdbc.GroupCounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** {@code disputes_disputes{status}}: the store's disputes by status. */
@Component
class DisputeMetrics implements MeterBinder {

    private final GroupCounts byStatus;

    DisputeMetrics(JdbcClient jdbc, Clock clock) {
        this.byStatus = new GroupCounts(jdbc, "SELECT status, COUNT(*) FROM disputes.dispute GROUP BY status", clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        byStatus.register(registry, "disputes.disputes", "Disputes in the store by status", "status",
                DisputeStatus.values());
    }
}
