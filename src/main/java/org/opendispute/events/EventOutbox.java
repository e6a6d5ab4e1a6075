package org.opendispute.events;

import static org.opendispute.jdbc.SqlTime.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeChanged;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.order.Money;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The transactional outbox: each change of a dispute that has an event type writes the event, in the
 * transaction of the change, with the dispute's next version, and one delivery per webhook endpoint that
 * subscribed to it. Nothing is sent here; {@link WebhookDispatcher} sends what committed.
 */
@Component
class EventOutbox {

    private final JdbcClient jdbc;
    private final DisputeStore disputes;
    private final WebhookEndpoints endpoints;
    private final ObjectMapper json;
    private final Clock clock;

    EventOutbox(JdbcClient jdbc, DisputeStore disputes, WebhookEndpoints endpoints, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.disputes = disputes;
        this.endpoints = endpoints;
        // Every field of the contract is in every event, null included (the API's mapper leaves nulls out)
        this.json = json.copy().setSerializationInclusion(JsonInclude.Include.ALWAYS);
        this.clock = clock;
    }

    @EventListener
    void on(DisputeChanged change) {
        EventTypes.of(change).ifPresent(type -> write(type, change));
    }

    private void write(String type, DisputeChanged change) {
        // The version's row lock orders the dispute's events even when two transactions change it at once, and
        // the dispute read under it is the one the event describes
        int version = disputes.nextEventVersion(change.disputeId());
        Dispute dispute = disputes.get(change.disputeId());
        write(type, dispute.id(), version, data(dispute, change));
    }

    /** An event of an order without a dispute: no dispute, no version. */
    void writeOrderEvent(String type, Map<String, Object> data) {
        write(type, null, null, data);
    }

    private void write(String type, String disputeId, Integer version, Map<String, Object> data) {
        String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
        Instant now = clock.instant();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", type);
        event.put("occurredAt", now.toString());
        event.put("disputeId", disputeId);
        event.put("disputeVersion", version);
        event.put("data", data);
        String body = write(event);
        jdbc.sql("""
                INSERT INTO disputes.dispute_event (event_id, type, dispute_id, dispute_version, occurred_at, body)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, type, disputeId, version, ts(now), body)
                .update();
        // One delivery for each enabled endpoint that takes this type (its list holds the type or "*"), due at once or,
        // behind an earlier event of the dispute that waits for a retry, no earlier than that one
        jdbc.sql("""
                INSERT INTO disputes.webhook_delivery (endpoint_id, event_seq, dispute_id, state, next_attempt_at, created_at)
                SELECT e.endpoint_id, v.seq, v.dispute_id, 'PENDING',
                       GREATEST(v.occurred_at, COALESCE((SELECT MAX(earlier.next_attempt_at) FROM disputes.webhook_delivery earlier
                                                         WHERE earlier.endpoint_id = e.endpoint_id
                                                           AND earlier.dispute_id = v.dispute_id
                                                           AND earlier.state = 'PENDING'), v.occurred_at)),
                       v.occurred_at
                FROM disputes.webhook_endpoint e JOIN disputes.dispute_event v ON v.event_id = :event
                WHERE e.enabled = TRUE
                  AND (',' || e.event_types || ',' LIKE '%,*,%' OR ',' || e.event_types || ',' LIKE :listed ESCAPE '!')""")
                .param("event", id)
                .param("listed", "%," + type.replace("!", "!!").replace("_", "!_").replace("%", "!%") + ",%")
                .update();
    }

    /** What an integrator reads of the dispute at that moment; never a staff-only fact. */
    private static Map<String, Object> data(Dispute dispute, DisputeChanged change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", dispute.orderId());
        data.put("buyerId", dispute.buyerId());
        data.put("sellerId", dispute.sellerId());
        data.put("reason", dispute.reason().name());
        data.put("status", dispute.status().name());
        data.put("outcome", dispute.outcome() == null ? null : dispute.outcome().name());
        if (dispute.resolutionType() != null) {
            Map<String, Object> resolution = new LinkedHashMap<>();
            resolution.put("type", dispute.resolutionType().name());
            resolution.put("amount", money(dispute.resolutionAmount()));
            data.put("resolution", resolution);
        }
        if (change.step() != null) {
            data.put("step", change.step().name());
            data.put("actor", change.actor());
            // A message's words and its moderation flags are read through the API, by those who may see them
            if (change.step() != HistoryEvent.MESSAGE_POSTED) {
                data.put("detail", change.detail());
            }
            data.putAll(change.facts());
        }
        return data;
    }

    private static Object money(Money money) {
        return money == null ? null : Map.of("amount", money.amount().toPlainString(),
                "currency", money.currency().getCurrencyCode());
    }

    private String write(Map<String, Object> event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event always serialises", e);
        }
    }
}
