package org.opendispute.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A killed node costs nothing: starts two nodes of the packaged application together on a fresh database, behind the
 * project's nginx configuration ({@code deploy/nginx}), refunds paid through a Stripe stand-in that counts payments,
 * one webhook endpoint that checks every signature. It drives the benchmark's {@link Mix} across both through the
 * proxy (a client whose node is gone sends again with the same {@code Idempotency-Key}), kills node 1 with SIGKILL
 * once a third of the disputes are open, restarts it, and prints one JSON line of what was lost, doubled or late.
 *
 * <pre>mvn -Preliability -DskipTests verify [-Dreliability.disputes=1000] [-Dreliability.clients=8]
 *     [-Dreliability.restart-after=PT15S]</pre>
 * The database is {@code DISPUTES_TEST_DB_URL}'s server (default 127.0.0.1:5432), database
 * {@code opendispute_reliability}, dropped and created again.
 */
public final class ReliabilityHarness {

    private static final String DATABASE = "opendispute_reliability";
    private static final String PASSWORD = "reliability-" + UUID.randomUUID();
    private static final String ADMIN = "reladmin";
    private static final Duration NODE_READY_WITHIN = Duration.ofMinutes(4);
    private static final Duration RESOLVED_WITHIN = Duration.ofMinutes(10);

    private ReliabilityHarness() {
    }

