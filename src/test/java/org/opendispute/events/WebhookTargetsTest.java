package org.opendispute.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** By default webhooks go to https on public addresses only: never into the platform's own network. */
class WebhookTargetsTest {

    private final WebhookTargets byDefault = new WebhookTargets(settings(false));
    private final WebhookTargets allowingPrivate = new WebhookTargets(settings(true));

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hooks", "https://localhost/hooks", "https://10.1.2.3/hooks",
            "https://192.168.0.10/hooks", "https://172.16.5.5/hooks", "https://169.254.169.254/latest/meta-data",
            "https://[::1]/hooks", "https://[fd00::1]/hooks", "https://0.0.0.0/hooks"})
    void aPrivateTargetIsRefusedByDefault(String url) {
        assertThat(byDefault.refusal(url)).contains("loopback or private");
        assertThat(allowingPrivate.refusal(url)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://203.0.113.7/hooks", "ftp://203.0.113.7/hooks", "http://127.0.0.1/hooks"})
    void plainHttpIsRefusedByDefault(String url) {
        assertThat(byDefault.refusal(url)).isEqualTo("the target must be https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hooks", "https:///nohost", "https://exa mple.org/"})
    void notAUrlIsRefused(String url) {
        assertThat(byDefault.refusal(url)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://203.0.113.7/hooks", "https://[2001:db8::1]/hooks"})
    void aPublicHttpsTargetIsAccepted(String url) {
        assertThat(byDefault.refusal(url)).isNull();
    }

    private static WebhookSettings settings(boolean allowPrivate) {
        return new WebhookSettings(allowPrivate, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofHours(24), 8, 10, false);
    }
}
