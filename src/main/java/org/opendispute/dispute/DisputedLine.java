package org.opendispute.dispute;

/** An order line the buyer disputes, and how many of its items. */
public record DisputedLine(String sku, int quantity) {
}
