package org.opendispute.api;

import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.opendispute.order.Charge;
import org.opendispute.order.Order;
import org.opendispute.order.OrderLine;
import org.opendispute.order.OrderStore;
import org.opendispute.order.TrackingEvent;
import org.opendispute.resolution.ShipmentTracking;

import org.opendispute.dispute.DisputePolicy;
import org.opendispute.dispute.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/** Orders, registered and updated by the marketplace, and their carriers' events. */
@RestController
@RequestMapping("/api/orders")
@Tag(name = "Orders")
class OrderController {

    static final String ID = "[A-Za-z0-9._-]{1,64}";

    private final OrderStore orders;
    private final ShipmentTracking shipmentTracking;
    private final CurrentCaller currentCaller;
    private final DisputePolicy policy;

    OrderController(OrderStore orders, ShipmentTracking shipmentTracking, CurrentCaller currentCaller,
                    DisputePolicy policy) {
        this.orders = orders;
        this.shipmentTracking = shipmentTracking;
        this.currentCaller = currentCaller;
        this.policy = policy;
    }

    @PutMapping("/{orderId}")
    @Operation(summary = "Register an order or replace its snapshot", description = "201 when new, 200 when updated.")
    @Transactional
    ResponseEntity<OrderResponse> put(@PathVariable @Pattern(regexp = ID) String orderId,
                                      @Valid @RequestBody OrderRequest body) {
        requireIntegrator();
        Currency currency = Decimals.currency(body.currency(), "currency");
        if (body.promisedDeliveryDays() > policy.maxPromisedDeliveryDays()) {
            throw ApiException.invalid("promisedDeliveryDays", "out-of-range", "A seller may promise delivery within at most "
                    + policy.maxPromisedDeliveryDays() + " days (disputes.policy.max-promised-delivery-days).");
        }
        var lines = new java.util.ArrayList<OrderLine>();
        var skus = new java.util.HashSet<String>();
        for (int i = 0; i < body.lines().size(); i++) {
            OrderRequest.Line line = body.lines().get(i);
            if (!skus.add(line.sku())) {
                throw ApiException.invalid("lines[" + i + "].sku", "duplicate", "Each sku appears once per order.");
            }
            lines.add(new OrderLine(line.sku(), line.title(), line.quantity(),
                    Decimals.amount(line.unitPrice(), currency, "lines[" + i + "].unitPrice")));
        }
        var charges = new java.util.ArrayList<Charge>();
        List<OrderRequest.Charge> charged = body.charges() == null ? List.of() : body.charges();
        for (int i = 0; i < charged.size(); i++) {
            charges.add(new Charge(charged.get(i).reference(),
                    Decimals.amount(charged.get(i).amount(), currency, "charges[" + i + "].amount")));
        }
        Order order = new Order(orderId, body.buyerId(), body.sellerId(), currency, lines,
                Decimals.amount(body.shippingCost(), currency, "shippingCost"), body.paymentMethod(),
                body.paymentReference(), body.shippingMethodPaid(), body.shippingMethodUsed(), body.carrier(),
                body.trackingNumber(), body.paidAt(), body.shippedAt(), body.promisedDeliveryDays(),
                body.deliveryConfirmedAt(), false,
                Decimals.amount(body.shippingCostOfMethodUsed(), currency, "shippingCostOfMethodUsed"), charges);
        orders.find(orderId).ifPresent(existing -> {
            if (!existing.buyerId().equals(body.buyerId()) || !existing.sellerId().equals(body.sellerId())) {
                throw new ApiException(HttpStatus.CONFLICT, "order-parties-changed",
                        "The buyer and seller of a registered order cannot change.");
            }
        });
        boolean created = orders.save(order);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(OrderResponse.of(orders.find(orderId).orElseThrow()));
    }

    @GetMapping("/{orderId}")
    @Operation(summary = "An order as registered")
    OrderResponse get(@PathVariable @Pattern(regexp = ID) String orderId) {
        Caller caller = currentCaller.get();
        Order order = orders.find(orderId).orElseThrow(() -> ApiException.notFound("Order " + orderId));
        boolean party = caller.userId().equals(order.buyerId()) || caller.userId().equals(order.sellerId());
        if (!party && !caller.isStaff() && !caller.in(Groups.INTEGRATORS)) {
            throw ApiException.notFound("Order " + orderId);
        }
        return OrderResponse.of(order);
    }

    @PostMapping("/{orderId}/tracking-events")
    @Operation(summary = "Record a carrier event",
            description = "A delivery of a dispute's return shipment moves that dispute on to the seller's confirmation; "
                    + "a delivery of its reshipped parcel closes it.")
    @Transactional
    ResponseEntity<Map<String, Object>> trackingEvent(@PathVariable @Pattern(regexp = ID) String orderId,
                                                      @Valid @RequestBody TrackingEventRequest body) {
        requireIntegrator();
        orders.find(orderId).orElseThrow(() -> ApiException.notFound("Order " + orderId));
        TrackingEvent event = new TrackingEvent(orderId, body.carrier(), body.trackingNumber(), body.kind(),
                body.description(), body.occurredAt());
        orders.recordTrackingEvent(event);
        ShipmentTracking.Delivered delivered = shipmentTracking.onTrackingEvent(event);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("orderId", orderId,
                "returnDelivered", delivered == ShipmentTracking.Delivered.RETURN,
                "reshipmentDelivered", delivered == ShipmentTracking.Delivered.RESHIPMENT));
    }

    private void requireIntegrator() {
        currentCaller.get().requireIntegratorOrAdmin("Only integrators register orders and carrier events.");
    }
}
