package org.opendispute.negotiation;

import java.util.List;
import java.util.Locale;

import org.opendispute.dispute.DisputePolicy;
import org.springframework.stereotype.Component;

/**
 * Flags messages that propose settling outside the platform or use abusive language
 * (phrases from {@code disputes.policy.off-platform-phrases} and {@code abusive-words}).
 */
@Component
public class MessageModerator {

    private final DisputePolicy policy;

    public MessageModerator(DisputePolicy policy) {
        this.policy = policy;
    }

    public Verdict moderate(String body) {
        String text = body.toLowerCase(Locale.ROOT);
        return new Verdict(containsAny(text, policy.offPlatformPhrases()), containsAny(text, policy.abusiveWords()));
    }

    private static boolean containsAny(String text, List<String> phrases) {
        return phrases.stream().anyMatch(phrase -> text.contains(phrase.toLowerCase(Locale.ROOT)));
    }

    public record Verdict(boolean offPlatform, boolean abusive) {
        public boolean flagged() {
            return offPlatform || abusive;
        }
    }
}
