package org.opendispute.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.opendispute.dispute.DisputeProcess;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Many disputes waiting on the seller-response timer, all due in the same second: how long until every
 * timer has fired, and what the job executor's acquisition query costs with that many jobs due.
 */
final class TimerScenario {

    /** The seller-response timers of this run's disputes (not the negotiation deadline beside them). */
    private static final String SELLER_RESPONSE_TIMER_JOBS = "job_def_id_ IN (SELECT id_ FROM act_ru_jobdef WHERE act_id_ = '"
            + DisputeProcess.Elements.SELLER_RESPONSE_DUE + "')";
    private static final String SELLER_RESPONSE_TIMERS = SELLER_RESPONSE_TIMER_JOBS
            + " AND process_instance_id_ IN (SELECT process_instance_id FROM disputes.dispute WHERE seller_id = ?)";

    private final ConfigurableApplicationContext app;
    private final Connection db;
    private final int disputes;
    private final int clients;
    private final String seller = "ts" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    TimerScenario(ConfigurableApplicationContext app, Connection db, int disputes, int clients) {
        this.app = app;
        this.db = db;
        this.disputes = disputes;
        this.clients = clients;
    }

    void run(Map<String, Object> figures) throws Exception {
        Instant openingStarted = Instant.now();
        int opened = WaitingDisputes.open(app, seller, disputes, clients);
        double openingSeconds = Duration.between(openingStarted, Instant.now()).toMillis() / 1000.0;

        // What each acquisition costs while every dispute waits (the everyday case), then with all due
        List<String> waitingPlan = explainAcquisition();
        Instant due = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        int timers = moveTimersTo(due);
        StatementProfile profileBefore = StatementProfile.snapshot(db);
        CpuUse cpu = CpuUse.start();
        Thread.sleep(Duration.between(Instant.now(), due).toMillis() + 100);
        List<String> plan = explainAcquisition();

        Instant lastFired = waitUntilTimersFired(due, Duration.ofMinutes(60));
        // What a firing costs: the refunds wait behind the timers (due when queued), so this is the firings' cost
        cpu.stop();
        StatementProfile profileAfter = StatementProfile.snapshot(db);
        double firingSeconds = Duration.between(due, lastFired).toMillis() / 1000.0;
        // Each fired timer queues its dispute's refund, due when it was queued: the refunds run after the timers
        Instant lastRefunded = waitUntilResolved(Duration.ofMinutes(60));
        double refundSeconds = Duration.between(due, lastRefunded).toMillis() / 1000.0;
        figures.put("disputes", opened);
        figures.put("timers", timers);
        figures.put("opening_seconds", Latencies.round(openingSeconds));
        figures.put("opened_per_s", Latencies.round(opened / openingSeconds));
        figures.put("seconds_until_all_fired", Latencies.round(firingSeconds));
        figures.put("timers_fired_per_s", Latencies.round(timers / Math.max(firingSeconds, 0.001)));
        figures.put("seconds_until_all_refunded", Latencies.round(refundSeconds));
        figures.put("disputes_resolved_per_s", Latencies.round(opened / Math.max(refundSeconds, 0.001)));
        figures.put("cpu_ms_per_timer", cpu.machineMsPer(timers));
        figures.put("jvm_cpu_ms_per_timer", cpu.jvmMsPer(timers));
        figures.put("sql_statements_per_timer", profileAfter.callsPerLifecycle(profileBefore, timers));
        figures.put("sql_exec_ms_per_timer", profileAfter.execMsPerLifecycle(profileBefore, timers));
        figures.put("costliest_statements_per_timer", profileAfter.costliest(profileBefore, timers, Integer.getInteger("bench.top", 12)));
        figures.put("acquisition_explain_analyze_all_waiting", waitingPlan);
        figures.put("acquisition_explain_analyze", plan);
        figures.put("errors", disputes - opened);
    }

