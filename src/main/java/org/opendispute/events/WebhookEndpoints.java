package org.opendispute.events;

import static org.opendispute.jdbc.SqlTime.instant;
import static org.opendispute.jdbc.SqlTime.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The integrators' webhook endpoints: where events go, which ones, and the secrets that sign them. */
@Repository
public class WebhookEndpoints {

    public static final String ALL = "*";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WebhookSettings settings;

    WebhookEndpoints(JdbcClient jdbc, Clock clock, WebhookSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    /** An endpoint as the API shows it; its secret only when it was just made. */
    public record Endpoint(String id, String url, List<String> eventTypes, boolean enabled, String disabledReason,
                           Instant createdAt) {
    }

    /** What signs deliveries now: the current secret, and the one before it during its grace period. */
    record Secrets(String current, String previous) {
    }

    /** A registered endpoint and its secret, shown this once. */
    public record Registered(Endpoint endpoint, String secret) {
    }

    public Registered register(String url, List<String> eventTypes, String createdBy) {
        String id = "we_" + UUID.randomUUID().toString().replace("-", "");
        String secret = WebhookSignature.newSecret();
        jdbc.sql("""
                INSERT INTO disputes.webhook_endpoint (endpoint_id, url, event_types, enabled, secret, created_by, created_at)
                VALUES (?, ?, ?, TRUE, ?, ?, ?)""")
                .params(id, url, String.join(",", eventTypes), secret, createdBy, ts(clock.instant()))
                .update();
        return new Registered(find(id).orElseThrow(), secret);
    }

    public List<Endpoint> list() {
        return jdbc.sql("SELECT * FROM disputes.webhook_endpoint ORDER BY created_at, endpoint_id")
                .query(WebhookEndpoints::endpoint).list();
    }

    public Optional<Endpoint> find(String id) {
        return jdbc.sql("SELECT * FROM disputes.webhook_endpoint WHERE endpoint_id = ?").param(id)
                .query(WebhookEndpoints::endpoint).optional();
    }

    public void disable(String id, String reason) {
        jdbc.sql("UPDATE disputes.webhook_endpoint SET enabled = FALSE, disabled_reason = ? WHERE endpoint_id = ?")
                .params(reason, id).update();
    }

    /** Enabled again: what it missed while disabled is not sent (the feed has it). */
    public void enable(String id) {
        jdbc.sql("UPDATE disputes.webhook_endpoint SET enabled = TRUE, disabled_reason = NULL WHERE endpoint_id = ?")
                .param(id).update();
    }

    public boolean delete(String id) {
        return jdbc.sql("DELETE FROM disputes.webhook_endpoint WHERE endpoint_id = ?").param(id).update() > 0;
    }

    /** A new secret signs from now on; the old one signs beside it for the grace period. */
    public String rotate(String id) {
        String secret = WebhookSignature.newSecret();
        jdbc.sql("""
                UPDATE disputes.webhook_endpoint SET previous_secret = secret, previous_secret_until = ?, secret = ?
                WHERE endpoint_id = ?""")
                .params(ts(clock.instant().plus(settings.secretGrace())), secret, id).update();
        return secret;
    }

    /** An enabled endpoint with what signs its deliveries now, in one read: the dispatcher's each round. */
    record Target(Endpoint endpoint, Secrets secrets) {
    }

    Optional<Target> enabledTarget(String id) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT * FROM disputes.webhook_endpoint WHERE endpoint_id = ? AND enabled = TRUE")
                .param(id)
                .query((rs, n) -> {
                    Instant until = instant(rs, "previous_secret_until");
                    return new Target(endpoint(rs, n), new Secrets(rs.getString("secret"),
                            until != null && until.isAfter(now) ? rs.getString("previous_secret") : null));
                })
                .optional();
    }

    private static Endpoint endpoint(ResultSet rs, int n) throws SQLException {
        return new Endpoint(rs.getString("endpoint_id"), rs.getString("url"),
                Arrays.asList(rs.getString("event_types").split(",")), rs.getBoolean("enabled"),
                rs.getString("disabled_reason"), instant(rs, "created_at"));
    }
}
