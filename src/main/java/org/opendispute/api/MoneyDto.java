package org.opendispute.api;

import org.opendispute.order.Money;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Money on the wire, in answers and requests alike: the amount as a decimal string, never a float. */
@Schema(example = "{\"amount\": \"12.50\", \"currency\": \"EUR\"}")
public record MoneyDto(@NotNull @Pattern(regexp = Decimals.PATTERN) @Schema(example = "12.50") String amount,
                       @NotNull @Pattern(regexp = "^[A-Z]{3}$") @Schema(example = "EUR") String currency) {

    static MoneyDto of(Money money) {
        return money == null ? null : new MoneyDto(money.amount().toPlainString(), money.currency().getCurrencyCode());
    }
}
