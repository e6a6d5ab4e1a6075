package org.opendispute.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.opendispute.support.EmbeddedStore;

/**
 * The store's migrations on H2, the embedded default, where constraint names differ from PostgreSQL's (the
 * suite's database): the promised delivery time is capped by configuration, never by the schema.
 */
class EmbeddedStoreMigrationTest {

    private static final String URL = "jdbc:h2:mem:migrations;DB_CLOSE_DELAY=-1";

    @Test
    void onH2AListPagesTotalCountsTheDisputesAndNothingWaitsToBeFolded() throws SQLException {
        migrate();
        try (Connection connection = DriverManager.getConnection(URL, "sa", "");
             Statement statement = connection.createStatement()) {
            var total = statement.executeQuery("SELECT COALESCE(SUM(disputes), 0) FROM disputes.dispute_count");
            total.next();
            assertThat(total.getLong(1)).isZero();
            var changes = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM disputes.dispute_tally_change)");
            changes.next();
            assertThat(changes.getBoolean(1)).isFalse();
        }
    }

    @Test
    void onH2ThePromisedDeliveryTimeIsAtLeastADayAndNoLongerAtMostSixty() throws SQLException {
        migrate();

        try (Connection connection = DriverManager.getConnection(URL, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM disputes.marketplace_order");
            statement.execute(order("ORD-75", 75));
            assertThatThrownBy(() -> statement.execute(order("ORD-0", 0))).isInstanceOf(SQLException.class);
            var count = statement.executeQuery("SELECT COUNT(*) FROM disputes.marketplace_order");
            count.next();
            assertThat(count.getInt(1)).isEqualTo(1);
        }
    }

    private static void migrate() {
        EmbeddedStore.migrate(URL, new PromisedDeliveryDaysFromConfiguration());
    }

    private static String order(String id, int promisedDays) {
        return "INSERT INTO disputes.marketplace_order (order_id, buyer_id, seller_id, currency, shipping_cost,"
                + " payment_method, payment_reference, paid_at, promised_delivery_days, registered_at, updated_at)"
                + " VALUES ('" + id + "', 'b', 's', 'EUR', 0, 'CARD', 'ch_1', CURRENT_TIMESTAMP, " + promisedDays
                + ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)";
    }
}
