package org.opendispute.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

/** A round of deliveries ends at its deadline even when an answer never comes. */
class WebhookRoundTest {

    @Test
    void anAnswerThatNeverComesEndsTheWaitAtTheRoundsEndAndIsCancelled() {
        CompletableFuture<String> never = new CompletableFuture<>();
        long roundEndsAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);

        assertThatThrownBy(() -> WebhookDispatcher.awaitAnswer(never, roundEndsAt)).isInstanceOf(TimeoutException.class);
        assertThat(never).isCancelled();
    }

    @Test
    void anAnswerAlreadyThereIsTakenEvenAfterTheRoundsEnd() throws Exception {
        long roundEnded = System.nanoTime() - 1;

        assertThat(WebhookDispatcher.awaitAnswer(CompletableFuture.completedFuture("204"), roundEnded)).isEqualTo("204");
    }
}
