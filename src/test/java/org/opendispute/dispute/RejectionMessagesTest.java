package org.opendispute.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A refusal quotes the policy as it is configured, not the defaults POLICY.md starts from. */
class RejectionMessagesTest {

    @Test
    void theMessagesQuoteTheConfiguredDurationsAndThresholds() {
        DisputePolicy policy = new Binder(new MapConfigurationPropertySource(Map.of(
                "disputes.policy.open-after-shipping", "P14D",
                "disputes.policy.open-until-after-delivery", "P20D",
                "disputes.policy.refuse-above-disputes", "4",
                "disputes.policy.abuse-window", "P60D")))
                .bindOrCreate("disputes.policy", DisputePolicy.class);

        assertThat(RejectionCode.WINDOW_NOT_OPEN.message(policy)).contains("from day 15 after shipping");
        assertThat(RejectionCode.WINDOW_CLOSED.message(policy)).contains("20 days after delivery");
        assertThat(RejectionCode.TOO_MANY_DISPUTES.message(policy)).contains("More than 4 disputes")
                .contains("last 60 days");
        assertThat(RejectionCode.WINDOW_NOT_OPEN.message(DisputeCalendarTest.POLICY)).contains("from day 11");
        assertThat(RejectionCode.BUYER_BLOCKED.message(policy)).isEqualTo(RejectionCode.BUYER_BLOCKED.message());
    }
}
