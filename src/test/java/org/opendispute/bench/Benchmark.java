package org.opendispute.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.opendispute.OpenDisputeApplication;
import org.opendispute.dispute.Groups;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How many complete dispute lifecycles per second: starts the real application (postgres profile, job
 * executor on) against {@code DISPUTES_DB_URL}, drives it over HTTP, and prints one JSON line of figures.
 *
 * <pre>mvn -Pbench test-compile exec:java [-Dbench.scenario=mix|timers|cleanup] [-Dbench.disputes=2000] [-Dbench.clients=8]
 *     [-Dbench.warmup=20000] [-Dbench.waiting=0] [-Dbench.timer=PT1S] [-Dbench.webhook=false]
 *     [-Dbench.baseline=true] [-Dbench.baseline.warmup=8000] [-Dbench.baseline.lifecycles=2000]
 *     [-Dbench.history=0] [-Dbench.expired=100000] [-Dbench.top=8]</pre>
 * With {@code bench.baseline} the bare engine runs on the same server ({@link BaselineScenario}), measured right
 * before and right after the mix, and the line adds its lifecycles per second and {@code ratio_to_baseline}.
 * With {@code bench.webhook} one endpoint on this machine receives every event, and the line adds how many
 * events of the measured disputes arrived and their delivery lag. With {@code bench.history} the database then grows by
 * that many resolved disputes (and {@code bench.waiting} open ones) and the mix runs again: the line adds the list
 * queries' p99 before and after and the grown database's figures beside the empty one's ({@code grown}). The
 * {@code cleanup} scenario measures history cleanup ({@link CleanupScenario}).
 */
public final class Benchmark {

    static final String PASSWORD = "bench-" + UUID.randomUUID();
    private static final int WARMUP_ROUND = 2_000;
    /** Each list query of {@link ListProbe} this many times: its p99 is then the third-slowest answer. */
    private static final int LIST_PROBE_ROUNDS = 200;

    private Benchmark() {
    }

