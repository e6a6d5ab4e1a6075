package org.opendispute.dispute;

import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every deadline currently running for a dispute, by its {@link Deadline#key() key}. */
@Repository
public class Deadlines {

    private final JdbcClient jdbc;

    public Deadlines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts the deadline, or starts it again from now if it runs already. */
    public void start(String disputeId, Deadline deadline, Instant dueAt) {
        end(disputeId, deadline);
        add(disputeId, deadline, dueAt);
    }

    /** Starts a deadline known not to run: a task's own, once the previous task's has ended. */
    public void add(String disputeId, Deadline deadline, Instant dueAt) {
        jdbc.sql("INSERT INTO disputes.dispute_deadline (dispute_id, name, kind, due_at) VALUES (?, ?, ?, ?)")
                .params(disputeId, deadline.key(), deadline.kind().name(), ts(dueAt))
                .update();
    }

    public Optional<Instant> find(String disputeId, Deadline deadline) {
        return jdbc.sql("SELECT due_at FROM disputes.dispute_deadline WHERE dispute_id = ? AND name = ?")
                .params(disputeId, deadline.key())
                .query((rs, n) -> instant(rs, "due_at"))
                .optional();
    }

    public void end(String disputeId, Deadline deadline) {
        jdbc.sql("DELETE FROM disputes.dispute_deadline WHERE dispute_id = ? AND name = ?")
                .params(disputeId, deadline.key())
                .update();
    }

    public void endAll(String disputeId, Deadline.Kind kind) {
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
