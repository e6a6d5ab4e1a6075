package org.opendispute.order;

import java.math.BigDecimal;

/** A charge the marketplace actually took for an order (a double charge is two). */
public record Charge(String reference, BigDecimal amount) {
}
