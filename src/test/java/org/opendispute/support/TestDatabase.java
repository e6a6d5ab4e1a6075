package org.opendispute.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Connects the tests to PostgreSQL before any context starts. When none answers, the tests fail with
 * the way to start one, never skip. Once per test run it empties the database, so every run starts
 * from the same schema and no test depends on what an earlier run left behind.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final AtomicBoolean RESET = new AtomicBoolean();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Environment env = context.getEnvironment();
        prepare(env.getRequiredProperty("spring.datasource.url"), env.getProperty("spring.datasource.username"),
                env.getProperty("spring.datasource.password"));
    }

    /** Checks that the database answers and, the first time in this test run, empties it. */
    public static void prepare(String url, String user, String password) {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            if (RESET.compareAndSet(false, true)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA IF EXISTS disputes CASCADE");
                    statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
                    statement.execute("CREATE SCHEMA public");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("""
                    The tests need PostgreSQL and none answers at %s (%s).
                    Start the local one:  pg_ctlcluster 15 main start   (or: apt-get install -y postgresql)
                    or with Docker:       docker compose up -d db
                    or point DISPUTES_TEST_DB_URL / DISPUTES_TEST_DB_USER / DISPUTES_TEST_DB_PASSWORD at one."""
                    .formatted(url, e.getMessage()), e);
        }
    }
}
