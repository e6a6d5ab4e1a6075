package org.opendispute.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendispute.evidence.EvidenceStore;
import org.opendispute.order.Money;
import org.opendispute.order.Order;
import org.opendispute.order.OrderStore;
import org.opendispute.support.PostgresTest;
import org.opendispute.support.TestOrders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the store contributes to the opening rules, on PostgreSQL: the order's earlier disputes, the buyer's
 * account, the evidence, the disputes in the abuse window. The rules themselves: {@link EligibilityRulesTest}.
 */
@PostgresTest
@Transactional
class EligibilityServiceTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};

    @Autowired EligibilityService eligibility;
    @Autowired OrderStore orders;
    @Autowired DisputeStore disputes;
    @Autowired Accounts accounts;
    @Autowired EvidenceStore evidence;

    @BeforeEach
    void freezeClock() {
        ClockUtil.setCurrentTime(Date.from(NOW));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    Order saved(Order order) {
        orders.save(order);
        return order;
    }

    OpeningRequest request(Order order, Reason reason) {
        return new OpeningRequest(order.orderId(), order.buyerId(), reason, "Not what I paid for", List.of(),
                ResolutionType.FULL_REFUND, null, List.of());
    }

    Eligibility check(OpeningRequest request) {
        return eligibility.check(request, orders.find(request.orderId()));
    }

    RejectionCode rejection(OpeningRequest request) {
        return check(request).rejection();
    }

    void at(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    String registerDispute(Order order, DisputeStatus finalStatus) {
        OpeningRequest request = request(order, Reason.NOT_RECEIVED);
        Eligibility allowed = check(request);
        String id = DisputeIds.next();
        disputes.insert(id, null, request, order.sellerId(), allowed);
        if (finalStatus == DisputeStatus.RESOLVED || finalStatus == DisputeStatus.CANCELLED) {
            disputes.close(id, finalStatus, finalStatus == DisputeStatus.RESOLVED ? Outcome.FULL_REFUND
                    : Outcome.CANCELLED_BY_BUYER);
        }
        return id;
    }

    @Test
    void oneActiveDisputePerOrder() {
        Order order = saved(TestOrders.shippedDaysAgo(NOW, 12));
        registerDispute(order, DisputeStatus.AWAITING_SELLER);
        assertThat(rejection(request(order, Reason.NOT_RECEIVED))).isEqualTo(RejectionCode.DISPUTE_ALREADY_ACTIVE);
    }

    @Test
    void noNewDisputeAfterAResolution() {
        Order order = saved(TestOrders.shippedDaysAgo(NOW, 12));
        registerDispute(order, DisputeStatus.RESOLVED);
        assertThat(rejection(request(order, Reason.NOT_RECEIVED))).isEqualTo(RejectionCode.ORDER_ALREADY_RESOLVED);
    }

    @Test
    void oneReopenAfterACancelledDispute() {
        Order order = saved(TestOrders.shippedDaysAgo(NOW, 12));
        registerDispute(order, DisputeStatus.CANCELLED);
        Eligibility reopen = check(request(order, Reason.NOT_RECEIVED));
        assertThat(reopen.eligible()).isTrue();
        assertThat(reopen.reopenNumber()).isEqualTo(1);

        registerDispute(order, DisputeStatus.CANCELLED);
        assertThat(rejection(request(order, Reason.NOT_RECEIVED))).isEqualTo(RejectionCode.REOPEN_LIMIT_REACHED);
    }

    @Test
    void aBlockedBuyerCannotOpenDisputes() {
        Order order = saved(TestOrders.shippedDaysAgo(NOW, 12));
        accounts.blockBuyer(order.buyerId(), true);
        assertThat(rejection(request(order, Reason.NOT_RECEIVED))).isEqualTo(RejectionCode.BUYER_BLOCKED);
    }

    @Test
    void damagedNotAsDescribedAndMissingItemsNeedEvidence() {
        // Stored with the facts every reason needs: shipped cheaper than paid for, charged twice
        Order order = saved(TestOrders.order().shippedDaysAgo(NOW, 12).shippedBy("STANDARD", "1.50")
                .charged("105.00", "105.00").build());
        assertThat(orders.find(order.orderId()).orElseThrow().overcharge().amount()).isEqualByComparingTo("105.00");
        for (Reason reason : Reason.values()) {
            RejectionCode expected = reason.evidenceRequired() ? RejectionCode.EVIDENCE_REQUIRED : null;
            assertThat(rejection(request(order, reason))).as(reason.name()).isEqualTo(expected);
        }
        String photo = evidence.upload(order.buyerId(), null, "photo.png", PNG).id();
        OpeningRequest withPhoto = new OpeningRequest(order.orderId(), order.buyerId(), Reason.DAMAGED, "Broken",
                List.of(), ResolutionType.FULL_REFUND, null, List.of(photo));
        assertThat(check(withPhoto).eligible()).isTrue();
    }

    @Test
    void evidenceMustBeTheBuyersOwnAndUnattached() {
        Order order = saved(TestOrders.shippedDaysAgo(NOW, 12));
        String foreign = evidence.upload("someone-else", null, "photo.png", PNG).id();
        OpeningRequest request = new OpeningRequest(order.orderId(), order.buyerId(), Reason.DAMAGED, "Broken",
                List.of(), ResolutionType.FULL_REFUND, null, List.of(foreign));
        assertThat(rejection(request)).isEqualTo(RejectionCode.EVIDENCE_NOT_FOUND);
    }

    @Test
    void moreThanThreeDisputesInThirtyDaysAreFlaggedAndMoreThanSixRefused() {
        Order first = saved(TestOrders.shippedDaysAgo(NOW, 12));
        String buyer = first.buyerId();
        at(NOW.minus(Duration.ofDays(31)));
        registerDispute(saved(ofBuyer(buyer, NOW.minus(Duration.ofDays(31)))), DisputeStatus.CANCELLED);
        at(NOW);
        for (int i = 0; i < 3; i++) {
            registerDispute(saved(ofBuyer(buyer, NOW)), DisputeStatus.CANCELLED);
        }
        Eligibility fourth = check(request(saved(ofBuyer(buyer, NOW)), Reason.NOT_RECEIVED));
        assertThat(fourth.eligible()).isTrue();
        assertThat(fourth.flagForMediators()).isTrue();
        for (int i = 0; i < 3; i++) {
            registerDispute(saved(ofBuyer(buyer, NOW)), DisputeStatus.CANCELLED);
        }
        assertThat(rejection(request(saved(ofBuyer(buyer, NOW)), Reason.NOT_RECEIVED)))
                .isEqualTo(RejectionCode.TOO_MANY_DISPUTES);
    }

    @Test
    void threeDisputesInThirtyDaysAreNotFlagged() {
        Order first = saved(TestOrders.shippedDaysAgo(NOW, 12));
        for (int i = 0; i < 2; i++) {
            registerDispute(saved(ofBuyer(first.buyerId(), NOW)), DisputeStatus.CANCELLED);
        }
        Eligibility third = check(request(first, Reason.NOT_RECEIVED));
        assertThat(third.eligible()).isTrue();
        assertThat(third.flagForMediators()).isFalse();
    }

    private static Order ofBuyer(String buyerId, Instant now) {
        return TestOrders.order().shippedDaysAgo(now, 12).buyer(buyerId).build();
    }

}