    public static void main(String[] ignored) throws Exception {
        int disputes = Integer.getInteger("reliability.disputes", 1000);
        int clients = Integer.getInteger("reliability.clients", 8);
        Duration restartAfter = Duration.parse(System.getProperty("reliability.restart-after", "PT15S"));
        Path jar = Path.of(System.getProperty("reliability.jar"));
        Path template = Path.of(System.getProperty("reliability.nginx-template", "deploy/nginx/opendispute.conf.template"));
        Path work = Files.createTempDirectory("opendispute-reliability");
        String serverUrl = Benchmark.env("DISPUTES_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String dbUser = Benchmark.env("DISPUTES_TEST_DB_USER", "postgres");
        String dbPassword = Benchmark.env("DISPUTES_TEST_DB_PASSWORD", "");
        String dbUrl = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + DATABASE;
        recreateDatabase(serverUrl, dbUser, dbPassword);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("disputes", disputes);
        figures.put("clients", clients);
        try (FakeStripe stripe = new FakeStripe(); WebhookSink sink = new WebhookSink()) {
            Map<String, String> environment = Map.ofEntries(
                    Map.entry("SPRING_PROFILES_ACTIVE", "postgres"),
                    Map.entry("DISPUTES_DB_URL", dbUrl), Map.entry("DISPUTES_DB_USER", dbUser),
                    Map.entry("DISPUTES_DB_PASSWORD", dbPassword), Map.entry("DISPUTES_DB_POOL_SIZE", "10"),
                    Map.entry("DISPUTES_ADMIN_USER", ADMIN), Map.entry("DISPUTES_ADMIN_PASSWORD", PASSWORD),
                    Map.entry("DISPUTES_PAYMENTS_PROVIDER", "stripe"), Map.entry("STRIPE_API_KEY", "sk_test_reliability"),
                    Map.entry("STRIPE_API_BASE", stripe.baseUrl()),
                    Map.entry("DISPUTES_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true"));
            Node first = new Node("node-1", freePort(), jar, environment, work);
            Node second = new Node("node-2", freePort(), jar, environment, work);
            int proxyPort = freePort();
            // Both at once on the empty database: start-up must be safe when nodes race
            first.start();
            second.start();
            first.awaitReady();
            second.awaitReady();
            try (Proxy proxy = Proxy.start(template, work, first.port, second.port, proxyPort)) {
                drive(disputes, clients, restartAfter, "http://127.0.0.1:" + proxyPort, first, sink, stripe, dbUrl,
                        dbUser, dbPassword, figures);
            } finally {
                first.stop();
                second.stop();
            }
        }
        System.out.println(new ObjectMapper().writeValueAsString(figures));
        List<String> failed = failedGoals(figures, disputes);
        if (!failed.isEmpty()) {
            throw new IllegalStateException("reliability goals not met: " + String.join("; ", failed)
                    + " (the nodes' logs are in " + work + ")");
        }
    }

    /** The issue's goals: nothing lost, doubled or unannounced, every retry answered, all resolved soon after. */
    static List<String> failedGoals(Map<String, Object> figures, int disputes) {
        List<String> failed = new ArrayList<>();
        Map<String, Long> once = Map.of("1", (long) disputes);
        check(failed, figures, "opened", disputes);
        check(failed, figures, "stored", (long) disputes);
        check(failed, figures, "resolved", (long) disputes);
        check(failed, figures, "orders_with_two_disputes", 0L);
        check(failed, figures, "not_finished", 0L);
        check(failed, figures, "refunds_per_dispute", once);
        check(failed, figures, "payments_at_provider_per_dispute", once);
        check(failed, figures, "status_changes_without_event", 0L);
        check(failed, figures, "bad_signatures", 0);
        check(failed, figures, "retries_never_answered", 0);
        Object late = figures.get("seconds_restart_to_last_resolved");
        if (!(late instanceof Double seconds) || seconds > 90) {
            failed.add("seconds_restart_to_last_resolved " + late + " (at most 90)");
        }
        return failed;
    }

    private static void check(List<String> failed, Map<String, Object> figures, String name, Object expected) {
        if (!expected.equals(figures.get(name))) {
            failed.add(name + " " + figures.get(name) + " (expected " + expected + ")");
        }
    }

    private static void drive(int disputes, int clients, Duration restartAfter, String base, Node victim,
                              WebhookSink sink, FakeStripe stripe, String dbUrl, String dbUser, String dbPassword,
                              Map<String, Object> figures) throws Exception {
        Http http = new Http(base, PASSWORD, new Latencies(), true);
        String run = UUID.randomUUID().toString().substring(0, 6);
        String seller = "rs" + run;
        String mediator = "rm" + run;
        String integrator = "ri" + run;
        user(http, seller, "sellers");
        user(http, mediator, "mediators");
        user(http, integrator, "integrators");
        Http.Answer endpoint = http.post(null, integrator, "/api/webhook-endpoints",
                Map.of("url", sink.url(), "eventTypes", List.of("*")));
        Mix.expect(201, endpoint);
        sink.verifyWith(endpoint.text("/secret"));
        Instant shipped = Instant.now().minus(Duration.ofDays(12));
        for (int i = 0; i < disputes; i++) {
            if (i % 5 == 0) {
                user(http, buyer(run, i), "buyers");
            }
            Http.Answer registered = http.put(integrator, "/api/orders/" + orderId(run, i), order(run, i, seller, shipped));
            if (registered.status() != 200) { // 201 new; 200 when a resent request found it registered
                Mix.expect(201, registered);
            }
        }

        AtomicInteger errors = new AtomicInteger();
        Mix mix = new Mix(http, seller, mediator, integrator, message -> {
            if (errors.incrementAndGet() <= 10) {
                System.err.println("reliability error: " + message);
            }
        });
        ExecutorService staff = Executors.newFixedThreadPool(2);
        staff.submit(mix::mediate);
        staff.submit(mix::handleReturns);
        ExecutorService parties = Executors.newFixedThreadPool(clients);
        Instant started = Instant.now();
        for (int i = 0; i < disputes; i++) {
            int index = i;
            parties.submit(() -> mix.lifecycle(index, buyer(run, index), orderId(run, index)));
        }
        parties.shutdown();

        // A third opened: node 1 dies without a word, and comes back a while later
        while (mix.opened() < disputes / 3 && !parties.isTerminated()) {
            Thread.sleep(50);
        }
        figures.put("killed_at_opened", mix.opened());
        victim.kill();
        Instant killed = Instant.now();
        System.err.printf("reliability: killed %s at %d opened%n", victim.name, mix.opened());
        Thread.sleep(restartAfter.toMillis());
        victim.start();
        Instant restarted = Instant.now();
        victim.awaitReady();
        figures.put("restart_to_ready_s", Latencies.seconds(restarted, Instant.now()));

        parties.awaitTermination(1, TimeUnit.HOURS);
        Instant deadline = Instant.now().plus(RESOLVED_WITHIN);
        long resolved = 0;
        while (Instant.now().isBefore(deadline) && (resolved = mix.resolved()) < disputes) {
            Thread.sleep(500);
        }
        mix.stop();
        staff.shutdown();
        staff.awaitTermination(1, TimeUnit.MINUTES);

        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            awaitDeliveries(db);
            figures.put("opened", mix.opened());
            figures.put("stored", count(db, "SELECT COUNT(*) FROM disputes.dispute"));
            figures.put("orders_with_two_disputes", count(db,
                    "SELECT COUNT(*) FROM (SELECT order_id FROM disputes.dispute GROUP BY order_id HAVING COUNT(*) > 1) twice"));
            figures.put("resolved", count(db, "SELECT COUNT(*) FROM disputes.dispute WHERE status = 'RESOLVED'"));
            figures.put("not_finished", count(db,
                    "SELECT COUNT(*) FROM disputes.dispute WHERE status NOT IN ('RESOLVED', 'CANCELLED')"));
            figures.put("refunds_per_dispute", histogram(db, """
                    SELECT COUNT(r.refund_id) FROM disputes.dispute d
                    LEFT JOIN disputes.refund r ON r.dispute_id = d.dispute_id AND r.state = 'SUCCEEDED'
                    GROUP BY d.dispute_id"""));
            figures.put("payments_at_provider_per_dispute", paymentsPerDispute(db, stripe));
            figures.put("status_changes_without_event", withoutEvent(db, sink));
            figures.put("bad_signatures", sink.badSignatures());
            figures.put("retried_requests", http.retried());
            figures.put("retries_never_answered", http.unanswered());
            figures.put("client_errors", errors.get());
            Instant lastResolved = lastResolved(db);
            figures.put("seconds_kill_to_restart", Latencies.seconds(killed, restarted));
            figures.put("seconds_restart_to_last_resolved", lastResolved == null ? null : Latencies.seconds(restarted, lastResolved));
            figures.put("seconds_total", Latencies.seconds(started, Instant.now()));
        }
        if (resolved < disputes) {
            System.err.printf("reliability: only %d of %d resolved within %s%n", resolved, disputes, RESOLVED_WITHIN);
        }
    }

