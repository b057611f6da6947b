package io.github.evesso;

import java.util.Optional;

/**
 * A call to ESI gave no answer the application can use. Three kinds, so that a caller can show the right thing:
 * {@link EsiRejectedException} (ESI refused the request: a 4xx other than 420/429; never retried, asking again does
 * not help), {@link EsiUnavailableException} (ESI could not answer now: 5xx, 420, 429, timeouts, connection
 * failures, the error limit; {@link EsiUnavailableException#retryAfter()} says when to try again, when known) and
 * {@link EsiBadResponseException} (ESI answered something the client cannot use: too large, or a body that does not
 * map to the requested type). The message names the method and path and ESI's error text; it never holds a token or
 * a header.
 */
public abstract sealed class EsiException extends RuntimeException
        permits EsiRejectedException, EsiUnavailableException, EsiBadResponseException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String esiError;

    EsiException(String message, int status, String esiError, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.esiError = esiError;
    }

    /** The HTTP status ESI answered with, or {@code 0} when no answer came (timeout, connection failure, a wait). */
    public int status() {
        return status;
    }

    /** ESI's own error text (the {@code error} field of its JSON error body), when it sent one. */
    public Optional<String> esiError() {
        return Optional.ofNullable(esiError);
    }
}
