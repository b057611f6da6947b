package io.github.evesso;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The logged-in character's tokens, refreshed automatically. Find it with {@link EveSso#token} or under the
 * attribute {@link EveSso#TOKEN} of the request or the session. Thread-safe. Its {@code toString()} never shows a
 * token.
 */
public interface EveAccessToken {

    /**
     * A valid access token for calls to ESI ({@code Authorization: Bearer ...}). When the current one expires within
     * the configured refresh window, it is first refreshed; concurrent callers share one refresh.
     *
     * @return the access token (a JWT), never {@code null}
     * @throws EveLoginExpiredException when the SSO no longer honours the login (revoked refresh token: the login is
     *     removed), or when a login without scopes (no refresh token) has outlived its access token; only a new
     *     login brings a new token
     * @throws EveSsoUnavailableException when the token has expired and the SSO cannot be reached to refresh it
     */
    String accessToken();

    /**
     * Refreshes the tokens now, even if the access token is still fresh (for example after the character granted
     * more scopes, or for a "refresh now" button). Concurrent refreshes of the login are still one at a time.
     *
     * @return the new access token
     * @throws EveLoginExpiredException when the SSO ended the login
     * @throws EveSsoUnavailableException when no refresh was possible now (SSO unavailable, a back-off after a
     *     recent failure, or a login without scopes, which has no refresh token); the current token stays in use
     */
    String refresh();

    /** When the current access token expires. */
    Instant expiresAt();

    /** When the tokens were last obtained (login or refresh). */
    Instant obtainedAt();

    /** The scopes granted to the current access token, possibly empty. */
    Set<String> scopes();

    /** The character the token belongs to. */
    EveCharacter character();

    /**
     * The current refresh token, for applications that persist it for background jobs (for example in
     * {@link EveSsoListener#onTokenRefreshed}). Empty when the login asked for no scopes. It is a long-lived secret:
     * never log it.
     */
    Optional<String> refreshToken();
}
