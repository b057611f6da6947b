package io.github.evesso.internal.flow;

import io.github.evesso.internal.web.Failure;

/**
 * A login step that cannot go on: the {@link Failure} to render, where a "log in again" link leads back to, and the
 * {@code Retry-After} to send. Thrown inside {@link LoginCallback} and rendered in one place; carries no stack trace
 * and never a token.
 */
final class LoginFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Failure failure;
    private final String returnPath;
    private final long retryAfterSeconds;

    LoginFailure(Failure failure, String returnPath, long retryAfterSeconds) {
        super(failure.code(), null, false, false);
        this.failure = failure;
        this.returnPath = returnPath;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    LoginFailure(Failure failure, String returnPath) {
        this(failure, returnPath, 0);
    }

    Failure failure() {
        return failure;
    }

    /** The application-relative page to return to after a new login, or {@code null}. */
    String returnPath() {
        return returnPath;
    }

    /** Seconds for {@code Retry-After}, or 0 for none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
