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

/** Every rule of POLICY.md "When a dispute can be opened", "Reasons" and "Abuse", on PostgreSQL. */
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
    void theWindowOpensOnDayElevenAfterShipping() {
        Order order = saved(TestOrders.shippedDaysAgo(NOW, 10));
        at(order.shippedAt().plus(Duration.ofDays(10)).minusSeconds(60));
        assertThat(rejection(request(order, Reason.NOT_RECEIVED))).isEqualTo(RejectionCode.WINDOW_NOT_OPEN);
        at(order.shippedAt().plus(Duration.ofDays(10)));
        assertThat(check(request(order, Reason.NOT_RECEIVED)).eligible()).isTrue();
    }

    @Test
    void anUnshippedOrderCannotBeDisputedExceptForPayment() {
        Order order = saved(TestOrders.unshipped(TestOrders.shippedDaysAgo(NOW, 12)));
        assertThat(rejection(request(order, Reason.NOT_RECEIVED))).isEqualTo(RejectionCode.WINDOW_NOT_OPEN);
        assertThat(check(request(order, Reason.PAYMENT_ISSUE)).eligible()).isTrue();
    }

    @Test
    void aPaymentIssueCanBeOpenedRightAfterPayment() {
        Order order = saved(TestOrders.shippedDaysAgo(NOW, 1));
        assertThat(rejection(request(order, Reason.NOT_RECEIVED))).isEqualTo(RejectionCode.WINDOW_NOT_OPEN);
        assertThat(check(request(order, Reason.PAYMENT_ISSUE)).eligible()).isTrue();
    }

    @Test
    void theWindowClosesFifteenDaysAfterConfirmedDelivery() {
        Order order = saved(TestOrders.withConfirmedDelivery(TestOrders.shippedDaysAgo(NOW, 12), NOW));
        Instant closes = NOW.plus(Duration.ofDays(15));
        at(closes.minusSeconds(60));
        assertThat(check(request(order, Reason.NOT_RECEIVED)).eligible()).isTrue();
        at(closes);
        assertThat(rejection(request(order, Reason.NOT_RECEIVED))).isEqualTo(RejectionCode.WINDOW_CLOSED);
        assertThat(rejection(request(order, Reason.PAYMENT_ISSUE))).isEqualTo(RejectionCode.WINDOW_CLOSED);
    }

    @Test
    void withoutConfirmationDeliveryAutoConfirmsWhenThePromisedTimeRunsOut() {
        Order order = saved(TestOrders.shippedDaysAgo(NOW, 12));
        Instant autoConfirmed = order.shippedAt().plus(Duration.ofDays(order.promisedDeliveryDays()));
        at(autoConfirmed.plus(Duration.ofDays(15)).minusSeconds(60));
        assertThat(check(request(order, Reason.NOT_RECEIVED)).eligible()).isTrue();
        at(autoConfirmed.plus(Duration.ofDays(15)));
        assertThat(rejection(request(order, Reason.NOT_RECEIVED))).isEqualTo(RejectionCode.WINDOW_CLOSED);
    }

    @Test
    void aLateConfirmationDoesNotExtendTheAutoConfirmedWindow() {
        Order shipped = TestOrders.shippedDaysAgo(NOW, 12);
        Instant autoConfirmed = shipped.shippedAt().plus(Duration.ofDays(shipped.promisedDeliveryDays()));
        Order order = saved(TestOrders.withConfirmedDelivery(shipped, autoConfirmed.plus(Duration.ofDays(10))));
        at(autoConfirmed.plus(Duration.ofDays(15)));
        assertThat(rejection(request(order, Reason.NOT_RECEIVED))).isEqualTo(RejectionCode.WINDOW_CLOSED);
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
    void ordersReturnedByCustomsAreTheBuyersResponsibility() {
        Order order = saved(TestOrders.order().shippedDaysAgo(NOW, 12).customsReturned().build());
        assertThat(rejection(request(order, Reason.NOT_RECEIVED)))
                .isEqualTo(RejectionCode.CUSTOMS_IS_BUYER_RESPONSIBILITY);
    }

    @Test
    void aBlockedBuyerCannotOpenDisputes() {
        Order order = saved(TestOrders.shippedDaysAgo(NOW, 12));
        accounts.blockBuyer(order.buyerId(), true);
        assertThat(rejection(request(order, Reason.NOT_RECEIVED))).isEqualTo(RejectionCode.BUYER_BLOCKED);
    }

    @Test
    void onlyTheBuyerOfTheOrderCanOpen() {
        Order order = saved(TestOrders.shippedDaysAgo(NOW, 12));
        OpeningRequest stranger = new OpeningRequest(order.orderId(), "someone-else", Reason.NOT_RECEIVED, "x",
                List.of(), ResolutionType.FULL_REFUND, null, List.of());
        assertThat(rejection(stranger)).isEqualTo(RejectionCode.NOT_YOUR_ORDER);
        assertThat(eligibility.check(stranger, Optional.empty()).rejection()).isEqualTo(RejectionCode.ORDER_NOT_FOUND);
    }

    @Test
    void damagedNotAsDescribedAndMissingItemsNeedEvidence() {
        Order order = saved(TestOrders.shippedDaysAgo(NOW, 12));
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
    void theAmountAskedCannotExceedWhatWasPaidForTheDisputedItems() {
        Order order = saved(TestOrders.shippedDaysAgo(NOW, 12));
        // Whole order: 2 x 20.00 + 60.00 + 5.00 shipping = 105.00
        assertThat(rejection(partial(order, List.of(), "105.01"))).isEqualTo(RejectionCode.AMOUNT_EXCEEDS_PAID);
        assertThat(check(partial(order, List.of(), "105.00")).requestedAmount())
                .isEqualTo(Money.exact(new BigDecimal("105.00"), TestOrders.EUR));
        // One mug: 20.00 and its share of shipping, 5.00 x 20/100 = 1.00
        List<DisputedLine> oneMug = List.of(new DisputedLine("MUG", 1));
        Eligibility mug = check(partial(order, oneMug, "21.00"));
        assertThat(mug.disputedValue()).isEqualTo(Money.exact(new BigDecimal("20.00"), TestOrders.EUR));
        assertThat(mug.refundableAmount()).isEqualTo(Money.exact(new BigDecimal("21.00"), TestOrders.EUR));
        assertThat(rejection(partial(order, oneMug, "21.01"))).isEqualTo(RejectionCode.AMOUNT_EXCEEDS_PAID);
        assertThat(rejection(partial(order, oneMug, "0"))).isEqualTo(RejectionCode.AMOUNT_REQUIRED);
        assertThat(rejection(partial(order, oneMug, "1.001"))).isEqualTo(RejectionCode.AMOUNT_INVALID);
    }

    @Test
    void disputedLinesMustBelongToTheOrder() {
        Order order = saved(TestOrders.shippedDaysAgo(NOW, 12));
        assertThat(rejection(partial(order, List.of(new DisputedLine("NOPE", 1)), "1.00")))
                .isEqualTo(RejectionCode.LINE_NOT_IN_ORDER);
        assertThat(rejection(partial(order, List.of(new DisputedLine("MUG", 3)), "1.00")))
                .isEqualTo(RejectionCode.LINE_NOT_IN_ORDER);
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

    private static OpeningRequest partial(Order order, List<DisputedLine> lines, String amount) {
        return new OpeningRequest(order.orderId(), order.buyerId(), Reason.NOT_RECEIVED, "Partly missing", lines,
                ResolutionType.PARTIAL_REFUND, new BigDecimal(amount), List.of());
    }
}