    public static void main(String[] ignored) throws Exception {
        String scenario = System.getProperty("bench.scenario", "mix");
        int clients = Integer.getInteger("bench.clients", 8);
        int disputes = Integer.getInteger("bench.disputes",
                scenario.equals("timers") ? 50_000 : scenario.equals("cleanup") ? 1_000 : 2_000);
        String url = env("DISPUTES_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = env("DISPUTES_DB_USER", "postgres");
        String password = env("DISPUTES_DB_PASSWORD", "");
        // The run ends when the last dispute has waited out its timers: the shorter they are, the less of the
        // figure is waiting (drain_seconds in the output)
        String timer = System.getProperty("bench.timer", "PT1S");

        ConfigurableApplicationContext app = new SpringApplicationBuilder(OpenDisputeApplication.class)
                .profiles("postgres")
                .properties(
                        "DISPUTES_DB_URL=" + url, "DISPUTES_DB_USER=" + user, "DISPUTES_DB_PASSWORD=" + password,
                        "DISPUTES_ADMIN_USER=benchadmin", "DISPUTES_ADMIN_PASSWORD=" + PASSWORD)
                .run(arguments(
                        "--server.port=0", "--logging.level.root=WARN",
                        // Short timers, through the normal policy configuration
                        // The timer scenario moves its timers itself, once every dispute waits on one
                        "--disputes.policy.seller-response=" + (scenario.equals("timers") ? "P1D" : timer),
                        "--disputes.policy.buyer-decision=" + timer,
                        "--disputes.policy.negotiation=PT1H", "--disputes.policy.mediation=PT1H",
                        "--disputes.policy.return-shipment=PT1H", "--disputes.policy.return-receipt=PT1H",
                        "--disputes.webhooks.allow-private-targets=true"));
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            // An earlier run's endpoint listens no more: its deliveries would be tried (and fail) during this one
            try (var statement = db.createStatement()) {
                statement.executeUpdate("UPDATE disputes.webhook_endpoint SET enabled = FALSE");
            }
            int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
            resetHeapPeaks();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("scenario", scenario);
            figures.put("clients", clients);
            String base = "http://127.0.0.1:" + port;
            if (scenario.equals("timers")) {
                new TimerScenario(app, db, disputes, clients).run(figures);
            } else if (scenario.equals("cleanup")) {
                // The run's own resolved disputes are what the expired ones are copied from
                int warmup = Integer.getInteger("bench.warmup", 2_000);
                figures.put("warmup_disputes", warmup);
                warmUp(app, db, base, warmup, clients);
                try (Connection watching = DriverManager.getConnection(url, user, password)) {
                    new CleanupScenario(app, db, watching, base, clients)
                            .run(figures, Long.getLong("bench.expired", 100_000), disputes);
                }
            } else {
                // A live system has many disputes open; the mix runs beside them (their tables' size counts).
                // With bench.history they are opened with the history, after the empty database's figures.
                long history = Long.getLong("bench.history", 0);
                int waiting = Integer.getInteger("bench.waiting", 0);
                String waitingSeller = "bw" + UUID.randomUUID().toString().substring(0, 8);
                figures.put("waiting_disputes", waiting > 0 && history == 0
                        ? WaitingDisputes.openAndKeepWaiting(app, db, waitingSeller, waiting, clients) : 0);
                int warmup = Integer.getInteger("bench.warmup", 20_000);
                figures.put("warmup_disputes", warmup);
                boolean webhook = Boolean.getBoolean("bench.webhook");
                figures.put("webhook", webhook);
                try (WebhookSink sink = webhook ? new WebhookSink() : null) {
                    java.time.Instant measured;
                    MixScenario mix;
                    if (sink != null) {
                        registerEndpoint(app, base, sink);
                    }
                    // The bare engine on the same server, warmed up the same way, measured right before and right
                    // after the mix: the ratio is of one run, and the two rates show how far the machine drifted
                    boolean withBaseline = Boolean.parseBoolean(System.getProperty("bench.baseline", "true"));
                    int baselineLifecycles = Integer.getInteger("bench.baseline.lifecycles", 2_000);
                    try (BaselineScenario baseline = withBaseline
                            ? new BaselineScenario(url, user, password, clients) : null) {
                        if (baseline != null) {
                            baseline.warmUp(Integer.getInteger("bench.baseline.warmup", 8_000));
                        }
                        warmUp(app, db, base, warmup, clients);
                        BaselineScenario.Result baselineBefore = baseline == null ? null : baseline.measure(baselineLifecycles);
                        resetHeapPeaks();
                        System.err.printf("bench: measuring %d disputes%n", disputes);
                        measured = java.time.Instant.now();
                        mix = new MixScenario(app, db, base, disputes, clients);
                        mix.run(figures);
                        if (baseline != null) {
                            figures.putAll(BaselineScenario.Result.figures(baselineBefore,
                                    baseline.measure(baselineLifecycles), figures.get("lifecycles_per_s")));
                        }
                    }
                    if (sink != null) {
                        awaitDeliveries(db);
                        sink.figures(measured, figures);
                    }
                    if (history > 0) {
                        probeLists(base, db, mix, figures);
                        figures.put("grown", grown(app, db, base, disputes, clients, history, waiting, waitingSeller, figures));
                    }
                }
            }
            figures.put("jvm_heap_peak_mb", heapPeakMb());
            figures.put("cpus", Runtime.getRuntime().availableProcessors());
            // PostgreSQL's default is on; without it the engine's runtime tables fill with dead rows
            figures.put("pg_autovacuum", setting(db, "autovacuum"));
            System.out.println(new ObjectMapper().writeValueAsString(figures));
        } finally {
            app.close();
        }
    }

    /**
     * The database grown to a year of disputes: {@code history} resolved ones (copies, {@link DisputeCopies}) and
     * {@code waiting} open ones, then the same mix and list queries again; the ratios are to the empty database's.
     */
    private static Map<String, Object> grown(ConfigurableApplicationContext app, Connection db, String base, int disputes,
                                             int clients, long history, int waiting, String waitingSeller,
                                             Map<String, Object> empty) throws Exception {
        Map<String, Object> grown = new LinkedHashMap<>();
        java.time.Instant started = java.time.Instant.now();
        // Ended from a day to a year ago: none past the diagram's P365D
        grown.put("resolved_disputes_added", new DisputeCopies(db).add(history, Duration.ofDays(1), Duration.ofDays(360)));
        grown.put("fill_seconds", Latencies.seconds(started, java.time.Instant.now()));
        grown.put("waiting_disputes", waiting > 0 ? WaitingDisputes.openAndKeepWaiting(app, db, waitingSeller, waiting, clients) : 0);
        grown.put("database_mb", databaseMb(db));
        // The copies went through no cache: one unmeasured round reads what the mix touches back in
        warmUp(app, db, base, Math.min(disputes, WARMUP_ROUND), clients);
        MixScenario mix = new MixScenario(app, db, base, disputes, clients);
        Map<String, Object> figures = new LinkedHashMap<>();
        mix.run(figures);
        grown.putAll(figures);
        probeLists(base, db, mix, grown);
        grown.put("throughput_ratio", ratio(figures, empty, "lifecycles_per_s"));
        grown.put("open_p99_ratio", ratio(figures, empty, "open_p99_ms"));
        grown.put("action_p99_ratio", ratio(figures, empty, "action_p99_ms"));
        return grown;
    }