    private int moveTimersTo(Instant due) throws SQLException {
        try (var statement = db.prepareStatement(
                "UPDATE act_ru_job SET duedate_ = ? WHERE " + SELLER_RESPONSE_TIMERS)) {
            statement.setTimestamp(1, Timestamp.from(due));
            statement.setString(2, seller);
            return statement.executeUpdate();
        }
    }

    /**
     * The job executor's acquisition query as Camunda 7.24 asks it on PostgreSQL with application.yaml's settings
     * (every job has a due date, the oldest due first).
     */
    private List<String> explainAcquisition() throws SQLException {
        List<String> plan = new ArrayList<>();
        String jobsPerAcquisition = app.getEnvironment()
                .getProperty("camunda.bpm.job-execution.max-jobs-per-acquisition", "3");
        try (var rs = db.createStatement().executeQuery("""
                EXPLAIN (ANALYZE, BUFFERS)
                SELECT RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_
                FROM ACT_RU_JOB RES
                WHERE (RES.RETRIES_ > 0) AND (RES.DUEDATE_ <= now())
                  AND (RES.LOCK_OWNER_ IS NULL OR RES.LOCK_EXP_TIME_ < now())
                  AND RES.SUSPENSION_STATE_ = 1
                  AND ((RES.EXCLUSIVE_ = TRUE AND NOT EXISTS (
                          SELECT J2.ID_ FROM ACT_RU_JOB J2
                          WHERE J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ AND J2.EXCLUSIVE_ = TRUE
                            AND J2.LOCK_OWNER_ IS NOT NULL AND J2.LOCK_EXP_TIME_ >= now()))
                       OR RES.EXCLUSIVE_ = FALSE)
                ORDER BY RES.DUEDATE_ ASC
                LIMIT %d""".formatted(Integer.parseInt(jobsPerAcquisition)))) {
            while (rs.next()) {
                plan.add(rs.getString(1));
            }
        }
        return plan;
    }

    /**
     * Finds the moved timers by their due time alone (an index lookup): joining them to this run's disputes
     * at every look took PostgreSQL 240 ms with 50,000 of them, a core's worth of the machine under test.
     */
    private Instant waitUntilTimersFired(Instant due, Duration timeout) throws SQLException, InterruptedException {
        return waitUntilNoneLeft("timers", "FROM act_ru_job WHERE duedate_ = ? AND " + SELLER_RESPONSE_TIMER_JOBS,
                Timestamp.from(due), Duration.ofSeconds(1), timeout);
    }

    /** Every dispute of this run resolved, its refund paid. */
    private Instant waitUntilResolved(Duration timeout) throws SQLException, InterruptedException {
        return waitUntilNoneLeft("disputes unresolved",
                "FROM disputes.dispute WHERE seller_id = ? AND status <> 'RESOLVED'", seller,
                Duration.ofSeconds(2), timeout);
    }

    /**
     * Asks every {@code every} whether {@code rows} (a FROM clause with one parameter) still has one, until it has
     * none: the moment it had none. Counting them all at every look cost the machine under test 2% of its CPU with
     * 50,000 timers due; they are counted for the progress line every tenth look.
     */
    private Instant waitUntilNoneLeft(String what, String rows, Object parameter, Duration every, Duration timeout)
            throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        for (int look = 0; Instant.now().isBefore(deadline); look++) {
            if (look % 10 == 0) {
                System.err.printf("bench: %d %s left%n", first(parameter, "SELECT COUNT(*) " + rows), what);
            }
            if (first(parameter, "SELECT COUNT(*) FROM (SELECT 1 " + rows + " LIMIT 1) AS one") == 0) {
                return Instant.now();
            }
            Thread.sleep(every.toMillis());
        }
        throw new IllegalStateException(first(parameter, "SELECT COUNT(*) " + rows) + " " + what + " left after " + timeout);
    }

    private long first(Object parameter, String query) throws SQLException {
        try (var statement = db.prepareStatement(query)) {
            statement.setObject(1, parameter);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
