package org.opendispute.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.opendispute.events.EventTypes;
import org.opendispute.events.WebhookDeliveries;
import org.opendispute.events.WebhookEndpoints;
import org.opendispute.events.WebhookTargets;
import org.opendispute.web.Problems.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * Webhook endpoints, for integrators and administrators: every event of the subscribed types is POSTed to the
 * endpoint, signed to Standard Webhooks 1.0 with its secret.
 */
@RestController
@RequestMapping("/api/webhook-endpoints")
@Validated
class WebhookEndpointController {

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookTargets targets;
    private final CurrentCaller currentCaller;

    WebhookEndpointController(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookTargets targets,
                              CurrentCaller currentCaller) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.targets = targets;
        this.currentCaller = currentCaller;
    }

    record Registration(@NotBlank @Size(max = 2000) @Schema(example = "https://marketplace.example/hooks/disputes") String url,
                        @NotEmpty @Size(max = 100) @Schema(example = "[\"dispute.opened\", \"dispute.resolved\"]")
                        List<@NotBlank String> eventTypes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EndpointView(String id, String url, List<String> eventTypes, boolean enabled, String disabledReason,
                        Instant createdAt,
                        @Schema(description = "whsec_ and base64: shown only when registered or rotated") String secret) {

        static EndpointView of(WebhookEndpoints.Endpoint endpoint, String secret) {
            return new EndpointView(endpoint.id(), endpoint.url(), endpoint.eventTypes(), endpoint.enabled(),
                    endpoint.disabledReason(), endpoint.createdAt(), secret);
        }
    }

    @PostMapping
    @Operation(summary = "Register an endpoint", description = "201 with its secret, shown this once.")
    @Transactional
    ResponseEntity<EndpointView> register(@Valid @RequestBody Registration body) {
        requireIntegrator();
        List<FieldError> errors = new ArrayList<>();
        List<String> known = EventTypes.all();
        for (int i = 0; i < body.eventTypes().size(); i++) {
            String type = body.eventTypes().get(i);
            if (!type.equals(WebhookEndpoints.ALL) && !known.contains(type)) {
                errors.add(new FieldError("eventTypes[" + i + "]", "unknown-event-type",
                        type + " is no event type; they are " + known + ", or * for all."));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation-failed", "The request has invalid fields.",
                    errors, java.util.Map.of());
        }
        String refusal = targets.refusal(body.url());
        if (refusal != null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "webhook-target-refused",
                    "Webhooks go to https on a public address: " + refusal + ".",
                    List.of(new FieldError("url", "webhook-target-refused", refusal)), java.util.Map.of());
        }
        WebhookEndpoints.Registered registered = endpoints.register(body.url(), List.copyOf(body.eventTypes()),
                currentCaller.get().userId());
        return ResponseEntity.status(HttpStatus.CREATED).body(EndpointView.of(registered.endpoint(), registered.secret()));
    }

    @GetMapping
    @Operation(summary = "Every endpoint")
    List<EndpointView> list() {
        requireIntegrator();
        return endpoints.list().stream().map(endpoint -> EndpointView.of(endpoint, null)).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "An endpoint")
    EndpointView get(@PathVariable String id) {
        requireIntegrator();
        return EndpointView.of(endpoint(id), null);
    }

    @PostMapping("/{id}/disable")
    @Operation(summary = "Stop sending to the endpoint")
    @Transactional
    EndpointView disable(@PathVariable String id) {
        requireIntegrator();
        endpoint(id);
        endpoints.disable(id, "Disabled by " + currentCaller.get().userId());
        return EndpointView.of(endpoint(id), null);
    }

    @PostMapping("/{id}/enable")
    @Operation(summary = "Send to the endpoint again", description = "Events of the time it was disabled are in the feed.")
    @Transactional
    EndpointView enable(@PathVariable String id) {
        requireIntegrator();
        endpoint(id);
        endpoints.enable(id);
        return EndpointView.of(endpoint(id), null);
    }

    @PostMapping("/{id}/rotate-secret")
    @Operation(summary = "A new secret", description = "The old one signs beside it for disputes.webhooks.secret-grace (24 h).")
    @Transactional
    EndpointView rotate(@PathVariable String id) {
        requireIntegrator();
        endpoint(id);
        String secret = endpoints.rotate(id);
        return EndpointView.of(endpoint(id), secret);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete the endpoint and its delivery log")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable String id) {
        requireIntegrator();
        if (!endpoints.delete(id)) {
            throw ApiException.notFound("Webhook endpoint " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "The endpoint's delivery log, newest first: attempts, last answer, next try")
    List<WebhookDeliveries.Delivery> log(@PathVariable String id,
                                         @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        requireIntegrator();
        endpoint(id);
        return deliveries.log(id, limit);
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send a delivery again, now")
    @Transactional
    ResponseEntity<Void> redeliver(@PathVariable String id, @PathVariable long deliveryId) {
        requireIntegrator();
        if (!deliveries.redeliver(id, deliveryId)) {
            throw ApiException.notFound("Delivery " + deliveryId + " of webhook endpoint " + id);
        }
        return ResponseEntity.accepted().build();
    }

    private WebhookEndpoints.Endpoint endpoint(String id) {
        return endpoints.find(id).orElseThrow(() -> ApiException.notFound("Webhook endpoint " + id));
    }

    private void requireIntegrator() {
        currentCaller.get().requireIntegratorOrAdmin("Webhooks are for integrators and administrators.");
    }
}
