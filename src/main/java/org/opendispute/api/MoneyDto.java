package org.opendispute.api;

import org.opendispute.order.Money;

import io.swagger.v3.oas.annotations.media.Schema;

/** Money on the wire: the amount as a decimal string, never a float. */
@Schema(example = "{\"amount\": \"12.50\", \"currency\": \"EUR\"}")
public record MoneyDto(@Schema(example = "12.50") String amount, @Schema(example = "EUR") String currency) {

    static MoneyDto of(Money money) {
        return money == null ? null : new MoneyDto(money.amount().toPlainString(), money.currency().getCurrencyCode());
    }
}
