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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.opendispute.dispute.DisputePolicy;
import org.opendispute.dispute.DisputeProcess.Elements;
import org.opendispute.order.Order;
import org.opendispute.order.OrderLine;
import org.opendispute.order.OrderStore;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The issue's fixed mix, every dispute over HTTP: 50% the seller accepts; 20% a counter-proposal is
 * accepted; 15% the seller stays silent (timer); 15% escalation, mediation (a mediator client), the buyer
 * silent (decision timer), return for refund, refund.
 */
final class MixScenario {

    /** How often staff and carriers look again when they found nothing to do (a person, not a busy loop). */
    private static final long IDLE_POLL_MILLIS = 1000;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0};

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
    private final AtomicBoolean done = new AtomicBoolean();

    MixScenario(ConfigurableApplicationContext app, Connection db, String base, int disputes, int clients) {
        this.app = app;
        this.db = db;
        this.disputes = disputes;
        this.clients = clients;
        this.http = new Http(base, Benchmark.PASSWORD, latencies);
    }

    void run(Map<String, Object> figures) throws Exception {
        setUp();
        long commitsBefore = Benchmark.commits(db);
        StatementProfile profileBefore = StatementProfile.snapshot(db);
        long jvmCpuBefore = Benchmark.jvmCpuNanos();
        Long machineCpuBefore = Benchmark.machineBusyNanos();
        Instant started = Instant.now();

        ExecutorService staff = Executors.newFixedThreadPool(2);
        staff.submit(this::mediate);
        staff.submit(this::handleReturns);
        ExecutorService parties = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < disputes; i++) {
            int index = i;
            parties.submit(() -> lifecycle(index));
        }
        parties.shutdown();
        parties.awaitTermination(1, TimeUnit.HOURS);
        Instant partiesDone = Instant.now();
        waitUntilAllResolved(Duration.ofMinutes(20));
        Instant finished = Instant.now();
        long jvmCpu = Benchmark.jvmCpuNanos() - jvmCpuBefore;
        Long machineCpuAfter = Benchmark.machineBusyNanos();
        done.set(true);
        staff.shutdown();
        staff.awaitTermination(1, TimeUnit.MINUTES);

        Thread.sleep(1500); // PostgreSQL publishes its statistics with a short delay
        double seconds = Duration.between(started, finished).toMillis() / 1000.0;
        figures.put("disputes", disputes);
        figures.put("resolved", resolved());
        figures.put("seconds", Latencies.round(seconds));
        // From the parties' last request to the last dispute resolved: timers, staff and refunds still to come
        figures.put("drain_seconds", Latencies.round(Duration.between(partiesDone, finished).toMillis() / 1000.0));
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
        // CPU time per lifecycle; on a machine that runs nothing else, the difference is PostgreSQL's share
        figures.put("cpu_ms_per_lifecycle", machineCpuBefore == null || machineCpuAfter == null ? null
                : Latencies.round((machineCpuAfter - machineCpuBefore) / 1e6 / disputes));
        figures.put("jvm_cpu_ms_per_lifecycle", Latencies.round(jvmCpu / 1e6 / disputes));
        figures.put("refunds_exactly_once", refundsExactlyOnce());
        figures.put("errors", errors.get());
        figures.put("costliest_statements", profileAfter.costliest(profileBefore, disputes, 8));
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

    /** Five disputes per buyer, under the abuse rules' limit. */
    private String buyer(int i) {
        return "bb" + run + (i / 5);
    }

    private String orderId(int i) {
        return "B" + run + "-" + i;
    }

    // --- The parties -------------------------------------------------------------------------------------

    private void lifecycle(int i) {
        try {
            String buyer = buyer(i);
            int path = i % 20;
            if (path < 10) {
                String id = open(buyer, i, "NOT_RECEIVED", Map.of("type", "FULL_REFUND"), List.of());
                expect(200, http.post("action", seller, "/api/disputes/" + id + "/seller-response", Map.of("action", "ACCEPT")));
            } else if (path < 14) {
                String id = open(buyer, i, "NOT_RECEIVED", Map.of("type", "FULL_REFUND"), List.of());
                Http.Answer proposed = http.post("action", seller, "/api/disputes/" + id + "/seller-response",
                        Map.of("action", "PROPOSE", "proposal", Map.of("type", "PARTIAL_REFUND", "amount", Map.of("amount", "30.00", "currency", "EUR"))));
                expect(200, proposed);
                String proposal = proposed.text("/proposals/0/id");
                expect(200, http.post("action", buyer, "/api/disputes/" + id + "/proposals/" + proposal + "/accept", null));
            } else if (path < 17) {
                open(buyer, i, "NOT_RECEIVED", Map.of("type", "PARTIAL_REFUND", "amount", Map.of("amount", "25.00", "currency", "EUR")), List.of());
            } else {
                Http.Answer photo = http.upload("action", buyer, "/api/evidence", "photo.png", PNG);
                expect(201, photo);
                String id = open(buyer, i, "DAMAGED", Map.of("type", "FULL_REFUND"), List.of(photo.text("/id")));
                expect(200, http.post("action", seller, "/api/disputes/" + id + "/seller-response",
                        Map.of("action", "REFUSE", "reason", "Packed with care")));
                expect(200, http.post("action", buyer, "/api/disputes/" + id + "/escalate", null));
            }
        } catch (RuntimeException e) {
            error("dispute " + i + ": " + e.getMessage());
        }
    }

    private String open(String buyer, int i, String reason, Map<String, Object> requested, List<String> evidence) {
        Http.Answer opened = http.post("open", buyer, "/api/disputes", Map.of("orderId", orderId(i), "reason", reason,
                "description", "Benchmark dispute", "requestedResolution", requested, "evidenceIds", evidence));
        expect(201, opened);
        return opened.text("/id");
    }

    /** The mediator works the queue: issues the suggested platform proposal on every mediation task. */
    private void mediate() {
        while (!done.get()) {
            try {
                // The bench's own disputes in mediation (the store knows the parties; the engine has no seller variable)
                Http.Answer queue = http.get(mediator, "/api/disputes?sellerId=" + seller + "&status=IN_MEDIATION&size=50");
                if (queue.body() == null || queue.body().path("items").isEmpty()) {
                    Thread.sleep(IDLE_POLL_MILLIS);
                    continue;
                }
                for (JsonNode dispute : queue.body().path("items")) {
                    Http.Answer tasks = http.get(mediator, "/engine-rest/task?taskDefinitionKey=Task_Mediate"
                            + "&processInstanceBusinessKey=" + dispute.get("id").asText());
                    for (JsonNode task : tasks.body()) {
                        String id = task.get("id").asText();
                        http.post("action", mediator, "/engine-rest/task/" + id + "/claim", Map.of("userId", mediator));
                        expect(204, http.post("action", mediator, "/engine-rest/task/" + id + "/complete",
                                Map.of("variables", Map.of("mediatorAction", Map.of("value", "ISSUE_PROPOSAL")))));
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                error("mediator: " + e.getMessage());
            }
        }
    }

    /** Buyers ship their returns, the carrier reports them delivered, sellers confirm receipt. */
    private void handleReturns() {
        Set<String> shipped = ConcurrentHashMap.newKeySet();
        while (!done.get()) {
            try {
                boolean idle = true;
                for (JsonNode dispute : list("AWAITING_RETURN")) {
                    String id = dispute.get("id").asText();
                    if (shipped.add(id)) {
                        idle = false;
                        String buyer = dispute.get("buyerId").asText();
                        expect(200, http.post("action", buyer, "/api/disputes/" + id + "/return-shipment",
                                Map.of("carrier", "DHL", "trackingNumber", "R" + id)));
                        expect(201, http.post("action", integrator, "/api/orders/" + dispute.get("orderId").asText()
                                + "/tracking-events", Map.of("carrier", "DHL", "trackingNumber", "R" + id,
                                "kind", "DELIVERED", "occurredAt", Instant.now().toString())));
                    }
                }
                for (JsonNode dispute : list("AWAITING_RETURN_RECEIPT")) {
                    idle = false;
                    expect(200, http.post("action", seller, "/api/disputes/" + dispute.get("id").asText()
                            + "/return-receipt", Map.of("condition", "RECEIVED")));
                }
                if (idle) {
                    Thread.sleep(IDLE_POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                error("returns: " + e.getMessage());
            }
        }
    }

    private List<JsonNode> list(String status) {
        Http.Answer page = http.get(seller, "/api/disputes?sellerId=" + seller + "&status=" + status + "&size=100");
        List<JsonNode> items = new ArrayList<>();
        page.body().get("items").forEach(items::add);
        return items;
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
        return http.get(seller, "/api/disputes?sellerId=" + seller + "&status=RESOLVED&size=1").body().get("total").asLong();
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

    private void expect(int status, Http.Answer answer) {
        if (answer.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + answer.status() + " " + answer.body());
        }
    }

    private void error(String message) {
        if (errors.incrementAndGet() <= 10) {
            System.err.println("bench error: " + message);
        }
    }
}
