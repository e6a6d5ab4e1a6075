package org.opendispute.dispute;

import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only timeline of a dispute: what happened, by whom, when. Nothing here is ever updated. */
@Repository
public class DisputeHistory {

    /** The actor of steps the platform takes on its own (deadlines, rules). */
    public static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher changes;

    public DisputeHistory(JdbcClient jdbc, Clock clock, ApplicationEventPublisher changes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.changes = changes;
    }

    public void record(String disputeId, HistoryEvent event, String actor, String detail) {
        record(disputeId, event, actor, detail, Map.of());
    }

    /** A step whose event carries facts of its own besides the dispute's state. */
    public void record(String disputeId, HistoryEvent event, String actor, String detail, Map<String, Object> facts) {
        jdbc.sql("""
                INSERT INTO disputes.dispute_history (dispute_id, event, actor, detail, occurred_at)
                VALUES (?, ?, ?, ?, ?)""")
                .params(disputeId, event.name(), actor == null ? SYSTEM : actor, detail, ts(clock.instant()))
                .update();
        changes.publishEvent(DisputeChanged.step(disputeId, event, actor == null ? SYSTEM : actor, detail, facts));
    }

    public List<Entry> of(String disputeId) {
        return jdbc.sql("""
                SELECT event, actor, detail, occurred_at FROM disputes.dispute_history
                WHERE dispute_id = ? ORDER BY entry_id""")
                .param(disputeId)
                .query((rs, n) -> new Entry(rs.getString("event"), rs.getString("actor"), rs.getString("detail"),
                        instant(rs, "occurred_at")))
                .list();
    }

    /** The timeline as a caller sees it: without the staff-only entries unless the caller is staff. */
    public List<Entry> of(String disputeId, boolean staff) {
        List<Entry> entries = of(disputeId);
        return staff ? entries : entries.stream().filter(entry -> !STAFF_ONLY.contains(entry.event())).toList();
    }

    private static final Set<String> STAFF_ONLY = Stream.of(HistoryEvent.values())
            .filter(HistoryEvent::staffOnly).map(HistoryEvent::name).collect(Collectors.toUnmodifiableSet());

    public record Entry(String event, String actor, String detail, Instant occurredAt) {
    }
}
