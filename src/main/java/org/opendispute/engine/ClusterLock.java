package org.opendispute.engine;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Work that two nodes of one database must not do at once, such as start-up's check-then-create of groups, grants
 * and filters. On PostgreSQL the lock is a session-level advisory lock, taken on a connection of its own and given
 * back when the work ends or the connection drops (a node killed while holding it holds it no longer). Other
 * databases are the embedded one, which one node opens: a lock of this JVM suffices.
 */
@Component
public class ClusterLock {

    /** The lock of start-up's set-up steps (groups, grants, filters, demo data), taken by each in turn. */
    public static final String START_UP = "start-up";

    private static final long RETRY_MILLIS = 200;

    private final DataSource dataSource;
    private final ReentrantLock local = new ReentrantLock();
    private volatile Boolean postgres;

    public ClusterLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the work once no other node runs work under the same name; waits for it meanwhile. */
    public void exclusively(String name, Runnable work) {
        try (Held held = hold(name)) {
            work.run();
        }
    }

    /** Takes the lock, for work that begins and ends in different places (the engine's build); close gives it back. */
    public Held hold(String name) {
        if (!isPostgres()) {
            local.lock();
            return local::unlock;
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not take the cluster lock " + name, e);
        }
        long key = key(name);
        try {
            connection.setAutoCommit(true);
            // Tried, not waited for: a session waiting in pg_advisory_lock is a running transaction, and the holder's
            // CREATE INDEX CONCURRENTLY waits for every running transaction: each would wait for the other
            while (!tryLock(connection, key)) {
                Thread.sleep(RETRY_MILLIS);
            }
        } catch (SQLException | InterruptedException | RuntimeException e) {
            close(connection);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new DataAccessResourceFailureException("Could not take the cluster lock " + name, e);
        }
        return () -> {
            try {
                call(connection, "SELECT pg_advisory_unlock(?)", key);
            } catch (SQLException e) {
                // Closing the connection gives the lock back as well
            } finally {
                close(connection);
            }
        };
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // gone already: so is its lock
        }
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /** A lock taken; closing it never throws. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private boolean isPostgres() {
        if (postgres == null) {
            try (Connection connection = dataSource.getConnection()) {
                postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("Could not reach the database", e);
            }
        }
        return postgres;
    }

    /** The advisory lock's 64-bit key: a fixed prefix (ours among other users of the database) and the name's hash. */
    static long key(String name) {
        CRC32C crc = new CRC32C();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (0x4F44L << 32) | crc.getValue();
    }

    private static void call(Connection connection, String sql, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key);
            statement.execute();
        }
    }
}
