package org.opendispute.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What PostgreSQL spent executing each statement between two snapshots of {@code pg_stat_statements}, so
 * that a run says where its database time went without resetting anybody's statistics. Empty without the
 * extension.
 */
final class StatementProfile {

    private record Totals(String query, long calls, double ms) {
    }

    private final Map<Long, Totals> totals;

    private StatementProfile(Map<Long, Totals> totals) {
        this.totals = totals;
    }

    /** Creates the extension where PostgreSQL preloads it (it answers only in a database that has it). */
    static StatementProfile snapshot(Connection db) {
        try (var create = db.createStatement()) {
            create.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        } catch (SQLException notPreloaded) {
            return new StatementProfile(Map.of());
        }
        Map<Long, Totals> totals = new HashMap<>();
        try (var rs = db.createStatement().executeQuery("""
                SELECT queryid, query, calls, total_exec_time FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())""")) {
            while (rs.next()) {
                totals.merge(rs.getLong(1), new Totals(rs.getString(2), rs.getLong(3), rs.getDouble(4)),
                        (a, b) -> new Totals(a.query(), a.calls() + b.calls(), a.ms() + b.ms()));
            }
        } catch (SQLException noExtension) {
            return new StatementProfile(Map.of());
        }
        return new StatementProfile(totals);
    }

    /** Statements executed since {@code earlier}, per lifecycle, or null without the extension. */
    Double callsPerLifecycle(StatementProfile earlier, int lifecycles) {
        return totals.isEmpty() ? null
                : Latencies.round(since(earlier).stream().mapToLong(Totals::calls).sum() / (double) lifecycles);
    }

    /** Execution time of all statements since {@code earlier}, per lifecycle, or null without the extension. */
    Double execMsPerLifecycle(StatementProfile earlier, int lifecycles) {
        return totals.isEmpty() ? null
                : Latencies.round(since(earlier).stream().mapToDouble(Totals::ms).sum() / lifecycles);
    }

    /** The statements that took longest since {@code earlier}: calls and milliseconds per lifecycle. */
    List<Map<String, Object>> costliest(StatementProfile earlier, int lifecycles, int count) {
        return since(earlier).stream()
                .sorted(Comparator.comparingDouble(Totals::ms).reversed())
                .limit(count)
                .map(statement -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("ms_per_lifecycle", Latencies.round(statement.ms() / lifecycles));
                    row.put("calls_per_lifecycle", Latencies.round(statement.calls() / (double) lifecycles));
                    String query = statement.query().replaceAll("\\s+", " ");
                    row.put("statement", query.length() > 100 ? query.substring(0, 100) + "…" : query);
                    return row;
                })
                .toList();
    }

    private List<Totals> since(StatementProfile earlier) {
        List<Totals> differences = new ArrayList<>();
        totals.forEach((id, now) -> {
            Totals then = earlier.totals.getOrDefault(id, new Totals(now.query(), 0, 0));
            if (now.calls() > then.calls()) {
                differences.add(new Totals(now.query(), now.calls() - then.calls(), now.ms() - then.ms()));
            }
        });
        return differences;
    }
}
