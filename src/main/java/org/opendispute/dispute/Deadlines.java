package org.opendispute.dispute;

import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every deadline currently running for a dispute, by name. A stage deadline (negotiation, mediation)
 * runs for the whole stage; a task deadline for the one task a party is working on.
 */
@Repository
public class Deadlines {

    public enum Kind { STAGE, TASK }

    private final JdbcClient jdbc;

    public Deadlines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts the deadline, or starts it again from now if it runs already. */
    public void start(String disputeId, String name, Kind kind, Instant dueAt) {
        end(disputeId, name);
        add(disputeId, name, kind, dueAt);
    }

    /** Starts a deadline known not to run: a task's own, once the previous task's has ended. */
    public void add(String disputeId, String name, Kind kind, Instant dueAt) {
        jdbc.sql("INSERT INTO disputes.dispute_deadline (dispute_id, name, kind, due_at) VALUES (?, ?, ?, ?)")
                .params(disputeId, name, kind.name(), ts(dueAt))
                .update();
    }

    public Optional<Instant> find(String disputeId, String name) {
        return jdbc.sql("SELECT due_at FROM disputes.dispute_deadline WHERE dispute_id = ? AND name = ?")
                .params(disputeId, name)
                .query((rs, n) -> instant(rs, "due_at"))
                .optional();
    }

    public void end(String disputeId, String name) {
        jdbc.sql("DELETE FROM disputes.dispute_deadline WHERE dispute_id = ? AND name = ?")
                .params(disputeId, name)
                .update();
    }

    public void endAll(String disputeId, Kind kind) {
        jdbc.sql("DELETE FROM disputes.dispute_deadline WHERE dispute_id = ? AND kind = ?")
                .params(disputeId, kind.name())
                .update();
    }

    public void endAll(String disputeId) {
        jdbc.sql("DELETE FROM disputes.dispute_deadline WHERE dispute_id = ?").param(disputeId).update();
    }

    public Map<String, Instant> running(String disputeId) {
        Map<String, Instant> deadlines = new LinkedHashMap<>();
        jdbc.sql("SELECT name, due_at FROM disputes.dispute_deadline WHERE dispute_id = ? ORDER BY due_at")
                .param(disputeId)
                .query(rs -> {
                    deadlines.put(rs.getString("name"), instant(rs, "due_at"));
                });
        return deadlines;
    }
}