    // --- Set-up over HTTP, as the marketplace would -----------------------------------------------------

    private static void user(Http http, String id, String group) {
        Mix.expect(204, http.post(null, ADMIN, "/engine-rest/user/create",
                Map.of("profile", Map.of("id", id, "firstName", id, "lastName", "Reliability"),
                        "credentials", Map.of("password", PASSWORD))));
        Mix.expect(204, http.put(ADMIN, "/engine-rest/group/" + group + "/members/" + id, null));
    }

    private static Map<String, Object> order(String run, int i, String seller, Instant shipped) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("buyerId", buyer(run, i));
        order.put("sellerId", seller);
        order.put("currency", "EUR");
        order.put("lines", List.of(Map.of("sku", "MUG", "title", "Mug", "quantity", 2, "unitPrice", "20.00"),
                Map.of("sku", "LAMP", "title", "Lamp", "quantity", 1, "unitPrice", "60.00")));
        order.put("shippingCost", "5.00");
        order.put("paymentMethod", "CARD");
        order.put("paymentReference", "pi_" + run + "_" + i);
        order.put("shippingMethodPaid", "EXPRESS");
        order.put("shippingMethodUsed", "EXPRESS");
        order.put("carrier", "DHL");
        order.put("trackingNumber", "T" + run + i);
        order.put("paidAt", shipped.minus(Duration.ofDays(1)).toString());
        order.put("shippedAt", shipped.toString());
        order.put("promisedDeliveryDays", 30);
        return order;
    }

    private static String buyer(String run, int i) {
        return "rb" + run + (i / 5);
    }

    private static String orderId(String run, int i) {
        return "R" + run + "-" + i;
    }

    // --- What the store, the provider and the receiver saw -----------------------------------------------

    /** Each dispute's changes are versioned 1..event_version; any the receiver never got is a change without its event. */
    private static long withoutEvent(Connection db, WebhookSink sink) throws SQLException {
        Set<String> expected = new HashSet<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT dispute_id, event_version FROM disputes.dispute")) {
            while (rows.next()) {
                for (int version = 1; version <= rows.getInt(2); version++) {
                    expected.add(rows.getString(1) + "#" + version);
                }
            }
        }
        expected.removeAll(sink.disputeVersions());
        return expected.size();
    }

    private static Map<String, Long> paymentsPerDispute(Connection db, FakeStripe stripe) throws SQLException {
        Map<String, Integer> payments = stripe.paymentsPerDispute();
        Map<String, Long> histogram = new TreeMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT dispute_id FROM disputes.dispute")) {
            while (rows.next()) {
                histogram.merge(Integer.toString(payments.getOrDefault(rows.getString(1), 0)), 1L, Long::sum);
            }
        }
        return histogram;
    }

    private static Map<String, Long> histogram(Connection db, String sql) throws SQLException {
        Map<String, Long> histogram = new TreeMap<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                histogram.merge(Long.toString(rows.getLong(1)), 1L, Long::sum);
            }
        }
        return histogram;
    }

    private static Instant lastResolved(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(resolved_at) FROM disputes.dispute WHERE status = 'RESOLVED'")) {
            rows.next();
            return rows.getTimestamp(1) == null ? null : rows.getTimestamp(1).toInstant();
        }
    }

    /** Until no webhook delivery waits (at most two minutes: a delivery the dead node had claimed waits out its claim). */
    private static void awaitDeliveries(Connection db) throws Exception {
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(until)
                && count(db, "SELECT COUNT(*) FROM disputes.webhook_delivery WHERE state = 'PENDING'") > 0) {
            Thread.sleep(500);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void recreateDatabase(String serverUrl, String user, String password) throws SQLException {
        String maintenance = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + "postgres";
        try (Connection db = DriverManager.getConnection(maintenance, user, password);
             Statement statement = db.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // --- The processes --------------------------------------------------------------------------------

    /** One node: the packaged jar in a JVM of its own, its log in the work directory. */
    private static final class Node {

        private final String name;
        private final int port;
        private final Path jar;
        private final Map<String, String> environment;
        private final Path log;
        private Process process;

        Node(String name, int port, Path jar, Map<String, String> environment, Path work) {
            this.name = name;
            this.port = port;
            this.jar = jar;
            this.environment = environment;
            this.log = work.resolve(name + ".log");
        }

        void start() throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-XX:+UseSerialGC",
                    "-jar", jar.toString(), "--server.port=" + port, "--logging.level.root=WARN",
                    // The benchmark's short timers, so that silent parties' paths end within the run
                    "--disputes.policy.seller-response=PT3S", "--disputes.policy.buyer-decision=PT3S",
                    "--disputes.policy.negotiation=PT1H", "--disputes.policy.mediation=PT1H",
                    "--disputes.policy.return-shipment=PT1H", "--disputes.policy.return-receipt=PT1H"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            Process started = process;
            // However the harness ends, its nodes end with it
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        }

        /** SIGKILL: no shutdown hook, no transaction finished, no lock given back. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }

        void awaitReady() throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plus(NODE_READY_WITHIN);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " stopped during start-up; see " + log);
                }
                try {
                    HttpResponse<String> readiness = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (readiness.statusCode() == 200 && readiness.body().contains("\"UP\"")) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // starting
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException(name + " not ready within " + NODE_READY_WITHIN + "; see " + log);
        }
    }

    /** Debian's nginx with the project's configuration, rendered for the two local nodes; checked with nginx -t first. */
    private static final class Proxy implements AutoCloseable {

        private final Process process;

        private Proxy(Process process) {
            this.process = process;
        }

        static Proxy start(Path template, Path work, int node1, int node2, int port) throws Exception {
            Path root = Files.createDirectories(work.resolve("nginx"));
            for (String temp : List.of("body", "proxy", "fastcgi", "uwsgi", "scgi")) {
                Files.createDirectories(root.resolve(temp)).toFile().setWritable(true, false);
            }
            String site = Files.readString(template)
                    .replace("${OPENDISPUTE_NODE_1}", "127.0.0.1:" + node1)
                    .replace("${OPENDISPUTE_NODE_2}", "127.0.0.1:" + node2)
                    .replace("${OPENDISPUTE_PROXY_PORT}", "127.0.0.1:" + port);
            Files.writeString(root.resolve("opendispute.conf"), site);
            Files.writeString(root.resolve("nginx.conf"), """
                    worker_processes 1;
                    daemon off;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log warn;
                    events { worker_connections 1024; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/body;
                        proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi;
                        uwsgi_temp_path %1$s/uwsgi;
                        scgi_temp_path %1$s/scgi;
                        include %1$s/opendispute.conf;
                    }
                    """.formatted(root));
            String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
            Process check = new ProcessBuilder(nginx, "-t", "-p", root.toString(), "-c", root.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).start();
            String checked = new String(check.getInputStream().readAllBytes());
            if (check.waitFor() != 0) {
                throw new IllegalStateException("nginx -t refused the proxy configuration:\n" + checked);
            }
            Process process = new ProcessBuilder(nginx, "-p", root.toString(), "-c", root.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).redirectOutput(root.resolve("nginx.out").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 50; i++) {
                try {
                    client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                            .build(), HttpResponse.BodyHandlers.discarding());
                    return new Proxy(process);
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("nginx did not listen on " + port);
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
