package io.github.evesso;

import java.time.Duration;
import java.util.Optional;

/**
 * ESI could not answer now: a 5xx (after the retries of an idempotent call), 420 (the error limit was reached), 429
 * (rate-limited), a timeout, a connection failure, or a wait (for {@code Retry-After} or the error limit's reset)
 * longer than the client may wait for one call. Trying again later can succeed; {@link #retryAfter()} says when, if
 * known.
 */
public final class EsiUnavailableException extends EsiException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message    what was called and what went wrong (no token in it); not {@code null}
     * @param status     the HTTP status, or {@code 0} when no answer came
     * @param esiError   ESI's error text, or {@code null} when it sent none
     * @param retryAfter how long to wait before trying again, or {@code null} when unknown
     * @param cause      the transport failure, or {@code null}
     */
    public EsiUnavailableException(String message, int status, String esiError, Duration retryAfter,
            Throwable cause) {
        super(message, status, esiError, cause);
        this.retryAfter = retryAfter;
    }

    /** How long to wait before calling again (ESI's {@code Retry-After} or error-limit reset), when known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
