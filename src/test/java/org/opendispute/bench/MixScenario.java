package org.opendispute.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.opendispute.dispute.DisputePolicy;
import org.opendispute.dispute.DisputeProcess.Elements;
import org.opendispute.order.Order;
import org.opendispute.order.OrderLine;
import org.opendispute.order.OrderStore;
import org.springframework.context.ConfigurableApplicationContext;


/**
 * The benchmark's measurement of the {@link Mix} against one node: lifecycles per second, latencies, timer lag,
 * commits, statements and CPU per lifecycle.
 */
final class MixScenario {

    private final ConfigurableApplicationContext app;
    private final Connection db;
    private final int disputes;
    private final int clients;
    private final Latencies latencies = new Latencies();
    private final Http http;
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final String seller = "bs" + run;
    private final String mediator = "bm" + run;
    private final String integrator = "bi" + run;
    private final AtomicInteger errors = new AtomicInteger();
    private final Mix mix;

    MixScenario(ConfigurableApplicationContext app, Connection db, String base, int disputes, int clients) {
        this.app = app;
        this.db = db;
        this.disputes = disputes;
        this.clients = clients;
        this.http = new Http(base, Benchmark.PASSWORD, latencies);
        this.mix = new Mix(http, seller, mediator, integrator, this::error);
    }

    void run(Map<String, Object> figures) throws Exception {
        setUp();
        long commitsBefore = Benchmark.commits(db);
        StatementProfile profileBefore = StatementProfile.snapshot(db);
        CpuUse cpu = CpuUse.start();
        Instant started = Instant.now();

        ExecutorService staff = Executors.newFixedThreadPool(2, HarnessThreads.named("staff"));
        staff.submit(mix::mediate);
        staff.submit(mix::handleReturns);
        ExecutorService parties = Executors.newFixedThreadPool(clients, HarnessThreads.named("client"));
        for (int i = 0; i < disputes; i++) {
            int index = i;
            parties.submit(() -> mix.lifecycle(index, buyer(index), orderId(index)));
        }
        parties.shutdown();
        parties.awaitTermination(1, TimeUnit.HOURS);
        Instant partiesDone = Instant.now();
        waitUntilAllResolved(Duration.ofMinutes(20));
        Instant finished = Instant.now();
        cpu.stop();
        mix.stop();
        staff.shutdown();
        staff.awaitTermination(1, TimeUnit.MINUTES);

        Thread.sleep(1500); // PostgreSQL publishes its statistics with a short delay
        double seconds = Duration.between(started, finished).toMillis() / 1000.0;
        figures.put("disputes", disputes);
        figures.put("resolved", resolved());
        figures.put("seconds", Latencies.round(seconds));
        // From the parties' last request to the last dispute resolved: timers, staff and refunds still to come
        figures.put("drain_seconds", Latencies.seconds(partiesDone, finished));
        figures.put("lifecycles_per_s", Latencies.round(disputes / seconds));
        figures.put("open_p50_ms", latencies.percentileMs("open", 50));
        figures.put("open_p99_ms", latencies.percentileMs("open", 99));
        figures.put("action_p50_ms", latencies.percentileMs("action", 50));
        figures.put("action_p99_ms", latencies.percentileMs("action", 99));
        figures.put("timer_lag_p50_ms", timerLagMs(started, 50));
        figures.put("timer_lag_p99_ms", timerLagMs(started, 99));
        figures.put("db_commits_per_lifecycle", Latencies.round((Benchmark.commits(db) - commitsBefore) / (double) disputes));
        StatementProfile profileAfter = StatementProfile.snapshot(db);
        figures.put("sql_statements_per_lifecycle", profileAfter.callsPerLifecycle(profileBefore, disputes));
        figures.put("sql_exec_ms_per_lifecycle", profileAfter.execMsPerLifecycle(profileBefore, disputes));
        figures.put("cpu_ms_per_lifecycle", cpu.machineMsPer(disputes));
        figures.put("jvm_cpu_ms_per_lifecycle", cpu.jvmMsPer(disputes));
        // Of the JVM's, the benchmark's own: its HTTP client, parties, staff and webhook receiver
        figures.put("harness_cpu_ms_per_lifecycle", cpu.harnessMsPer(disputes));
        figures.put("refunds_exactly_once", refundsExactlyOnce());
        figures.put("errors", errors.get());
        figures.put("costliest_statements", profileAfter.costliest(profileBefore, disputes, Integer.getInteger("bench.top", 8)));
    }

