package org.opendispute.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.opendispute.dispute.Groups;

/**
 * Every list and search the API answers, asked the way its users ask it, one request at a time on a server with
 * nothing else to do: what the question costs with the data in the database, not what queueing behind a busy
 * server adds. Each query is asked {@code rounds} times; the figures are its p99 in milliseconds.
 */
final class ListProbe {

    private final Http http;
    private final Connection db;
    private final int rounds;

    ListProbe(String base, Connection db, int rounds) {
        this.http = new Http(base, Benchmark.PASSWORD, new Latencies());
        this.db = db;
        this.rounds = rounds;
    }

    /** p99 per query, keyed by a name that says who asks what; -1 for a query that was not answered 200. */
    Map<String, Object> p99ByQuery(MixScenario run) throws SQLException {
        String dispute = firstDispute(run.buyer(0));
        String endpoint = firstEnabledEndpoint();
        Map<String, String[]> queries = new LinkedHashMap<>();
        queries.put("buyer_own_disputes", new String[] {run.buyer(0), "/api/disputes"});
        queries.put("seller_own_disputes", new String[] {run.seller(), "/api/disputes?sellerId=" + run.seller()});
        queries.put("staff_disputes_by_status", new String[] {run.mediator(), "/api/disputes?status=AWAITING_SELLER"});
        queries.put("integrator_all_disputes", new String[] {run.integrator(), "/api/disputes"});
        queries.put("integrator_all_disputes_page_50", new String[] {run.integrator(), "/api/disputes?page=50"});
        queries.put("dispute_timeline", new String[] {run.buyer(0), "/api/disputes/" + dispute + "/history"});
        queries.put("dispute_messages", new String[] {run.buyer(0), "/api/disputes/" + dispute + "/messages"});
        queries.put("integrator_seller_statistics", new String[] {run.integrator(), "/api/sellers/" + run.seller() + "/statistics"});
        queries.put("staff_accounts_for_review", new String[] {run.mediator(), "/api/accounts/review"});
        queries.put("integrator_event_feed", new String[] {run.integrator(), "/api/events?after=" + lastEventSeqBut(500)});
        queries.put("integrator_webhook_endpoints", new String[] {run.integrator(), "/api/webhook-endpoints"});
        if (endpoint != null) {
            queries.put("integrator_webhook_deliveries",
                    new String[] {run.integrator(), "/api/webhook-endpoints/" + endpoint + "/deliveries"});
        }
        // Tasklist's queue of a mediator, through the engine's REST API
        queries.put("tasklist_mediator_queue", new String[] {run.mediator(),
                "/engine-rest/task?candidateGroup=" + Groups.MEDIATORS + "&firstResult=0&maxResults=15&sortBy=created&sortOrder=desc"});
        Map<String, Object> p99 = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> query : queries.entrySet()) {
            String[] userAndPath = query.getValue();
            boolean answered = true;
            for (int i = 0; i < rounds; i++) {
                answered &= http.get(query.getKey(), userAndPath[0], userAndPath[1]).status() == 200;
            }
            p99.put(query.getKey(), answered ? http.latencies.percentileMs(query.getKey(), 99) : -1);
        }
        return p99;
    }

    /** The slowest query's p99 (or -1 when one was not answered). */
    static double slowest(Map<String, Object> p99) {
        double slowest = 0;
        for (Object value : p99.values()) {
            double ms = ((Number) value).doubleValue();
            if (ms < 0) {
                return -1;
            }
            slowest = Math.max(slowest, ms);
        }
        return slowest;
    }

    /** A dispute of the buyer who asks for its timeline and messages. */
    private String firstDispute(String buyer) throws SQLException {
        try (var statement = db.prepareStatement(
                "SELECT dispute_id FROM disputes.dispute WHERE buyer_id = ? ORDER BY opened_at LIMIT 1")) {
            statement.setString(1, buyer);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private String firstEnabledEndpoint() throws SQLException {
        try (var rs = db.createStatement().executeQuery(
                "SELECT endpoint_id FROM disputes.webhook_endpoint WHERE enabled ORDER BY endpoint_id LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** A cursor an integrator catching up would hold: some hundred events behind. */
    private long lastEventSeqBut(int behind) throws SQLException {
        try (var rs = db.createStatement().executeQuery("SELECT COALESCE(MAX(seq), 0) FROM disputes.dispute_event")) {
            rs.next();
            return Math.max(0, rs.getLong(1) - behind);
        }
    }
}
