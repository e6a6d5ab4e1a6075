package org.opendispute.dispute;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import org.opendispute.order.Order;
import org.springframework.stereotype.Component;

/**
 * The policy's date arithmetic, in one place and in UTC: when the window to open a dispute opens and
 * closes, and when a refund is expected to arrive (business days: Monday to Friday).
 */
@Component
public class DisputeCalendar {

    private final DisputePolicy policy;

    public DisputeCalendar(DisputePolicy policy) {
        this.policy = policy;
    }

    /** The first instant a dispute for this reason can be opened; empty while the order is not shipped. */
    public Optional<Instant> windowOpens(Order order, Reason reason) {
        if (reason == Reason.PAYMENT_ISSUE) {
            return Optional.of(order.paidAt());
        }
        return Optional.ofNullable(order.shippedAt()).map(shipped -> shipped.plus(policy.openAfterShipping()));
    }

    /** The first instant a dispute can no longer be opened; empty while delivery is not confirmed or due. */
    public Optional<Instant> windowCloses(Order order) {
        return order.deliveryConfirmedOrDue().map(confirmed -> confirmed.plus(policy.openUntilAfterDelivery()));
    }

    /**
     * The date a refund decided at {@code decidedAt} is expected to arrive: so many business days later, weekends and
     * the configured holidays ({@code disputes.policy.holidays}) not counted.
     */
    public LocalDate refundArrival(Instant decidedAt) {
        return addBusinessDays(decidedAt.atZone(ZoneOffset.UTC).toLocalDate(), policy.refundArrivalBusinessDays(),
                Set.copyOf(policy.holidays()));
    }

    static LocalDate addBusinessDays(LocalDate start, int businessDays) {
        return addBusinessDays(start, businessDays, Set.of());
    }

    static LocalDate addBusinessDays(LocalDate start, int businessDays, Set<LocalDate> holidays) {
        LocalDate date = start;
        int added = 0;
        while (added < businessDays) {
            date = date.plusDays(1);
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY
                    && !holidays.contains(date)) {
                added++;
            }
        }
        return date;
    }
}
