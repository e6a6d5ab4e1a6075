package org.opendispute.order;

/** How an order was paid: a refund pays back the same way. */
public record Payment(String method, String reference) {
}
