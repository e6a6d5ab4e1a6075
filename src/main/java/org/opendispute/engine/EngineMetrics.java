package org.opendispute.engine;

import static org.opendispute.jdbc.SqlTime.secondsSince;
import static org.opendispute.jdbc.SqlTime.ts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.management.Metrics;
import org.opendispute.jdbc.Sampled;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The engine's health in Micrometer: open incidents, jobs due and waiting for an executor, the oldest one's age
 * (asked with SQL, so that no user's authorizations narrow them), and the job executor's own counts (acquisition
 * attempts, jobs acquired, acquisitions lost to another node, jobs the executor's queue rejected, jobs done and
 * failed), counted as the engine marks them; its own metrics report to its tables as before.
 */
@Component
class EngineMetrics extends AbstractProcessEnginePlugin {

    /** The engine's metric names and ours, which Prometheus shows as {@code camunda_<name>_total}. */
    private static final Map<String, String> JOB_EXECUTOR_COUNTS = Map.of(
            Metrics.JOB_ACQUISITION_ATTEMPT, "camunda.job.acquisition.attempts",
            Metrics.JOB_ACQUIRED_SUCCESS, "camunda.jobs.acquired",
            Metrics.JOB_ACQUIRED_FAILURE, "camunda.jobs.acquisition.conflicts",
            Metrics.JOB_EXECUTION_REJECTED, "camunda.jobs.rejected",
            Metrics.JOB_SUCCESSFUL, "camunda.jobs.succeeded",
            Metrics.JOB_FAILED, "camunda.jobs.failed");
    private static final Duration SAMPLE = Duration.ofSeconds(10);

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final Clock clock;

    EngineMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<String, Counter> counters = new HashMap<>();
        JOB_EXECUTOR_COUNTS.forEach((engineName, name) -> counters.put(engineName,
                Counter.builder(name).description("The job executor's " + engineName).register(registry)));
        configuration.setMetricsRegistry(new MetricsRegistry() {
            @Override
            public void markOccurrence(String name, long times) {
                super.markOccurrence(name, times);
                Counter counter = counters.get(name);
                if (counter != null) {
                    counter.increment(times);
                }
            }
        });
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ManagementService management = engine.getManagementService();
        String incidents = management.getTableName(IncidentEntity.class);
        String jobs = management.getTableName(JobEntity.class);
        var incidentCount = new Sampled<>(() -> jdbc.sql("SELECT COUNT(*) FROM " + incidents)
                .query(Long.class).single(), SAMPLE, clock);
        var dueJobs = new Sampled<>(() -> dueJobs(jobs), SAMPLE, clock);
        Gauge.builder("camunda.incidents.open", incidentCount, value -> value.get())
                .description("Incidents not resolved: jobs out of retries, failed external tasks").register(registry);
        Gauge.builder("camunda.jobs.due", dueJobs, value -> value.get().count())
                .description("Jobs due now, not suspended, with retries left, that no executor holds").register(registry);
        Gauge.builder("camunda.jobs.oldest.due.age", dueJobs, value -> value.get().oldestAgeSeconds())
                .baseUnit("seconds").description("How long the oldest of the jobs due has waited").register(registry);
    }

    private record DueJobs(long count, double oldestAgeSeconds) {
    }

    private DueJobs dueJobs(String table) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT COUNT(*) AS waiting, MIN(COALESCE(DUEDATE_, CREATE_TIME_)) AS oldest FROM " + table
                        + " WHERE RETRIES_ > 0 AND SUSPENSION_STATE_ = 1 AND (DUEDATE_ IS NULL OR DUEDATE_ <= :now)"
                        + " AND (LOCK_EXP_TIME_ IS NULL OR LOCK_EXP_TIME_ < :now)")
                .param("now", ts(now))
                .query((rs, n) -> new DueJobs(rs.getLong("waiting"), secondsSince(rs.getTimestamp("oldest"), now)))
                .single();
    }
}
