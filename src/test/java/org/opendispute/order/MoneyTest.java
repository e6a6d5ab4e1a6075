package org.opendispute.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

class MoneyTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void amountsGivenByPeopleMustFitTheMinorUnit() {
        assertThat(Money.exact(new BigDecimal("12.5"), EUR).amount()).isEqualByComparingTo("12.50");
        assertThat(Money.exact(new BigDecimal("12.5"), EUR).amount().scale()).isEqualTo(2);
        assertThatThrownBy(() -> Money.exact(new BigDecimal("12.345"), EUR)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.exact(new BigDecimal("100.5"), JPY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void derivedAmountsRoundHalfUpOnce() {
        assertThat(Money.exact(new BigDecimal("0.05"), EUR).percent(50).amount()).isEqualByComparingTo("0.03");
        assertThat(Money.exact(new BigDecimal("33.33"), EUR).percent(50).amount()).isEqualByComparingTo("16.67");
        assertThat(Money.rounded(new BigDecimal("99.995"), EUR).amount()).isEqualByComparingTo("100.00");
    }

    @Test
    void currenciesNeverMix() {
        assertThatThrownBy(() -> Money.zero(EUR).plus(Money.zero(JPY))).isInstanceOf(IllegalArgumentException.class);
    }
}
