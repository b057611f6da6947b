package io.github.evesso.internal.sso;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try the SSO again after consecutive failures: 2 s doubling per failure up to a maximum, or longer when the
 * SSO asked for it with {@code Retry-After} (believed up to one hour).
 */
public final class Backoff {
    private static final Duration FIRST = Duration.ofSeconds(2);
    /** A {@code Retry-After} beyond this is not believed: a broken proxy must not freeze logins for days. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private Backoff() {
    }

    /**
     * @param now the current time
     * @param failures consecutive failures so far, including the one just seen (at least 1)
     * @param retryAfter the SSO's request, or {@code null}
     * @param max the longest computed wait (a longer {@code Retry-After}, up to one hour, still wins)
     */
    public static Instant nextAttempt(Instant now, int failures, Duration retryAfter, Duration max) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 20);
        Duration wait = FIRST.multipliedBy(1L << doublings);
        if (wait.compareTo(max) > 0) {
            wait = max;
        }
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = believed(retryAfter);
        }
        return now.plus(wait);
    }

    /** {@code retryAfter} as far as it is believed: at most {@link #MAX_RETRY_AFTER}. */
    static Duration believed(Duration retryAfter) {
        return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
    }
}
