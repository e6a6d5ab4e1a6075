package org.opendispute.support;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;

/** The store's schema on an in-memory H2 database, the embedded default, migrated as the application does it. */
public final class EmbeddedStore {

    private EmbeddedStore() {
    }

    /** Migrates the database at this URL ({@code sa}, no password); Java migrations are named, as Spring names its beans. */
    public static void migrate(String url, JavaMigration... javaMigrations) {
        Flyway.configure()
                .dataSource(url, "sa", "")
                .schemas("DISPUTES").defaultSchema("DISPUTES")
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .javaMigrations(javaMigrations)
                .load()
                .migrate();
    }
}
