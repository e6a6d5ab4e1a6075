package org.opendispute.refund;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opendispute.order.Money;
import org.opendispute.refund.PaymentGateway.Outcome;
import org.opendispute.refund.PaymentGateway.RefundOrder;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * The Stripe provider against a local stub of Stripe's documented Refunds endpoints (their request encoding,
 * answers and error shapes): what is sent, how each answer is read, the idempotent replay, the lookup by our
 * reference, a timeout.
 */
class StripePaymentGatewayTest {

    static final RefundOrder ORDER = new RefundOrder("refund:D-1", "D-1",
            new Money(new BigDecimal("105.00"), Currency.getInstance("EUR")), "CARD", "pi_123");

    static WireMockServer stripe;
    StripePaymentGateway gateway;

    @BeforeAll
    static void startStub() {
        stripe = new WireMockServer(options().dynamicPort());
        stripe.start();
    }

    @AfterAll
    static void stopStub() {
        stripe.stop();
    }

    @BeforeEach
    void setUp() {
        stripe.resetAll();
        gateway = new StripePaymentGateway(new StripeSettings("sk_test_opendispute", stripe.baseUrl(),
                Duration.ofSeconds(2), Duration.ofMillis(500)), Duration.ofMinutes(1));
    }

    @Test
    void aRefundIsAskedForInMinorUnitsUnderOurKeyWithOurReferenceInItsMetadata() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(refund("re_1", "succeeded", "refund:D-1")));

        assertThat(gateway.refund(ORDER)).isEqualTo(new Outcome.Paid("re_1"));

        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("refund:D-1"))
                .withHeader("Authorization", equalTo("Bearer sk_test_opendispute"))
                .withRequestBody(containing("amount=10500"))
                .withRequestBody(containing("payment_intent=pi_123"))
                .withRequestBody(containing("reason=requested_by_customer"))
                .withRequestBody(containing("metadata[opendispute_dispute_id]=D-1"))
                .withRequestBody(containing("metadata[opendispute_idempotency_key]=refund%3AD-1")));
    }

    @Test
    void aChargeIsRefundedAsAChargeAndAZeroDecimalCurrencyInWholeUnits() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(refund("re_2", "pending", "refund:D-2")));

        RefundOrder yen = new RefundOrder("refund:D-2", "D-2", new Money(new BigDecimal("1500"),
                Currency.getInstance("JPY")), "CARD", "ch_9");
        assertThat(gateway.refund(yen)).as("pending is accepted: Stripe pays it out").isEqualTo(new Outcome.Paid("re_2"));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withRequestBody(containing("charge=ch_9"))
                .withRequestBody(containing("amount=1500&")));
    }

    @Test
    void anIdempotentReplayAnswersTheFirstRefund() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).inScenario("replay").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(refund("re_1", "succeeded", "refund:D-1")).willSetStateTo("paid"));
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).inScenario("replay").whenScenarioStateIs("paid")
                .willReturn(refund("re_1", "succeeded", "refund:D-1").withHeader("Idempotent-Replayed", "true")));

        assertThat(gateway.refund(ORDER)).isEqualTo(new Outcome.Paid("re_1"));
        assertThat(gateway.refund(ORDER)).isEqualTo(new Outcome.Paid("re_1"));
        stripe.verify(2, postRequestedFor(urlPathEqualTo("/v1/refunds")).withHeader("Idempotency-Key", equalTo("refund:D-1")));
    }

    @ParameterizedTest(name = "{0} {1} → {3}")
    @CsvSource({
            "402, card_error, expired_card, Refused",
            "400, invalid_request_error, charge_already_refunded, Refused",
            "404, invalid_request_error, resource_missing, Refused",
            "400, idempotency_error, , NoAnswer",
            "429, invalid_request_error, rate_limit, NoAnswer",
            "401, invalid_request_error, , NoAnswer",
            "500, api_error, , NoAnswer",
            "503, api_error, , NoAnswer",
    })
    void eachErrorOfStripeIsARefusalOrNoAnswer(int status, String type, String code, String outcome) {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"" + type + "\", " + (code == null ? "" : "\"code\": \"" + code + "\", ")
                        + "\"message\": \"Stripe says " + type + "\"}}")));

        Outcome answer = gateway.refund(ORDER);

        assertThat(answer.getClass().getSimpleName()).isEqualTo(outcome);
        assertThat(answer.toString()).contains("Stripe says " + type);
    }

    @Test
    void aRefundThatStripeAnswersAsFailedIsARefusalWithItsReason() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(refundJson("re_3", "failed", "refund:D-1").replace("\"status\"",
                        "\"failure_reason\": \"expired_or_canceled_card\", \"status\""))));

        assertThat(gateway.refund(ORDER)).isInstanceOf(Outcome.Refused.class)
                .hasToString("Refused[reason=Stripe refund re_3 failed: expired_or_canceled_card]");
    }

    @Test
    void noAnswerInTimeIsNoAnswer() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds"))
                .willReturn(refund("re_1", "succeeded", "refund:D-1").withFixedDelay(1_500)));

        assertThat(gateway.refund(ORDER)).isInstanceOf(Outcome.NoAnswer.class);
    }

    @Test
    void aRefundWeMadeIsFoundByOurKeyInItsMetadataAndOnlyIfItMovesMoney() {
        stripe.stubFor(get(urlPathEqualTo("/v1/refunds")).withQueryParam("payment_intent", equalTo("pi_123"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"object\": \"list\", \"url\": \"/v1/refunds\", \"has_more\": false, \"data\": ["
                                + refundJson("re_other", "succeeded", "refund:D-9") + ", "
                                + refundJson("re_mine", "succeeded", "refund:D-1") + "]}")));
        assertThat(gateway.find(ORDER)).contains("re_mine");

        stripe.stubFor(get(urlPathEqualTo("/v1/refunds")).withQueryParam("payment_intent", equalTo("pi_123"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"object\": \"list\", \"url\": \"/v1/refunds\", \"has_more\": false, \"data\": ["
                                + refundJson("re_mine", "canceled", "refund:D-1") + "]}")));
        assertThat(gateway.find(ORDER)).isEmpty();
    }

    @Test
    void notKnowingWhetherARefundWasMadeIsNotAnAnswer() {
        stripe.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"down\"}}")));

        assertThatThrownBy(() -> gateway.find(ORDER)).hasMessageContaining("Could not ask Stripe");
    }

    @Test
    void withoutAKeyTheProviderDoesNotStart() {
        assertThatThrownBy(() -> new StripePaymentGateway(new StripeSettings(" ", stripe.baseUrl(),
                Duration.ofSeconds(1), Duration.ofSeconds(1)), Duration.ofMinutes(1))).hasMessageContaining("STRIPE_API_KEY");
    }

    @Test
    void timeoutsThatCouldOutliveTheJobLockStopTheStart() {
        // Two calls of 5 s + 25 s each could take 60 s: a job locked for a minute might run twice
        assertThatThrownBy(() -> new StripePaymentGateway(new StripeSettings("sk_test_opendispute", stripe.baseUrl(),
                Duration.ofSeconds(5), Duration.ofSeconds(25)), Duration.ofMinutes(1)))
                .hasMessageContaining("disputes.jobs.lock-time");
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder refund(String id, String status, String key) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_test").withBody(refundJson(id, status, key));
    }

    static String refundJson(String id, String status, String key) {
        return "{\"id\": \"" + id + "\", \"object\": \"refund\", \"amount\": 10500, \"currency\": \"eur\", "
                + "\"payment_intent\": \"pi_123\", \"status\": \"" + status + "\", \"metadata\": {"
                + "\"opendispute_dispute_id\": \"D-1\", \"opendispute_idempotency_key\": \"" + key + "\"}}";
    }
}
