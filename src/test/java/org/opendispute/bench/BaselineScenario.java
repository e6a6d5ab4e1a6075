package org.opendispute.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * What the bare engine does on the same PostgreSQL, for the benchmark's {@code ratio_to_baseline}: a process of six
 * wait states (start, then five user tasks, each found by a task query and completed), ten string variables,
 * history {@code full}, through the Java API, no HTTP, none of OpenDispute's plugins. Its engine is a standalone one
 * on a database of its own on the same server ({@code opendispute_baseline}), job executor off.
 */
final class BaselineScenario {

    private static final String DATABASE = "opendispute_baseline";
    private static final int ROUND = 2_000;

    private final String serverUrl;
    private final String user;
    private final String password;
    private final int threads;

    BaselineScenario(String url, String user, String password, int threads) {
        this.serverUrl = url.substring(0, url.lastIndexOf('/') + 1);
        this.user = user;
        this.password = password;
        this.threads = threads;
    }

    /**
     * What the measured lifecycles cost: their rate, the machine's and the JVM's CPU per lifecycle (machine null
     * where /proc/stat is missing) and the statements per lifecycle (null without pg_stat_statements).
     */
    record Result(double lifecyclesPerS, Double cpuMsPerLifecycle, double jvmCpuMsPerLifecycle,
                  Double statementsPerLifecycle) {

        /** The figures of the JSON line, beside the mix's lifecycles per second. */
        Map<String, Object> figures(Object mix) {
            double lifecycles = mix instanceof Number number ? number.doubleValue() : Double.NaN;
            Map<String, Object> figures = new java.util.LinkedHashMap<>();
            figures.put("baseline_lifecycles_per_s", lifecyclesPerS);
            figures.put("ratio_to_baseline", Latencies.ratio(lifecycles, lifecyclesPerS));
            figures.put("baseline_cpu_ms_per_lifecycle", cpuMsPerLifecycle);
            figures.put("baseline_jvm_cpu_ms_per_lifecycle", jvmCpuMsPerLifecycle);
            figures.put("baseline_sql_statements_per_lifecycle", statementsPerLifecycle);
            return figures;
        }
    }

    /** Warms the engine up with {@code warmup} lifecycles in rounds, then measures {@code measured} of them. */
    Result run(int warmup, int measured) throws Exception {
        createDatabaseIfMissing();
        ProcessEngine engine = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setProcessEngineName("baseline")
                .setJdbcDriver("org.postgresql.Driver")
                .setJdbcUrl(serverUrl + DATABASE)
                .setJdbcUsername(user)
                .setJdbcPassword(password)
                .setJdbcMaxActiveConnections(threads + 2)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false)
                .buildProcessEngine();
        try {
            engine.getRepositoryService().createDeployment().name("baseline").enableDuplicateFiltering(true)
                    .addClasspathResource("bench/baseline.bpmn").deploy();
            for (int done = 0; done < warmup; done += ROUND) {
                int round = Math.min(ROUND, warmup - done);
                System.err.printf("bench: baseline warm-up %d of %d: %.1f lifecycles/s%n", done + round, warmup,
                        lifecycles(engine, round));
            }
            try (Connection db = DriverManager.getConnection(serverUrl + DATABASE, user, password)) {
                StatementProfile statementsBefore = StatementProfile.snapshot(db);
                long jvmCpuBefore = Benchmark.jvmCpuNanos();
                Long machineCpuBefore = Benchmark.machineBusyNanos();
                double rate = lifecycles(engine, measured);
                long jvmCpu = Benchmark.jvmCpuNanos() - jvmCpuBefore;
                Long machineCpuAfter = Benchmark.machineBusyNanos();
                return new Result(rate, machineCpuBefore == null || machineCpuAfter == null ? null
                        : Latencies.round((machineCpuAfter - machineCpuBefore) / 1e6 / measured),
                        Latencies.round(jvmCpu / 1e6 / measured),
                        StatementProfile.snapshot(db).callsPerLifecycle(statementsBefore, measured));
            }
        } finally {
            engine.close();
        }
    }

    private double lifecycles(ProcessEngine engine, int count) throws Exception {
        RuntimeService runtime = engine.getRuntimeService();
        TaskService tasks = engine.getTaskService();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<Object>> workers = java.util.stream.IntStream.range(0, threads).mapToObj(t -> pool.submit(() -> {
            while (next.getAndIncrement() < count) {
                VariableMap variables = Variables.createVariables();
                for (int v = 0; v < 10; v++) {
                    variables.putValue("variable" + v, "value " + v + " of a baseline lifecycle");
                }
                String instance = runtime.startProcessInstanceByKey("baseline", variables).getId();
                for (int step = 0; step < 5; step++) {
                    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
                    tasks.complete(task.getId());
                }
            }
            return null;
        })).toList();
        for (Future<Object> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return Latencies.round(count / seconds);
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection db = DriverManager.getConnection(serverUrl + "postgres", user, password);
             var exists = db.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = db.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        }
    }
}
