package org.opendispute.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/** What the current PostgreSQL transaction has read of a table so far: a query's cost in rows and looks, not in time. */
public final class RowsRead {

    private RowsRead() {
    }

    /** Rows of the table (lower-case name) read in this transaction, by scans and through indexes. */
    public static long ofTable(JdbcClient jdbc, String table) {
        return jdbc.sql("""
                SELECT seq_tup_read + COALESCE(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables WHERE relname = ?""")
                .param(table).query(Long.class).single();
    }

    /** Times the table (lower-case name) was looked into in this transaction, whole or by an index, found or not. */
    public static long scansOfTable(JdbcClient jdbc, String table) {
        return jdbc.sql("""
                SELECT seq_scan + COALESCE(idx_scan, 0) FROM pg_stat_xact_user_tables WHERE relname = ?""")
                .param(table).query(Long.class).single();
    }
}
