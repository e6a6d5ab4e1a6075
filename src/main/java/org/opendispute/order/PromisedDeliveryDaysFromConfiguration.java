package org.opendispute.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Store migration 7: the schema no longer fixes the longest promised delivery time (it said 60 days); the API
 * checks {@code disputes.policy.max-promised-delivery-days}, and the schema only that it is at least a day.
 * In Java because the old check was unnamed, and H2 and PostgreSQL named it differently: it is found by what it
 * checks. Spring Boot hands every {@link JavaMigration} bean to Flyway.
 */
@Component
class PromisedDeliveryDaysFromConfiguration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("7");
    }

    @Override
    public String getDescription() {
        return "promised delivery days from configuration";
    }

    @Override
    public Integer getChecksum() {
        return 7;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        List<String> checks = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT constraint_name FROM information_schema.check_constraints
                WHERE UPPER(constraint_schema) = 'DISPUTES'
                  AND UPPER(check_clause) LIKE '%PROMISED_DELIVERY_DAYS%'
                  AND UPPER(check_clause) NOT LIKE '%IS NOT NULL%'""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                checks.add(rows.getString(1));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String check : checks) {
                statement.execute("ALTER TABLE disputes.marketplace_order DROP CONSTRAINT \"" + check + "\"");
            }
            statement.execute("ALTER TABLE disputes.marketplace_order ADD CONSTRAINT ck_order_promised_delivery_days "
                    + "CHECK (promised_delivery_days >= 1)");
        }
    }
}
