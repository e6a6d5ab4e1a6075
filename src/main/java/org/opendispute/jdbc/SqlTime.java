package org.opendispute.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** Instants to and from {@code TIMESTAMP WITH TIME ZONE} columns, null-safe. */
public final class SqlTime {

    private SqlTime() {
    }

    public static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** Seconds from the timestamp to now, never negative; 0 when there is none (no row). */
    public static double secondsSince(Timestamp then, Instant now) {
        return then == null ? 0 : Math.max(0, Duration.between(then.toInstant(), now).toMillis() / 1000.0);
    }
}
