package org.opendispute.events;

import static org.opendispute.jdbc.SqlTime.ts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.opendispute.jdbc.ClusterSchedule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/** The events as a feed, oldest first after a cursor, for integrators who cannot take webhooks and to replay. */
@Repository
public class EventFeed {

    /** A page of the feed: the events as they were sent (JSON), and the cursor to ask for what follows. */
    public record Page(List<String> items, String next) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EventSettings settings;
    private final ClusterSchedule schedule;

    EventFeed(JdbcClient jdbc, Clock clock, EventSettings settings, ClusterSchedule schedule) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.schedule = schedule;
    }

    /** Events after the cursor (null: from the oldest kept), of the given types (empty: all). */
    public Page after(Long cursor, List<String> types, int limit) {
        record Row(long seq, String body) {
        }
        List<Row> rows = jdbc.sql("SELECT seq, body FROM disputes.dispute_event WHERE seq > :after"
                        + (types.isEmpty() ? "" : " AND type IN (:types)")
                        + " ORDER BY seq FETCH FIRST :limit ROWS ONLY")
                .param("after", cursor == null ? 0L : cursor)
                .param("types", types.isEmpty() ? List.of("") : types)
                .param("limit", limit)
                .query((rs, n) -> new Row(rs.getLong("seq"), rs.getString("body")))
                .list();
        String next = rows.isEmpty() ? (cursor == null ? null : cursor.toString())
                : Long.toString(rows.get(rows.size() - 1).seq());
        return new Page(rows.stream().map(Row::body).toList(), next);
    }

    /** Once an hour across the cluster. */
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT2M")
    void purgeOnSchedule() {
        schedule.runIfDue("event-purge", Duration.ofHours(1), this::purgeExpired);
    }

    /** Events older than the retention go, unless a delivery of theirs is still being tried. */
    public int purgeExpired() {
        return jdbc.sql("""
                DELETE FROM disputes.dispute_event WHERE occurred_at < ?
                  AND NOT EXISTS (SELECT 1 FROM disputes.webhook_delivery d
                                  WHERE d.event_seq = dispute_event.seq AND d.state = 'PENDING')""")
                .param(ts(clock.instant().minus(settings.retention())))
                .update();
    }
}
