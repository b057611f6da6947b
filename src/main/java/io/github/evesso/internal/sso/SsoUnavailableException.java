package io.github.evesso.internal.sso;

import java.time.Duration;
import java.util.Optional;

/** The SSO could not be reached or answered 5xx/429: retry later, never treat it as a revoked login. */
public final class SsoUnavailableException extends SsoException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /** @param retryAfter the SSO's {@code Retry-After}, or {@code null} */
    public SsoUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** The wait the SSO asked for, if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
