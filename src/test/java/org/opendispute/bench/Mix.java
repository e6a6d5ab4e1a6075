package org.opendispute.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The benchmark's fixed mix, every step over HTTP as the marketplace, its parties and its staff take it: 50% the
 * seller accepts; 20% a counter-proposal is accepted; 15% the seller stays silent (timer); 15% escalation,
 * mediation (a mediator client), the buyer silent (decision timer), return for refund, refund. The benchmark
 * measures it against one node; the reliability harness drives it across two and kills one.
 */
final class Mix {

    /** How often staff and carriers look again when they found nothing to do (a person, not a busy loop). */
    private static final long IDLE_POLL_MILLIS = 1000;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0};

    private final Http http;
    private final String seller;
    private final String mediator;
    private final String integrator;
    private final Consumer<String> errors;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicInteger opened = new AtomicInteger();

    /** Every dispute of the mix is of this seller's orders; failures go to {@code errors}. */
    Mix(Http http, String seller, String mediator, String integrator, Consumer<String> errors) {
        this.http = http;
        this.seller = seller;
        this.mediator = mediator;
        this.integrator = integrator;
        this.errors = errors;
    }

    /** Disputes opened so far (answered 201). */
    int opened() {
        return opened.get();
    }

    /** Ends the staff's loops. */
    void stop() {
        done.set(true);
    }

    /** One dispute's parties, its path chosen by its number: see the class comment. */
    void lifecycle(int i, String buyer, String orderId) {
        try {
            int path = i % 20;
            if (path < 10) {
                String id = open(buyer, orderId, "NOT_RECEIVED", Map.of("type", "FULL_REFUND"), List.of());
                expect(200, http.post("action", seller, "/api/disputes/" + id + "/seller-response", Map.of("action", "ACCEPT")));
            } else if (path < 14) {
                String id = open(buyer, orderId, "NOT_RECEIVED", Map.of("type", "FULL_REFUND"), List.of());
                Http.Answer proposed = http.post("action", seller, "/api/disputes/" + id + "/seller-response",
                        Map.of("action", "PROPOSE", "proposal", Map.of("type", "PARTIAL_REFUND", "amount", Map.of("amount", "30.00", "currency", "EUR"))));
                expect(200, proposed);
                String proposal = proposed.text("/proposals/0/id");
                expect(200, http.post("action", buyer, "/api/disputes/" + id + "/proposals/" + proposal + "/accept", null));
            } else if (path < 17) {
                open(buyer, orderId, "NOT_RECEIVED", Map.of("type", "PARTIAL_REFUND", "amount", Map.of("amount", "25.00", "currency", "EUR")), List.of());
            } else {
                Http.Answer photo = http.upload("action", buyer, "/api/evidence", "photo.png", PNG);
                expect(201, photo);
                String id = open(buyer, orderId, "DAMAGED", Map.of("type", "FULL_REFUND"), List.of(photo.text("/id")));
                expect(200, http.post("action", seller, "/api/disputes/" + id + "/seller-response",
                        Map.of("action", "REFUSE", "reason", "Packed with care")));
                expect(200, http.post("action", buyer, "/api/disputes/" + id + "/escalate", null));
            }
        } catch (RuntimeException e) {
            errors.accept("dispute " + i + ": " + e.getMessage());
        }
    }

    private String open(String buyer, String orderId, String reason, Map<String, Object> requested, List<String> evidence) {
        Http.Answer opened = http.post("open", buyer, "/api/disputes", Map.of("orderId", orderId, "reason", reason,
                "description", "Benchmark dispute", "requestedResolution", requested, "evidenceIds", evidence));
        expect(201, opened);
        this.opened.incrementAndGet();
        return opened.text("/id");
    }

    /** The mediator works the queue: issues the suggested platform proposal on every mediation task. */
    void mediate() {
        while (!done.get()) {
            try {
                // The bench's own disputes in mediation (the store knows the parties; the engine has no seller variable)
                Http.Answer queue = http.get(mediator, "/api/disputes?sellerId=" + seller + "&status=IN_MEDIATION&size=50");
                if (queue.body() == null || queue.body().path("items").isEmpty()) {
                    Thread.sleep(IDLE_POLL_MILLIS);
                    continue;
                }
                for (JsonNode dispute : queue.body().path("items")) {
                    Http.Answer tasks = http.get(mediator, "/engine-rest/task?taskDefinitionKey=Task_Mediate"
                            + "&processInstanceBusinessKey=" + dispute.get("id").asText());
                    for (JsonNode task : tasks.body()) {
                        String id = task.get("id").asText();
                        http.post("action", mediator, "/engine-rest/task/" + id + "/claim", Map.of("userId", mediator));
                        expect(204, http.post("action", mediator, "/engine-rest/task/" + id + "/complete",
                                Map.of("variables", Map.of("mediatorAction", Map.of("value", "ISSUE_PROPOSAL")))));
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                errors.accept("mediator: " + e.getMessage());
            }
        }
    }

    /** Buyers ship their returns, the carrier reports them delivered, sellers confirm receipt. */
    void handleReturns() {
        Set<String> shipped = ConcurrentHashMap.newKeySet();
        while (!done.get()) {
            try {
                boolean idle = true;
                for (JsonNode dispute : list("AWAITING_RETURN")) {
                    String id = dispute.get("id").asText();
                    if (shipped.add(id)) {
                        idle = false;
                        String buyer = dispute.get("buyerId").asText();
                        expect(200, http.post("action", buyer, "/api/disputes/" + id + "/return-shipment",
                                Map.of("carrier", "DHL", "trackingNumber", "R" + id)));
                        expect(201, http.post("action", integrator, "/api/orders/" + dispute.get("orderId").asText()
                                + "/tracking-events", Map.of("carrier", "DHL", "trackingNumber", "R" + id,
                                "kind", "DELIVERED", "occurredAt", Instant.now().toString())));
                    }
                }
                for (JsonNode dispute : list("AWAITING_RETURN_RECEIPT")) {
                    idle = false;
                    expect(200, http.post("action", seller, "/api/disputes/" + dispute.get("id").asText()
                            + "/return-receipt", Map.of("condition", "RECEIVED")));
                }
                if (idle) {
                    Thread.sleep(IDLE_POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                errors.accept("returns: " + e.getMessage());
            }
        }
    }

    private List<JsonNode> list(String status) {
        Http.Answer page = http.get(seller, "/api/disputes?sellerId=" + seller + "&status=" + status + "&size=100");
        List<JsonNode> items = new ArrayList<>();
        page.body().get("items").forEach(items::add);
        return items;
    }

    /** The seller's disputes resolved so far. */
    long resolved() {
        return http.get(seller, "/api/disputes?sellerId=" + seller + "&status=RESOLVED&size=1").body().get("total").asLong();
    }

    static void expect(int status, Http.Answer answer) {
        if (answer.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + answer.status() + " " + answer.body());
        }
    }
}
