package org.opendispute.jdbc;

import static org.opendispute.jdbc.SqlTime.ts;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Periodic work that the cluster does once per period, not once per node: each node looks often (its
 * {@code @Scheduled} delay), and the first to find the task due takes its next run in one conditional update, so a
 * dead node's turn passes to another within one look. The work itself must still be safe to repeat (a node may die
 * halfway through); it is the repetition per node that this saves.
 */
@Component
public class ClusterSchedule {

    /** This node in {@code last_run_by}: its process and host, as the JVM names them. */
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final JdbcClient jdbc;
    private final Clock clock;

    public ClusterSchedule(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Runs the work if no node ran it within the period; answers whether this node ran it. */
    public boolean runIfDue(String task, Duration every, Runnable work) {
        if (!takeTurn(task, every)) {
            return false;
        }
        work.run();
        return true;
    }

    boolean takeTurn(String task, Duration every) {
        Instant now = clock.instant();
        int taken = jdbc.sql("""
                UPDATE disputes.periodic_task SET next_run_at = ?, last_run_by = ?, last_run_at = ?
                WHERE name = ? AND next_run_at <= ?""")
                .params(ts(now.plus(every)), NODE, ts(now), task, ts(now))
                .update();
        if (taken == 1) {
            return true;
        }
        boolean known = jdbc.sql("SELECT COUNT(*) FROM disputes.periodic_task WHERE name = ?").param(task)
                .query(Long.class).single() > 0;
        if (known) {
            return false;
        }
        try {
            // The task's first run ever
            return jdbc.sql("INSERT INTO disputes.periodic_task (name, next_run_at, last_run_by, last_run_at) VALUES (?, ?, ?, ?)")
                    .params(task, ts(now.plus(every)), NODE, ts(now))
                    .update() == 1;
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            return false;
        }
    }
}
