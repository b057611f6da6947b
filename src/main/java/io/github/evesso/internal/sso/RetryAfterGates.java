package io.github.evesso.internal.sso;

import java.time.Duration;
import java.time.Instant;

/**
 * The waits the SSO asked for with {@code Retry-After}, kept apart by what the answer was to: EVE rate-limits failed
 * requests, and junk codes sent to the callback are the failures anyone can cause, so a wait asked on a code exchange
 * holds back code exchanges only, while a wait asked on a refresh or a revocation holds back every call. Each wait
 * lasts as long as {@link Backoff#believed} allows; a shorter later wait never shortens a longer one. Thread-safe.
 */
final class RetryAfterGates {
    /** What a call to the token or revocation endpoint is, for the gate it passes and the log. */
    enum Call {
        /** {@code grant_type=authorization_code}: a login's callback. */
        CODE_EXCHANGE("code exchange"),
        /** {@code grant_type=refresh_token}: a logged-in user's next access token. */
        REFRESH("token refresh"),
        /** A refresh token revoked at logout or after a refused login. */
        REVOCATION("token revocation");

        private final String description;

        Call(String description) {
            this.description = description;
        }

        /** How the call is named in messages, e.g. {@code "token refresh"}. */
        String description() {
            return description;
        }
    }

    private Instant codeExchangesUntil = Instant.MIN;
    private Instant everyCallUntil = Instant.MIN;

    /** Until when {@code call} must not go out ({@link Instant#MIN} or a past instant: it may go now). */
    synchronized Instant closedUntil(Call call) {
        if (call == Call.CODE_EXCHANGE && codeExchangesUntil.isAfter(everyCallUntil)) {
            return codeExchangesUntil;
        }
        return everyCallUntil;
    }

    /** Records that the SSO answered {@code call} at {@code now} with a request to wait {@code retryAfter}. */
    synchronized void close(Call call, Instant now, Duration retryAfter) {
        Instant until = now.plus(Backoff.believed(retryAfter));
        if (call == Call.CODE_EXCHANGE) {
            codeExchangesUntil = later(codeExchangesUntil, until);
        } else {
            everyCallUntil = later(everyCallUntil, until);
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
