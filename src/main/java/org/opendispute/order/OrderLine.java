package org.opendispute.order;

import java.math.BigDecimal;

public record OrderLine(String sku, String title, int quantity, BigDecimal unitPrice) {
}
