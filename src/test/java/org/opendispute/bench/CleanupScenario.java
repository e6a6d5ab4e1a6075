package org.opendispute.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.engine.HistoryService;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * History cleanup of a night: copies of the run's resolved disputes that ended more than their time to live ago
 * ({@link DisputeCopies}), then the mix measured once without cleanup and again, round after round, while
 * cleanup removes their engine history, as the nightly window starts it (one cleanup job, the engine's batches).
 */
final class CleanupScenario {

    /** Disputes whose history has outlived the process definition's time to live. */
    private static final String EXPIRED = """
            SELECT COUNT(*) FROM act_hi_procinst p JOIN act_re_procdef d ON d.id_ = p.proc_def_id_
            WHERE p.end_time_ < now() - d.history_ttl_ * INTERVAL '1 day'""";
    private static final List<String> HISTORY_TABLES = List.of("act_hi_procinst", "act_hi_actinst", "act_hi_taskinst",
            "act_hi_varinst", "act_hi_detail", "act_hi_identitylink", "act_hi_decinst", "act_hi_dec_in", "act_hi_dec_out",
            "act_hi_op_log", "act_ge_bytearray");

    private final ConfigurableApplicationContext app;
    private final Connection db;
    /** The watcher's own connection: the mix's rounds use {@code db} meanwhile. */
    private final Connection watching;
    private final String base;
    private final int clients;

    CleanupScenario(ConfigurableApplicationContext app, Connection db, Connection watching, String base, int clients) {
        this.app = app;
        this.db = db;
        this.watching = watching;
        this.base = base;
        this.clients = clients;
    }

    void run(Map<String, Object> figures, long expiredDisputes, int round) throws Exception {
        Instant fillStarted = Instant.now();
        // Ended between 366 and 396 days ago: all past the diagram's P365D
        long copied = new DisputeCopies(db).add(expiredDisputes, Duration.ofDays(366), Duration.ofDays(30));
        figures.put("expired_disputes", copied);
        figures.put("fill_seconds", Latencies.seconds(fillStarted, Instant.now()));
        long expired = count(db, EXPIRED);
        figures.put("expired_process_instances", expired);
        // Before and after, the mix's rounds meanwhile included: the history tables' size, not what cleanup removed
        figures.put("history_rows_before", historyRows());

        Map<String, Object> without = new LinkedHashMap<>();
        new MixScenario(app, db, base, round, clients).run(without);
        figures.put("without_cleanup", summary(without));

        // What the nightly window's start does: the cleanup job due now, batch after batch while they are full
        Instant cleanupStarted = Instant.now();
        app.getBean(HistoryService.class).cleanUpHistoryAsync(true);
        AtomicReference<Instant> cleanupEnded = new AtomicReference<>();
        Thread watcher = new Thread(() -> watch(cleanupEnded), "bench-cleanup-watch");
        watcher.setDaemon(true);
        watcher.start();
        List<Map<String, Object>> during = new ArrayList<>();
        List<Double> fullyDuring = new ArrayList<>();
        int errors = (Integer) without.get("errors");
        while (cleanupEnded.get() == null) {
            Map<String, Object> figuresOfRound = new LinkedHashMap<>();
            new MixScenario(app, db, base, round, clients).run(figuresOfRound);
            errors += (Integer) figuresOfRound.get("errors");
            boolean stillCleaning = cleanupEnded.get() == null;
            Map<String, Object> summary = summary(figuresOfRound);
            summary.put("cleanup_ran_throughout", stillCleaning);
            during.add(summary);
            if (stillCleaning) {
                fullyDuring.add(((Number) figuresOfRound.get("lifecycles_per_s")).doubleValue());
            }
        }
        watcher.join();
        figures.put("cleanup_seconds", Latencies.seconds(cleanupStarted, cleanupEnded.get()));
        figures.put("cleanup_disputes_per_s", Latencies.round(expired / Math.max(0.001,
                Duration.between(cleanupStarted, cleanupEnded.get()).toMillis() / 1000.0)));
        figures.put("history_rows_after", historyRows());
        figures.put("expired_left", count(db, EXPIRED));
        figures.put("during_cleanup", during);
        double withoutRate = ((Number) without.get("lifecycles_per_s")).doubleValue();
        figures.put("lifecycles_per_s_without", withoutRate);
        Double duringRate = fullyDuring.isEmpty() ? null
                : Latencies.round(fullyDuring.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        figures.put("lifecycles_per_s_during", duringRate);
        figures.put("ratio_during_cleanup", duringRate == null ? null : Latencies.ratio(duringRate, withoutRate));
        figures.put("errors", errors);
    }

    private void watch(AtomicReference<Instant> ended) {
        try {
            long left;
            long reported = -1;
            do {
                Thread.sleep(1000);
                left = count(watching, EXPIRED);
                if (left / 10_000 != reported / 10_000) {
                    System.err.printf("bench: %d expired disputes left%n", left);
                    reported = left;
                }
            } while (left > 0);
            ended.set(Instant.now());
        } catch (SQLException | InterruptedException e) {
            ended.set(Instant.now());
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> summary(Map<String, Object> mix) {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String key : List.of("disputes", "lifecycles_per_s", "open_p99_ms", "action_p99_ms", "timer_lag_p99_ms",
                "cpu_ms_per_lifecycle", "refunds_exactly_once", "errors")) {
            summary.put(key, mix.get(key));
        }
        return summary;
    }

    private long historyRows() throws SQLException {
        long rows = 0;
        for (String table : HISTORY_TABLES) {
            rows += count(db, "SELECT COUNT(*) FROM " + table);
        }
        return rows;
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (var statement = connection.createStatement(); var rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
