package org.opendispute.api;

import java.math.BigDecimal;
import java.util.Currency;

import org.opendispute.order.Money;

/** Decimal strings of the API: at most 15 digits before the point and 4 after, checked against the currency. */
final class Decimals {

    static final String PATTERN = "^\\d{1,15}(\\.\\d{1,4})?$";

    private Decimals() {
    }

    static Currency currency(String code, String field) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.invalid(field, "invalid-currency", code + " is not an ISO-4217 currency.");
        }
    }

    static BigDecimal amount(String value, Currency currency, String field) {
        if (value == null) {
            return null;
        }
        if (!value.matches(PATTERN)) {
            throw ApiException.invalid(field, "invalid-format", field + " must be a decimal string such as \"12.50\".");
        }
        try {
            return Money.exact(new BigDecimal(value), currency).amount();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "invalid-scale", e.getMessage());
        }
    }
}
