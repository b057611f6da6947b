package io.github.evesso.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * EVE's rate limit on failed requests, as the local SSO plays it at the token endpoint: once {@code failures} token
 * requests were answered with a 4xx within {@code window} (by the server's clock), every token request is answered
 * {@code 429} with {@code Retry-After} (whole seconds until the oldest of those failures leaves the window) instead
 * of being processed. The {@code 429} answers themselves are not counted. Thread-safe.
 */
final class FailedRequestLimit {

    private final int failures;
    private final Duration window;
    private final Clock clock;
    private final ArrayDeque<Instant> failedAt = new ArrayDeque<>();

    FailedRequestLimit(int failures, Duration window, Clock clock) {
        this.failures = failures;
        this.window = window;
        this.clock = clock;
    }

    /** How long a request arriving now must wait, when the limit is reached; empty when it is served. */
    synchronized Optional<Duration> retryAfter() {
        Instant now = clock.instant();
        while (!failedAt.isEmpty() && !now.isBefore(failedAt.peekFirst().plus(window))) {
            failedAt.removeFirst();
        }
        if (failedAt.size() < failures) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, failedAt.peekFirst().plus(window));
        return Optional.of(Duration.ofSeconds(Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0))));
    }

    /** Counts a token request that was answered with a 4xx now. */
    synchronized void failed() {
        failedAt.addLast(clock.instant());
        while (failedAt.size() > failures) {
            failedAt.removeFirst();
        }
    }
}
