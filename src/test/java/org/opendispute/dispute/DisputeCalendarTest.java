package org.opendispute.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputePolicy;
import org.opendispute.order.Order;
import org.opendispute.order.OrderLine;
import org.opendispute.support.TestOrders;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The window arithmetic and business days, alone and as properties over many dates. */
class DisputeCalendarTest {

    static final DisputePolicy POLICY = defaults();
    static final DisputeCalendar CALENDAR = new DisputeCalendar(POLICY);

    static DisputePolicy defaults() {
        return new Binder(new MapConfigurationPropertySource(java.util.Map.of("disputes.policy.max-reopens", "1")))
                .bindOrCreate("disputes.policy", DisputePolicy.class);
    }

    static Order order(Instant paid, Instant shipped, int promisedDays, Instant confirmed) {
        return TestOrders.order().lines(List.of(new OrderLine("A", "A", 1, BigDecimal.TEN))).shippingCost(BigDecimal.ONE)
                .paidAt(paid).shippedAt(shipped).promisedDeliveryDays(promisedDays).deliveryConfirmedAt(confirmed).build();
    }

    @Test
    void policyDefaultsAreThoseOfPolicyMd() {
        assertThat(POLICY.openAfterShipping()).isEqualTo(Duration.ofDays(10));
        assertThat(POLICY.openUntilAfterDelivery()).isEqualTo(Duration.ofDays(15));
        assertThat(POLICY.sellerResponse()).isEqualTo(Duration.ofDays(5));
        assertThat(POLICY.negotiation()).isEqualTo(Duration.ofDays(15));
        assertThat(POLICY.informationRequest()).isEqualTo(Duration.ofDays(3));
        assertThat(POLICY.mediation()).isEqualTo(Duration.ofDays(7));
        assertThat(POLICY.buyerDecision()).isEqualTo(Duration.ofDays(5));
        assertThat(POLICY.returnShipment()).isEqualTo(Duration.ofDays(10));
        assertThat(POLICY.returnReceipt()).isEqualTo(Duration.ofDays(5));
        assertThat(POLICY.reshipment()).isEqualTo(Duration.ofDays(5));
        assertThat(POLICY.refundArrivalBusinessDays()).isEqualTo(15);
        assertThat(POLICY.flagAboveDisputes()).isEqualTo(3);
        assertThat(POLICY.refuseAboveDisputes()).isEqualTo(6);
    }

    @Test
    void fifteenBusinessDaysSkipWeekends() {
        // Friday 2026-03-06 + 15 business days = Friday 2026-03-27
        assertThat(DisputeCalendar.addBusinessDays(LocalDate.of(2026, 3, 6), 15)).isEqualTo(LocalDate.of(2026, 3, 27));
        // Saturday counts from the next Monday
        assertThat(DisputeCalendar.addBusinessDays(LocalDate.of(2026, 3, 7), 1)).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(CALENDAR.refundArrival(Instant.parse("2026-03-06T23:59:59Z"))).isEqualTo(LocalDate.of(2026, 3, 27));
    }

    @Property
    void theWindowOpensExactlyTenDaysAfterShipping(@ForAll("instants") Instant shipped,
                                                   @ForAll @IntRange(min = 1, max = 60) int promisedDays) {
        Order order = order(shipped.minus(Duration.ofDays(1)), shipped, promisedDays, null);
        Instant opens = CALENDAR.windowOpens(order, Reason.NOT_RECEIVED).orElseThrow();
        assertThat(opens).isEqualTo(shipped.plus(Duration.ofDays(10)));
        assertThat(CALENDAR.windowOpens(order, Reason.PAYMENT_ISSUE)).contains(order.paidAt());
    }

    @Property
    void theWindowClosesFifteenDaysAfterTheEarlierOfConfirmationAndPromisedDelivery(
            @ForAll("instants") Instant shipped, @ForAll @IntRange(min = 1, max = 60) int promisedDays,
            @ForAll @IntRange(min = 0, max = 90 * 24) int confirmedAfterHours) {
        Instant confirmed = shipped.plus(Duration.ofHours(confirmedAfterHours));
        Order order = order(shipped.minus(Duration.ofDays(1)), shipped, promisedDays, confirmed);
        Instant autoConfirmed = shipped.plus(Duration.ofDays(promisedDays));
        Instant expected = (confirmed.isBefore(autoConfirmed) ? confirmed : autoConfirmed).plus(Duration.ofDays(15));
        assertThat(CALENDAR.windowCloses(order)).contains(expected);
        // Never open for less than the 15 days after delivery, never open later than 60 + 15 days after shipping
        assertThat(Duration.between(shipped, expected)).isLessThanOrEqualTo(Duration.ofDays(75));
    }

    @Test
    void theExpectedRefundDateSkipsTheConfiguredHolidays() {
        DisputePolicy withHolidays = new Binder(new MapConfigurationPropertySource(java.util.Map.of(
                "disputes.policy.holidays", "2026-03-09,2026-03-10")))
                .bindOrCreate("disputes.policy", DisputePolicy.class);
        // Friday 6 March: 15 business days is Friday 27 March; two holidays on Monday and Tuesday push it to 31 March
        assertThat(new DisputeCalendar(withHolidays).refundArrival(Instant.parse("2026-03-06T12:00:00Z")))
                .isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(POLICY.holidays()).isEmpty();
    }

    @Property
    void businessDaysNeverLandOnAWeekendAndAdvanceByAtLeastTheCount(@ForAll("dates") LocalDate start,
                                                                   @ForAll @IntRange(min = 1, max = 40) int days) {
        LocalDate end = DisputeCalendar.addBusinessDays(start, days);
        assertThat(end.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        long calendarDays = Duration.between(start.atStartOfDay(), end.atStartOfDay()).toDays();
        assertThat(calendarDays).isBetween((long) days, (long) days + 2L * (days / 5 + 1));
        long weekdays = start.plusDays(1).datesUntil(end.plusDays(1))
                .filter(d -> d.getDayOfWeek().getValue() <= 5).count();
        assertThat(weekdays).isEqualTo(days);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.parse("2020-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2035-01-01T00:00:00Z").getEpochSecond()).map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.integers().between(0, 5000).map(d -> LocalDate.of(2020, 1, 1).plusDays(d));
    }
}
