package org.opendispute.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opendispute.dispute.EligibilityRules.BuyerRecord;
import org.opendispute.order.Money;
import org.opendispute.order.Order;
import org.opendispute.support.TestOrders;

/**
 * Every rule of POLICY.md "When a dispute can be opened", "Reasons" and "Abuse" as a pure function: no
 * database, no clock but the one passed in. What the store contributes is {@link EligibilityServiceTest}'s.
 */
class EligibilityRulesTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final EligibilityRules RULES = new EligibilityRules(DisputeCalendarTest.POLICY, DisputeCalendarTest.CALENDAR);
    static final BuyerRecord CLEAN = new BuyerRecord(false, List.of(), true, 0);

    final Order order = TestOrders.shippedDaysAgo(NOW, 12);

    @Test
    void theWindowOpensOnDayElevenAfterShipping() {
        Order shipped = TestOrders.shippedDaysAgo(NOW, 10);
        Instant dayEleven = shipped.shippedAt().plus(Duration.ofDays(10));
        assertThat(rejection(shipped, request(shipped, Reason.NOT_RECEIVED), CLEAN, dayEleven.minusSeconds(60)))
                .isEqualTo(RejectionCode.WINDOW_NOT_OPEN);
        assertThat(rejection(shipped, request(shipped, Reason.NOT_RECEIVED), CLEAN, dayEleven)).isNull();
    }

    @Test
    void anUnshippedOrderCanOnlyBeDisputedForItsPaymentAndThatRightAfterPayment() {
        Order unshipped = TestOrders.unshipped(withDifferences(order));
        assertThat(rejection(unshipped, request(unshipped, Reason.NOT_RECEIVED))).isEqualTo(RejectionCode.WINDOW_NOT_OPEN);
        assertThat(rejection(unshipped, request(unshipped, Reason.PAYMENT_ISSUE))).isNull();
        Order justPaid = withDifferences(TestOrders.shippedDaysAgo(NOW, 1));
        assertThat(rejection(justPaid, request(justPaid, Reason.PAYMENT_ISSUE))).isNull();
    }

    @Test
    void theWindowClosesFifteenDaysAfterConfirmedOrAutoConfirmedDelivery() {
        Order confirmed = TestOrders.withConfirmedDelivery(order, NOW);
        Instant closes = NOW.plus(Duration.ofDays(15));
        assertThat(rejection(confirmed, request(confirmed, Reason.NOT_RECEIVED), CLEAN, closes.minusSeconds(60))).isNull();
        assertThat(rejection(confirmed, request(confirmed, Reason.PAYMENT_ISSUE), CLEAN, closes))
                .isEqualTo(RejectionCode.WINDOW_CLOSED);

        Instant autoConfirmed = order.shippedAt().plus(Duration.ofDays(order.promisedDeliveryDays()));
        assertThat(rejection(order, request(order, Reason.NOT_RECEIVED), CLEAN, autoConfirmed.plus(Duration.ofDays(15))))
                .isEqualTo(RejectionCode.WINDOW_CLOSED);
        Order lateConfirmation = TestOrders.withConfirmedDelivery(order, autoConfirmed.plus(Duration.ofDays(10)));
        assertThat(rejection(lateConfirmation, request(lateConfirmation, Reason.NOT_RECEIVED), CLEAN,
                autoConfirmed.plus(Duration.ofDays(15)))).as("a late confirmation extends nothing")
                .isEqualTo(RejectionCode.WINDOW_CLOSED);
    }

    @Test
    void oneActiveDisputeAnOrderResolvedOnceAndOneReopenAfterACancellation() {
        assertThat(rejection(order, request(order, Reason.NOT_RECEIVED), record(DisputeStatus.NEGOTIATING), NOW))
                .isEqualTo(RejectionCode.DISPUTE_ALREADY_ACTIVE);
        assertThat(rejection(order, request(order, Reason.NOT_RECEIVED), record(DisputeStatus.RESOLVED), NOW))
                .isEqualTo(RejectionCode.ORDER_ALREADY_RESOLVED);
        Eligibility reopen = RULES.check(request(order, Reason.NOT_RECEIVED), Optional.of(order),
                record(DisputeStatus.CANCELLED), NOW);
        assertThat(reopen.eligible()).isTrue();
        assertThat(reopen.reopenNumber()).isEqualTo(1);
        assertThat(rejection(order, request(order, Reason.NOT_RECEIVED),
                record(DisputeStatus.CANCELLED, DisputeStatus.CANCELLED), NOW)).isEqualTo(RejectionCode.REOPEN_LIMIT_REACHED);
    }

    @Test
    void theOrderItsBuyerAndTheBuyersAccount() {
        OpeningRequest stranger = new OpeningRequest(order.orderId(), "someone-else", Reason.NOT_RECEIVED, "x",
                List.of(), ResolutionType.FULL_REFUND, null, List.of());
        assertThat(RULES.check(stranger, Optional.empty(), null, NOW).rejection()).isEqualTo(RejectionCode.ORDER_NOT_FOUND);
        assertThat(rejection(order, stranger)).isEqualTo(RejectionCode.NOT_YOUR_ORDER);
        assertThat(rejection(order, request(order, Reason.NOT_RECEIVED), new BuyerRecord(true, List.of(), true, 0), NOW))
                .isEqualTo(RejectionCode.BUYER_BLOCKED);
        Order customs = TestOrders.from(order).customsReturned().build();
        assertThat(rejection(customs, request(customs, Reason.NOT_RECEIVED)))
                .isEqualTo(RejectionCode.CUSTOMS_IS_BUYER_RESPONSIBILITY);
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void damagedNotAsDescribedAndMissingItemsNeedTheBuyersOwnEvidence(Reason reason) {
        Order order = withDifferences(this.order);
        RejectionCode withoutEvidence = reason.evidenceRequired() ? RejectionCode.EVIDENCE_REQUIRED : null;
        assertThat(rejection(order, request(order, reason))).isEqualTo(withoutEvidence);
        OpeningRequest withPhoto = new OpeningRequest(order.orderId(), order.buyerId(), reason, "Broken",
                List.of(new DisputedLine("MUG", 1)), ResolutionType.FULL_REFUND, null, List.of("photo"));
        assertThat(rejection(order, withPhoto)).isNull();
        assertThat(rejection(order, withPhoto, new BuyerRecord(false, List.of(), false, 0), NOW))
                .isEqualTo(RejectionCode.EVIDENCE_NOT_FOUND);
    }

    @Test
    void theAmountAskedCannotExceedWhatWasPaidForTheDisputedItems() {
        // Whole order: 2 x 20.00 + 60.00 + 5.00 shipping = 105.00
        assertThat(rejection(order, partial(List.of(), "105.01"))).isEqualTo(RejectionCode.AMOUNT_EXCEEDS_PAID);
        assertThat(check(partial(List.of(), "105.00")).requestedAmount()).isEqualTo(eur("105.00"));
        // One mug: 20.00 and its share of shipping, 5.00 x 20/100 = 1.00
        List<DisputedLine> oneMug = List.of(new DisputedLine("MUG", 1));
        Eligibility mug = check(partial(oneMug, "21.00"));
        assertThat(mug.disputedValue()).isEqualTo(eur("20.00"));
        assertThat(mug.refundableAmount()).isEqualTo(eur("21.00"));
        assertThat(rejection(order, partial(oneMug, "21.01"))).isEqualTo(RejectionCode.AMOUNT_EXCEEDS_PAID);
        assertThat(rejection(order, partial(oneMug, "0"))).isEqualTo(RejectionCode.AMOUNT_REQUIRED);
        assertThat(rejection(order, partial(oneMug, "1.001"))).isEqualTo(RejectionCode.AMOUNT_INVALID);
    }

    @Test
    void aWrongShippingMethodIsOwedTheShippingPaidAboveTheMethodUsed() {
        Order cheaper = TestOrders.from(order).shippedBy("STANDARD", "1.50").build();
        Eligibility full = RULES.check(request(cheaper, Reason.WRONG_SHIPPING_METHOD), Optional.of(cheaper), CLEAN, NOW);
        assertThat(full.refundableAmount()).as("5.00 paid for EXPRESS, STANDARD costs 1.50").isEqualTo(eur("3.50"));
        assertThat(full.requestedAmount()).as("a full refund is the difference, the goods stay").isEqualTo(eur("3.50"));
        assertThat(rejection(cheaper, partialFor(cheaper, Reason.WRONG_SHIPPING_METHOD, "3.51")))
                .isEqualTo(RejectionCode.AMOUNT_EXCEEDS_DIFFERENCE);
        assertThat(rejection(cheaper, partialFor(cheaper, Reason.WRONG_SHIPPING_METHOD, "2.00"))).isNull();
        assertThat(rejection(cheaper, typed(cheaper, Reason.WRONG_SHIPPING_METHOD, ResolutionType.RETURN_AND_REFUND)))
                .isEqualTo(RejectionCode.RESOLUTION_NOT_FOR_REASON);
        assertThat(rejection(order, request(order, Reason.WRONG_SHIPPING_METHOD)))
                .as("shipped as paid for").isEqualTo(RejectionCode.NOTHING_TO_REFUND);
    }

    @Test
    void aPaymentIssueIsOwedWhatWasChargedAboveTheOrdersTotal() {
        Order twice = TestOrders.from(order).charged("105.00", "105.00").build();
        Eligibility full = RULES.check(request(twice, Reason.PAYMENT_ISSUE), Optional.of(twice), CLEAN, NOW);
        assertThat(full.refundableAmount()).as("charged twice: one charge too many").isEqualTo(eur("105.00"));
        assertThat(full.requestedAmount()).isEqualTo(eur("105.00"));
        Order tooMuch = TestOrders.from(order).charged("110.00").build();
        assertThat(RULES.check(request(tooMuch, Reason.PAYMENT_ISSUE), Optional.of(tooMuch), CLEAN, NOW)
                .requestedAmount()).isEqualTo(eur("5.00"));
        assertThat(rejection(tooMuch, partialFor(tooMuch, Reason.PAYMENT_ISSUE, "5.01")))
                .isEqualTo(RejectionCode.AMOUNT_EXCEEDS_DIFFERENCE);
        assertThat(rejection(tooMuch, typed(tooMuch, Reason.PAYMENT_ISSUE, ResolutionType.RESHIPMENT)))
                .isEqualTo(RejectionCode.RESOLUTION_NOT_FOR_REASON);
        Order chargedRight = TestOrders.from(order).charged("105.00").build();
        assertThat(rejection(chargedRight, request(chargedRight, Reason.PAYMENT_ISSUE)))
                .isEqualTo(RejectionCode.NOTHING_TO_REFUND);
    }

    @Test
    void anAmountInAnotherCurrencyThanTheOrdersIsRefused() {
        OpeningRequest inDollars = new OpeningRequest(order.orderId(), order.buyerId(), Reason.NOT_RECEIVED, "x",
                List.of(), ResolutionType.PARTIAL_REFUND, new BigDecimal("5.00"), Currency.getInstance("USD"), List.of());
        assertThat(rejection(order, inDollars)).isEqualTo(RejectionCode.CURRENCY_MISMATCH);
        OpeningRequest inEuros = new OpeningRequest(order.orderId(), order.buyerId(), Reason.NOT_RECEIVED, "x",
                List.of(), ResolutionType.PARTIAL_REFUND, new BigDecimal("5.00"), TestOrders.EUR, List.of());
        assertThat(check(inEuros).requestedAmount()).isEqualTo(eur("5.00"));
    }

    @Test
    void aBuyerCannotAskForTheSellersFavour() {
        OpeningRequest nothing = new OpeningRequest(order.orderId(), order.buyerId(), Reason.NOT_RECEIVED, "x",
                List.of(), ResolutionType.SELLER_FAVOUR, null, List.of());
        assertThat(rejection(order, nothing)).isEqualTo(RejectionCode.RESOLUTION_NOT_REQUESTABLE);
    }

    @Test
    void missingItemsNameTheMissingLinesAndTheirShareIsTheRefund() {
        OpeningRequest wholeOrder = new OpeningRequest(order.orderId(), order.buyerId(), Reason.MISSING_ITEMS, "Missing",
                List.of(), ResolutionType.FULL_REFUND, null, List.of("photo"));
        assertThat(rejection(order, wholeOrder)).isEqualTo(RejectionCode.LINES_REQUIRED);

        OpeningRequest oneMug = new OpeningRequest(order.orderId(), order.buyerId(), Reason.MISSING_ITEMS, "One mug",
                List.of(new DisputedLine("MUG", 1)), ResolutionType.FULL_REFUND, null, List.of("photo"));
        Eligibility share = RULES.check(oneMug, Optional.of(order), CLEAN, NOW);
        assertThat(share.requestedAmount()).as("20.00 and its share of the 5.00 shipping").isEqualTo(eur("21.00"));
    }

    @Test
    void disputedLinesMustBelongToTheOrder() {
        assertThat(rejection(order, partial(List.of(new DisputedLine("NOPE", 1)), "1.00")))
                .isEqualTo(RejectionCode.LINE_NOT_IN_ORDER);
        assertThat(rejection(order, partial(List.of(new DisputedLine("MUG", 3)), "1.00")))
                .isEqualTo(RejectionCode.LINE_NOT_IN_ORDER);
        assertThat(rejection(order, partial(List.of(new DisputedLine("MUG", 1), new DisputedLine("MUG", 1)), "1.00")))
                .as("a line twice").isEqualTo(RejectionCode.LINE_NOT_IN_ORDER);
    }

    @Test
    void moreThanThreeDisputesInTheWindowAreFlaggedAndMoreThanSixRefused() {
        assertThat(RULES.check(request(order, Reason.NOT_RECEIVED), Optional.of(order), opened(2), NOW)
                .flagForMediators()).as("the third").isFalse();
        Eligibility fourth = RULES.check(request(order, Reason.NOT_RECEIVED), Optional.of(order), opened(3), NOW);
        assertThat(fourth.eligible()).isTrue();
        assertThat(fourth.flagForMediators()).isTrue();
        assertThat(rejection(order, request(order, Reason.NOT_RECEIVED), opened(5), NOW)).isNull();
        assertThat(rejection(order, request(order, Reason.NOT_RECEIVED), opened(6), NOW))
                .isEqualTo(RejectionCode.TOO_MANY_DISPUTES);
    }

    // ---------------------------------------------------------------------------------------------------

    /** The order, shipped by a cheaper method than paid for and charged twice: every reason is owed something. */
    static Order withDifferences(Order order) {
        return TestOrders.from(order).shippedBy("STANDARD", "1.50").charged("105.00", "105.00").build();
    }

    static OpeningRequest partialFor(Order order, Reason reason, String amount) {
        return new OpeningRequest(order.orderId(), order.buyerId(), reason, "Owed a difference", List.of(),
                ResolutionType.PARTIAL_REFUND, new BigDecimal(amount), List.of());
    }

    static OpeningRequest typed(Order order, Reason reason, ResolutionType type) {
        return new OpeningRequest(order.orderId(), order.buyerId(), reason, "Owed a difference", List.of(), type, null,
                List.of());
    }

    static BuyerRecord record(DisputeStatus... earlierDisputesOfTheOrder) {
        return new BuyerRecord(false, List.of(earlierDisputesOfTheOrder), true, 0);
    }

    static BuyerRecord opened(long inTheAbuseWindow) {
        return new BuyerRecord(false, List.of(), true, inTheAbuseWindow);
    }

    static OpeningRequest request(Order order, Reason reason) {
        return new OpeningRequest(order.orderId(), order.buyerId(), reason, "Not what I paid for", List.of(),
                ResolutionType.FULL_REFUND, null, List.of());
    }

    OpeningRequest partial(List<DisputedLine> lines, String amount) {
        return new OpeningRequest(order.orderId(), order.buyerId(), Reason.NOT_RECEIVED, "Partly missing", lines,
                ResolutionType.PARTIAL_REFUND, new BigDecimal(amount), List.of());
    }

    Eligibility check(OpeningRequest request) {
        return RULES.check(request, Optional.of(order), CLEAN, NOW);
    }

    static RejectionCode rejection(Order order, OpeningRequest request) {
        return rejection(order, request, CLEAN, NOW);
    }

    static RejectionCode rejection(Order order, OpeningRequest request, BuyerRecord record, Instant now) {
        return RULES.check(request, Optional.of(order), record, now).rejection();
    }

    static Money eur(String amount) {
        return Money.exact(new BigDecimal(amount), TestOrders.EUR);
    }
}
