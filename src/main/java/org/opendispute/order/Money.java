package org.opendispute.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in an ISO-4217 currency. The rounding rules, written down once:
 * <ul>
 *   <li>amounts given by people (prices, requested or proposed amounts) must already fit the currency's
 *       minor unit: {@link #exact} refuses 12.345 EUR rather than guess;</li>
 *   <li>amounts the system derives (shares, percentages) are rounded half-up to the minor unit
 *       by {@link #rounded}, once, at the end of the computation.</li>
 * </ul>
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        amount = amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
    }

    /** An amount that must fit the currency's minor unit exactly. */
    public static Money exact(BigDecimal amount, Currency currency) {
        try {
            return new Money(amount, currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    amount.toPlainString() + " has more decimals than " + currency.getCurrencyCode() + " allows", e);
        }
    }

    /** A derived amount, rounded half-up to the currency's minor unit. */
    public static Money rounded(BigDecimal amount, Currency currency) {
        return new Money(amount.setScale(currency.getDefaultFractionDigits(), RoundingMode.HALF_UP), currency);
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    /** {@code percent}% of this amount, rounded half-up. */
    public Money percent(int percent) {
        return rounded(amount.multiply(BigDecimal.valueOf(percent)).movePointLeft(2), currency);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    public boolean exceeds(Money other) {
        return compareTo(other) > 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot combine " + currency + " and " + other.currency);
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