    // --- Set-up: users of the identity store and orders (not measured) -------------------------------

    private void setUp() {
        IdentityService identity = app.getBean(IdentityService.class);
        user(identity, seller, "sellers");
        user(identity, mediator, "mediators");
        user(identity, integrator, "integrators");
        OrderStore orders = app.getBean(OrderStore.class);
        Instant shipped = Instant.now().minus(Duration.ofDays(12));
        for (int i = 0; i < disputes; i++) {
            if (i % 5 == 0) {
                user(identity, buyer(i), "buyers");
            }
            orders.save(new Order(orderId(i), buyer(i), seller, Currency.getInstance("EUR"),
                    List.of(new OrderLine("MUG", "Mug", 2, new BigDecimal("20.00")),
                            new OrderLine("LAMP", "Lamp", 1, new BigDecimal("60.00"))),
                    new BigDecimal("5.00"), "CARD", "pay_" + i, "EXPRESS", "EXPRESS", "DHL", "T" + i,
                    shipped.minus(Duration.ofDays(1)), shipped, 30, null, false));
        }
    }

    private static void user(IdentityService identity, String id, String group) {
        User user = identity.newUser(id);
        user.setPassword(Benchmark.PASSWORD);
        identity.saveUser(user);
        identity.createMembership(id, group);
    }

    String seller() {
        return seller;
    }

    String mediator() {
        return mediator;
    }

    String integrator() {
        return integrator;
    }

    /** Five disputes per buyer, under the abuse rules' limit. */
    String buyer(int i) {
        return "bb" + run + (i / 5);
    }

    private String orderId(int i) {
        return "B" + run + "-" + i;
    }

    // --- Results -------------------------------------------------------------------------------------

    private void waitUntilAllResolved(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long last = -1;
        while (Instant.now().isBefore(deadline)) {
            long resolved = resolved();
            if (resolved >= disputes) {
                return;
            }
            if (resolved != last) {
                System.err.printf("bench: %d of %d resolved%n", resolved, disputes);
                last = resolved;
            }
            Thread.sleep(500);
        }
        error("timed out with " + resolved() + " of " + disputes + " resolved");
    }

    private long resolved() {
        return mix.resolved();
    }

    private boolean refundsExactlyOnce() throws SQLException {
        try (var statement = db.prepareStatement("""
                SELECT COUNT(DISTINCT d.dispute_id), COUNT(r.refund_id) FROM disputes.dispute d
                LEFT JOIN disputes.refund r ON r.dispute_id = d.dispute_id WHERE d.seller_id = ?""")) {
            statement.setString(1, seller);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) == disputes && rs.getLong(2) == disputes;
            }
        }
    }

    /**
     * Due time to fired, for the timers of this run, from the activity history: a timer falls due its
     * configured duration after the task it is attached to started, and fires when its boundary event starts.
     */
    private Double timerLagMs(Instant since, double percentile) throws SQLException {
        DisputePolicy policy = app.getBean(DisputePolicy.class);
        List<Long> lags = new ArrayList<>();
        lags.addAll(timerLags(since, Elements.RESPOND_AS_SELLER, Elements.SELLER_RESPONSE_DUE, policy.sellerResponse()));
        lags.addAll(timerLags(since, Elements.CHOOSE_PROPOSAL, Elements.BUYER_DECISION_DUE, policy.buyerDecision()));
        return lags.isEmpty() ? null : Latencies.round(Latencies.percentile(lags, percentile));
    }

    private List<Long> timerLags(Instant since, String task, String timer, Duration after) throws SQLException {
        try (var statement = db.prepareStatement("""
                SELECT EXTRACT(EPOCH FROM (fired.start_time_ - waited.start_time_)) * 1000 FROM act_hi_actinst fired
                JOIN act_hi_actinst waited ON waited.proc_inst_id_ = fired.proc_inst_id_ AND waited.act_id_ = ?
                WHERE fired.act_id_ = ? AND fired.start_time_ >= ?""")) {
            statement.setString(1, task);
            statement.setString(2, timer);
            statement.setTimestamp(3, Timestamp.from(since));
            List<Long> lags = new ArrayList<>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    lags.add(rs.getLong(1) - after.toMillis());
                }
            }
            return lags;
        }
    }

    private void error(String message) {
        if (errors.incrementAndGet() <= 10) {
            System.err.println("bench error: " + message);
        }
    }
}
