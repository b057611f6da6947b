package io.github.evesso.internal.token;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try the SSO again after consecutive failures: 2 s doubling per failure up to a maximum, or longer when the
 * SSO asked for it with {@code Retry-After}.
 */
public final class Backoff {
    private static final Duration FIRST = Duration.ofSeconds(2);

    private Backoff() {
    }

    /**
     * @param now the current time
     * @param failures consecutive failures so far, including the one just seen (at least 1)
     * @param retryAfter the SSO's request, or {@code null}
     * @param max the longest computed wait (a longer {@code Retry-After} still wins)
     */
    public static Instant nextAttempt(Instant now, int failures, Duration retryAfter, Duration max) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 20);
        Duration wait = FIRST.multipliedBy(1L << doublings);
        if (wait.compareTo(max) > 0) {
            wait = max;
        }
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        return now.plus(wait);
    }
}