    /** The list queries' p99s, asked as the users of {@code mix}, and the slowest of them. */
    private static void probeLists(String base, Connection db, MixScenario mix, Map<String, Object> figures)
            throws SQLException {
        Map<String, Object> lists = new ListProbe(base, db, LIST_PROBE_ROUNDS).p99ByQuery(mix);
        figures.put("list_p99_ms", lists);
        figures.put("list_p99_max_ms", ListProbe.slowest(lists));
    }

    private static Double ratio(Map<String, Object> of, Map<String, Object> to, String figure) {
        Object numerator = of.get(figure);
        Object denominator = to.get(figure);
        return numerator instanceof Number n && denominator instanceof Number d && d.doubleValue() > 0
                ? Latencies.ratio(n.doubleValue(), d.doubleValue()) : null;
    }

    private static long databaseMb(Connection db) throws SQLException {
        try (var rs = db.createStatement().executeQuery("SELECT pg_database_size(current_database()) / (1024 * 1024)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One endpoint on this machine for every event, registered by an integrator of this run. */
    private static void registerEndpoint(ConfigurableApplicationContext app, String base, WebhookSink sink) {
        // A user of this run: an earlier run's benchadmin kept that run's password
        String integrator = "bwi" + UUID.randomUUID().toString().substring(0, 8);
        IdentityService identity = app.getBean(IdentityService.class);
        User account = identity.newUser(integrator);
        account.setPassword(PASSWORD);
        identity.saveUser(account);
        identity.createMembership(integrator, Groups.INTEGRATORS);
        Http.Answer registered = new Http(base, PASSWORD, new Latencies()).post(null, integrator,
                "/api/webhook-endpoints", Map.of("url", sink.url(), "eventTypes", List.of("*")));
        if (registered.status() != 201) {
            throw new IllegalStateException("webhook endpoint not registered: " + registered.body());
        }
    }

    /**
     * The same mix, unmeasured, in rounds that print what a lifecycle cost, so that the figures are of a
     * warmed-up server. On two cores the JIT's one C2 thread needs far longer than a few thousand disputes:
     * after 4,000 most of the compiled code was still profiled C1 code, and a lifecycle cost the JVM 23-26 ms;
     * after 20,000 it cost 16-19 ms (docs/performance.md).
     */
    private static void warmUp(ConfigurableApplicationContext app, Connection db, String base, int disputes,
                               int clients) throws Exception {
        for (int done = 0; done < disputes; done += WARMUP_ROUND) {
            int round = Math.min(WARMUP_ROUND, disputes - done);
            Map<String, Object> figures = new LinkedHashMap<>();
            new MixScenario(app, db, base, round, clients).run(figures);
            System.err.printf("bench: warm-up %d of %d: %s lifecycles/s, CPU ms per lifecycle %s (JVM %s)%n",
                    done + round, disputes, figures.get("lifecycles_per_s"), figures.get("cpu_ms_per_lifecycle"),
                    figures.get("jvm_cpu_ms_per_lifecycle"));
        }
    }

    /** Until no webhook delivery is pending (at most a minute). */
    private static void awaitDeliveries(Connection db) throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            try (var statement = db.createStatement();
                 var rows = statement.executeQuery("SELECT COUNT(*) FROM disputes.webhook_delivery WHERE state = 'PENDING'")) {
                rows.next();
                if (rows.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(200);
        }
    }

    /** Command-line arguments win over application.yaml; -Dbench.args adds more (e.g. tuning). */
    static String[] arguments(String... defaults) {
        List<String> all = new ArrayList<>(List.of(defaults));
        String extra = System.getProperty("bench.args", "");
        if (!extra.isBlank()) {
            all.addAll(List.of(extra.trim().split("\\s+")));
        }
        return all.toArray(String[]::new);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static long commits(Connection db) throws SQLException {
        try (var rs = db.createStatement().executeQuery(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String setting(Connection db, String name) throws SQLException {
        try (var statement = db.prepareStatement("SELECT current_setting(?)")) {
            statement.setString(1, name);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void resetHeapPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeakMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum() / (1024 * 1024);
    }
}
