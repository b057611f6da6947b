package io.github.evesso;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The characters of the application's {@link EveTokenStore}, for work outside any request: a scheduled job that
 * reads every member's wallet long after their browser session ended. Obtained with
 * {@link EveSso#storedTokens(jakarta.servlet.ServletContext)}; thread-safe.
 *
 * <p>The same rules as in a request: a token is refreshed shortly before it expires ({@code eve.sso.refresh-window}),
 * a refresh that EVE SSO refuses ({@code invalid_grant}) marks the grant {@link StoredGrant.Status#NEEDS_LOGIN} and
 * fires {@link EveSsoListener#onLogout} with {@code REVOKED}, and an SSO that is down, slow or busy (5xx, 429,
 * timeouts) keeps the grant as it is: nothing is ever deleted or marked dead because EVE SSO had an outage. A refresh
 * is single-flight across every node sharing the store: a job and the browser sessions of the same character never
 * spend one refresh token twice.
 *
 * <p>Only with a configured token store ({@code eve.sso.token-store-datasource}, or
 * {@code EveSsoConfig.Builder.tokenStore}, e.g. {@code EveTokenStores.inMemory()} for one node): without one, grants
 * live in the HTTP sessions only and {@code EveSso.storedTokens} refuses.
 */
public interface EveStoredTokens {

    /**
     * Every stored character with its scopes, status and when it was last written, ordered by character id.
     *
     * @return the characters; never {@code null}, unmodifiable
     * @throws EveTokenStoreException when the store cannot be read
     */
    List<EveStoredCharacter> characters();

    /**
     * The auto-refreshing token of a stored character: {@link EveAccessToken#accessToken()} refreshes it through the
     * store when due, and throws {@link EveLoginExpiredException} once EVE has ended the grant.
     *
     * @return the token, or empty when the store holds no usable grant for the character (none, or
     *     {@code NEEDS_LOGIN})
     * @throws EveTokenStoreException when the store cannot be read
     */
    Optional<EveAccessToken> token(long characterId);

    /**
     * Refreshes every stored character whose access token expires within {@code within}, with at most
     * {@code eve.sso.refresh-concurrency} token calls at once (EVE SSO answers 500 above about five). When the SSO
     * asks to wait (429 or 503 with {@code Retry-After}) no further call is started: the characters not yet refreshed
     * are reported as postponed, with the wait, for the job to run again later. Returns when every call started has
     * ended.
     *
     * @param within refresh the tokens expiring within this duration; not negative ({@link Duration#ZERO}: those
     *     already expired)
     * @return what came of it
     * @throws EveTokenStoreException when the store cannot be listed (nothing was refreshed)
     */
    EveBulkRefresh refreshExpiring(Duration within);

    /**
     * Ends a stored character's grant for good: revokes its refresh token at EVE SSO (a failure is retried later, as
     * at a logout) and deletes it from the store. A browser session of the character holding that grant keeps its
     * login until its next refresh, which EVE then refuses: the session's character needs a new login (and the store
     * holds it again, as {@code NEEDS_LOGIN}).
     *
     * @return {@code true} when a grant was stored and is now deleted
     * @throws EveTokenStoreException when the store fails (nothing was deleted)
     */
    boolean remove(long characterId);
}
