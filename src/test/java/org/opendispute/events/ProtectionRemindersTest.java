package org.opendispute.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opendispute.dispute.DisputeIds;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.Eligibility;
import org.opendispute.dispute.OpeningRequest;
import org.opendispute.dispute.Reason;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.order.Order;
import org.opendispute.order.OrderStore;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestOrders;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The marketplace hears once, three days ahead, that an undisputed order's buyer protection ends (15 days after the
 * delivery counts as confirmed); orders with a dispute, or whose protection is far off or over, are left alone.
 */
@PostgresTest
class ProtectionRemindersTest {

    @Autowired ProtectionReminders reminders;
    @Autowired OrderStore orders;
    @Autowired DisputeStore disputes;
    @Autowired EventFeed feed;
    @Autowired ObjectMapper json;

    @Test
    void anUndisputedOrderIsAnnouncedOnceThreeDaysBeforeItsProtectionEnds() throws Exception {
        Instant now = Instant.now();
        // Promised within 30 days: protection ends 45 days after shipping
        Order endsInTwoDays = save(TestOrders.shippedDaysAgo(now, 43));
        Order endsInFiveDays = save(TestOrders.shippedDaysAgo(now, 40));
        Order endedYesterday = save(TestOrders.shippedDaysAgo(now, 46));
        Order disputed = save(TestOrders.shippedDaysAgo(now, 43));
        disputes.insert(DisputeIds.next(), null, new OpeningRequest(disputed.orderId(), disputed.buyerId(),
                Reason.NOT_RECEIVED, "Never came", List.of(), ResolutionType.FULL_REFUND, null, List.of()),
                disputed.sellerId(), new Eligibility(null, List.of(), disputed.total(), disputed.total(), disputed.total(), false, 0));

        reminders.announceExpiring();
        reminders.announceExpiring();

        List<JsonNode> announced = new ArrayList<>();
        for (String item : feed.after(null, List.of(EventTypes.PROTECTION_EXPIRING), 1000).items()) {
            announced.add(json.readTree(item));
        }
        List<String> orderIds = announced.stream().map(event -> event.at("/data/orderId").asText()).toList();
        assertThat(orderIds).containsOnlyOnce(endsInTwoDays.orderId())
                .doesNotContain(endsInFiveDays.orderId(), endedYesterday.orderId(), disputed.orderId());
        JsonNode event = announced.stream()
                .filter(e -> e.at("/data/orderId").asText().equals(endsInTwoDays.orderId())).findFirst().orElseThrow();
        assertThat(event.get("disputeId").isNull()).isTrue();
        assertThat(Instant.parse(event.at("/data/protectionEndsAt").asText()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .isEqualTo(endsInTwoDays.shippedAt().plus(java.time.Duration.ofDays(45)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    private Order save(Order order) {
        orders.save(order);
        return order;
    }
}
