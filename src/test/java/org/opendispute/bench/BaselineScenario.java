package org.opendispute.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
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
 * on a database of its own on the same server ({@code opendispute_baseline}), job executor off. It stays up through
 * the run, so that its measured rounds can come right before and right after the mix's.
 */
final class BaselineScenario implements AutoCloseable {

    private static final String DATABASE = "opendispute_baseline";
    private static final int ROUND = 2_000;

    private final String serverUrl;
    private final String user;
    private final String password;
    private final int threads;
    private final ProcessEngine engine;

    /** Starts the bare engine on its own database of the server at {@code url}, its process deployed. */
    BaselineScenario(String url, String user, String password, int threads) throws SQLException {
        this.serverUrl = url.substring(0, url.lastIndexOf('/') + 1);
        this.user = user;
        this.password = password;
        this.threads = threads;
        createDatabaseIfMissing();
        engine = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
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
        engine.getRepositoryService().createDeployment().name("baseline").enableDuplicateFiltering(true)
                .addClasspathResource("bench/baseline.bpmn").deploy();
    }

    /**
     * What measured lifecycles cost: their rate, the machine's and the JVM's CPU per lifecycle (machine null where
     * /proc/stat is missing) and the statements per lifecycle (null without pg_stat_statements).
     */
    record Result(double lifecyclesPerS, Double cpuMsPerLifecycle, double jvmCpuMsPerLifecycle,
                  Double statementsPerLifecycle) {

        /**
         * The figures of the JSON line for rounds measured right before and right after the mix's: their mean, and
         * the two rates, whose difference is how far the machine drifted meanwhile.
         */
        static Map<String, Object> figures(Result before, Result after, Object mix) {
            double lifecycles = mix instanceof Number number ? number.doubleValue() : Double.NaN;
            double rate = Latencies.round((before.lifecyclesPerS() + after.lifecyclesPerS()) / 2);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("baseline_lifecycles_per_s", rate);
            figures.put("ratio_to_baseline", Latencies.ratio(lifecycles, rate));
            figures.put("baseline_lifecycles_per_s_before_and_after", List.of(before.lifecyclesPerS(), after.lifecyclesPerS()));
            figures.put("baseline_cpu_ms_per_lifecycle", mean(before.cpuMsPerLifecycle(), after.cpuMsPerLifecycle()));
            figures.put("baseline_jvm_cpu_ms_per_lifecycle", mean(before.jvmCpuMsPerLifecycle(), after.jvmCpuMsPerLifecycle()));
            figures.put("baseline_sql_statements_per_lifecycle",
                    mean(before.statementsPerLifecycle(), after.statementsPerLifecycle()));
            return figures;
        }

        private static Double mean(Double a, Double b) {
            return a == null || b == null ? null : Latencies.round((a + b) / 2);
        }
    }

    /** Unmeasured lifecycles, in rounds that each print their rate: the JIT compiles the engine meanwhile. */
    void warmUp(int lifecycles) throws Exception {
        for (int done = 0; done < lifecycles; done += ROUND) {
            int round = Math.min(ROUND, lifecycles - done);
            System.err.printf("bench: baseline warm-up %d of %d: %.1f lifecycles/s%n", done + round, lifecycles,
                    lifecycles(round));
        }
    }

    /** {@code lifecycles} measured. */
    Result measure(int lifecycles) throws Exception {
        try (Connection db = DriverManager.getConnection(serverUrl + DATABASE, user, password)) {
            StatementProfile statementsBefore = StatementProfile.snapshot(db);
            CpuUse cpu = CpuUse.start();
            double rate = lifecycles(lifecycles);
            cpu.stop();
            System.err.printf("bench: baseline measured: %.1f lifecycles/s%n", rate);
            return new Result(rate, cpu.machineMsPer(lifecycles), cpu.jvmMsPer(lifecycles),
                    StatementProfile.snapshot(db).callsPerLifecycle(statementsBefore, lifecycles));
        }
    }

    @Override
    public void close() {
        engine.close();
    }

    private double lifecycles(int count) throws Exception {
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
