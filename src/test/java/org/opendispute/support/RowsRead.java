package org.opendispute.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/** What the current PostgreSQL transaction has read of a table so far: a query's cost in rows, not in time. */
public final class RowsRead {

    private RowsRead() {
    }

    /** Rows of the table (lower-case name) read in this transaction, by scans and through indexes. */
    public static long ofTable(JdbcClient jdbc, String table) {
        return jdbc.sql("""
                SELECT seq_tup_read + COALESCE(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables WHERE relname = ?""")
                .param(table).query(Long.class).single();
    }
}
