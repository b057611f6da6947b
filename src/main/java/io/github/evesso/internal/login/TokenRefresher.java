package io.github.evesso.internal.login;

import io.github.evesso.internal.sso.TokenEndpointClient;
import io.github.evesso.internal.sso.TokenResponse;
import io.github.evesso.internal.sso.Backoff;
import io.github.evesso.internal.sso.SsoException;
import io.github.evesso.internal.sso.SsoBadResponseException;
import io.github.evesso.internal.sso.SsoRejectedException;
import io.github.evesso.internal.sso.SsoUnavailableException;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.EveSsoListener;
import io.github.evesso.internal.event.LoginEvents;
import io.github.evesso.internal.jwt.AccessTokenValidator;
import io.github.evesso.internal.jwt.InvalidAccessTokenException;
import io.github.evesso.internal.jwt.ValidatedToken;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a login's access token fresh: refreshes it when it expires within the refresh window, one refresh per login
 * at a time (concurrent callers wait and share the result), always storing the rotated refresh token. A refused
 * grant ends the login; an unavailable SSO only delays the refresh (back-off) while the current token is valid.
 */
public final class TokenRefresher {
    private static final System.Logger LOG = System.getLogger(TokenRefresher.class.getName());

    /** The state of a login after {@link #ensureFresh}. */
    public enum Outcome {
        /** The access token is valid (possibly just refreshed). */
        FRESH,
        /** The login is over: the user must log in again. */
        ENDED,
        /** The token has expired and the SSO is unavailable: try later. */
        UNAVAILABLE
    }

    private final TokenEndpointClient client;
    private final AccessTokenValidator validator;
    private final LoginEvents events;
    private final Clock clock;
    private final long windowMillis;
    private final Duration maxBackoff;

    /** Creates the refresher. */
    public TokenRefresher(EveSsoConfig config, TokenEndpointClient client, AccessTokenValidator validator,
            LoginEvents events) {
        this.client = client;
        this.validator = validator;
        this.events = events;
        this.clock = config.clock();
        this.windowMillis = config.refreshWindow().toMillis();
        this.maxBackoff = config.maxRetryBackoff();
    }

    /** The current time on the configured clock. */
    Instant now() {
        return clock.instant();
    }

    /** Makes sure {@code login} holds a usable access token, refreshing it if needed. */
    public Outcome ensureFresh(EveLogin login) {
        if (login.isEnded()) {
            return Outcome.ENDED;
        }
        // the hot path of every logged-in request: plain millisecond arithmetic, nothing allocated
        EveLogin.Tokens tokens = login.tokens();
        if (!needsRefresh(tokens, clock.millis()) || tokens.refreshToken() == null) {
            return Outcome.FRESH; // a login without scopes has nothing to refresh: its identity stays
        }
        login.refreshLock().lock();
        try {
            return refreshLocked(login);
        } finally {
            login.refreshLock().unlock();
        }
    }

    private Outcome refreshLocked(EveLogin login) {
        Instant now = clock.instant();
        EveLogin.Tokens current = login.tokens();
        if (login.isEnded()) {
            return Outcome.ENDED;
        }
        if (!needsRefresh(current, now.toEpochMilli())) {
            return Outcome.FRESH; // another request refreshed it while this one waited
        }
        Instant retry = login.retryNotBefore();
        if (retry != null && now.isBefore(retry)) {
            return stillUsable(current, now);
        }
        return attempt(login, current, now);
    }

    /**
     * Refreshes {@code login} now, even when its access token is still fresh (while no back-off is running).
     *
     * @return {@link Outcome#FRESH} when new tokens were obtained, {@link Outcome#ENDED} when the SSO ended the
     *     login, {@link Outcome#UNAVAILABLE} when no refresh was possible (SSO unavailable, back-off running, or an
     *     identity-only login without a refresh token)
     */
    public Outcome refreshNow(EveLogin login) {
        login.refreshLock().lock();
        try {
            EveLogin.Tokens current = login.tokens();
            Instant now = clock.instant();
            Instant retry = login.retryNotBefore();
            if (login.isEnded()) {
                return Outcome.ENDED;
            }
            if (current.refreshToken() == null || retry != null && now.isBefore(retry)) {
                return Outcome.UNAVAILABLE;
            }
            Outcome outcome = attempt(login, current, now);
            boolean renewed = !login.tokens().accessToken().equals(current.accessToken());
            return outcome == Outcome.ENDED || renewed ? outcome : Outcome.UNAVAILABLE;
        } finally {
            login.refreshLock().unlock();
        }
    }

    /** One call to the token endpoint; the caller holds the login's refresh lock. */
    private Outcome attempt(EveLogin login, EveLogin.Tokens current, Instant now) {
        TokenResponse response;
        try {
            response = client.refresh(current.refreshToken());
        } catch (SsoRejectedException e) {
            if (e.isGrantRevoked()) {
                LOG.log(Level.INFO, "EVE SSO refused to refresh character {0,number,#} ({1}): login ended",
                        current.character().id(), e.error());
                return end(login, current);
            }
            return backOff(login, current, now, e.getMessage(), null);
        } catch (SsoUnavailableException e) {
            return backOff(login, current, now, e.getMessage(), e.retryAfter().orElse(null));
        } catch (SsoBadResponseException e) {
            return backOff(login, current, now, e.getMessage(), null);
        } catch (SsoException e) {
            throw new AssertionError(e); // the three subclasses above are all there are
        }
        ValidatedToken validated;
        try {
            validated = validator.validate(response.accessToken());
        } catch (InvalidAccessTokenException | SsoException e) {
            // the SSO has rotated the refresh token: keep the new one (the old one may be dead), retry later
            if (response.refreshToken() != null) {
                login.keepRefreshToken(response.refreshToken());
            }
            return backOff(login, current, now, e.getMessage(), null);
        }
        if (validated.character().id() != current.character().id()) {
            LOG.log(Level.ERROR, "EVE SSO refreshed character {0,number,#} into another character; ending the login",
                    current.character().id());
            return end(login, current);
        }
        String refreshToken = response.refreshToken() != null ? response.refreshToken() : current.refreshToken();
        login.refreshed(new EveLogin.Tokens(validated.character(), response.accessToken(), refreshToken,
                validated.expiresAt(), now));
        events.refreshed(validated.character(), login);
        return Outcome.FRESH;
    }

    private Outcome end(EveLogin login, EveLogin.Tokens current) {
        login.end();
        events.loggedOut(current.character(), EveSsoListener.LogoutReason.REVOKED);
        return Outcome.ENDED;
    }

    private Outcome backOff(EveLogin login, EveLogin.Tokens current, Instant now, String why, Duration retryAfter) {
        Instant next = Backoff.nextAttempt(now, login.failedRefreshes() + 1, retryAfter, maxBackoff);
        login.failedRefresh(next);
        LOG.log(Level.WARNING, "Refreshing the EVE token of character {0,number,#} failed ({1}); retrying after {2}",
                current.character().id(), why, next);
        return stillUsable(current, now);
    }

    private static Outcome stillUsable(EveLogin.Tokens tokens, Instant now) {
        return now.isBefore(tokens.expiresAt()) ? Outcome.FRESH : Outcome.UNAVAILABLE;
    }

    /** Whether {@code tokens} expire within the refresh window; millisecond arithmetic, nothing allocated. */
    private boolean needsRefresh(EveLogin.Tokens tokens, long nowMillis) {
        return nowMillis + windowMillis >= tokens.expiresAt().toEpochMilli();
    }
}
