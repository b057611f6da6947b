package io.github.evesso;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where characters' grants live beyond the HTTP session: saved at every login and refresh, loaded by character id,
 * listed for background work, and refreshed at most once at a time across every node that shares the store.
 * {@link EveTokenStores} makes the two implementations: in memory (one node, lost at restart) and JDBC (a table of the
 * application's database; refresh tokens encrypted at rest).
 *
 * <p><b>One refresh at a time, across nodes.</b> A refresh token may be spent once (EVE rotates it), so a refresh
 * goes through a lease, a compare-and-set on the grant's {@link StoredGrant#version() version}:
 * <ol>
 *   <li>{@link #tryLease} with the version the caller saw. Granted: this caller alone spends
 *       {@code lease.grant().refreshToken()} at the SSO, outside any database transaction.</li>
 *   <li>Then exactly one of: {@link #completeRefresh} (new tokens; version + 1), {@link #saveRotatedRefreshToken}
 *       (the SSO rotated the refresh token but the access token was unusable; version + 1), {@link #markNeedsLogin}
 *       ({@code invalid_grant}; version + 1), {@link #release} (the SSO could not be reached; nothing spent; version
 *       unchanged).</li>
 *   <li>Not granted (empty): {@link #load} again. A newer version means another node refreshed: use its tokens. The
 *       same version with {@link StoredGrant#isLeasedAt} true means a refresh is in flight elsewhere: wait (bounded,
 *       up to {@link StoredGrant#leasedUntil()}) and load again. {@code NEEDS_LOGIN} or no row: the grant is gone.</li>
 * </ol>
 * A lease not ended by its holder (the node died) expires after {@code leaseFor} and may then be taken over; choose
 * {@code leaseFor} longer than the longest refresh call (connect + read timeouts of the token endpoint).
 *
 * <p>Every method is thread-safe and each write is atomic: it happens entirely or not at all. Failures are
 * {@link EveTokenStoreException}s; no message holds a token or a key. Character ids are EVE's: a character id that
 * is not positive, or a {@code null} argument, is refused ({@link IllegalArgumentException},
 * {@link NullPointerException}) before anything is read or written.
 */
public interface EveTokenStore {

    /**
     * Stores the grant of a login: inserts the character's row or replaces it whole (whatever its status, version or
     * lease), status {@code OK}, version + 1 (1 for a new row). A lease held on the replaced grant is lost (its
     * holder's {@link #completeRefresh} fails with {@link EveTokenStoreLeaseLostException}).
     *
     * @param character the character the validated access token names; not {@code null}
     * @param tokens the tokens of the login; not {@code null} (its refresh token is {@code null} for a login without
     *     scopes)
     * @return the grant as stored, with its new version
     * @throws EveTokenStoreUnavailableException when the database fails; nothing was written
     */
    StoredGrant save(EveCharacter character, GrantTokens tokens);

    /**
     * The character's grant, whatever its status.
     *
     * @return the grant, or empty when the store has none for {@code characterId}
     * @throws EveTokenStoreKeyException when its tokens cannot be decrypted with the configured keys
     * @throws EveTokenStoreUnavailableException when the database fails
     */
    Optional<StoredGrant> load(long characterId);

    /**
     * One page of the stored grants, ordered by character id: those with an id greater than
     * {@code afterCharacterId}, at most {@code limit}. Start with {@code 0} and continue with the last id of each
     * page until a page is shorter than {@code limit}.
     *
     * @param afterCharacterId the last character id of the previous page, or {@code 0} for the first page
     * @param limit the page size, 1 to 1,000
     * @return the page; never {@code null}, unmodifiable
     * @throws IllegalArgumentException when {@code limit} is out of range
     * @throws EveTokenStoreKeyException when a grant of the page cannot be decrypted (the message names it)
     * @throws EveTokenStoreUnavailableException when the database fails
     */
    List<StoredGrant> list(long afterCharacterId, int limit);

    /**
     * Claims the right to spend the grant's refresh token. Granted only when, in one atomic step, the grant is still
     * at {@code expectedVersion}, its status is {@code OK}, it has a refresh token, and no unexpired lease is held on
     * it (by anyone, this caller included).
     *
     * @param expectedVersion the version of the grant the caller saw (from {@link #load}, {@link #save} or an
     *     earlier refresh)
     * @param leaseFor how long the lease holds unless ended first; positive, at most 10 minutes
     * @return the lease, holding the grant whose refresh token to spend; empty when not granted (see the class
     *     comment for what to do then)
     * @throws IllegalArgumentException when {@code leaseFor} is out of range
     * @throws EveTokenStoreKeyException when the grant's tokens cannot be decrypted (no lease is then held)
     * @throws EveTokenStoreUnavailableException when the database fails (no lease is then held)
     */
    Optional<RefreshLease> tryLease(long characterId, long expectedVersion, Duration leaseFor);

    /**
     * Writes the outcome of a successful refresh and ends the lease: the new tokens and the character as the new
     * access token names it (name, owner hash and scopes may change), status {@code OK}, version + 1. Succeeds while
     * the lease is held, also after {@link RefreshLease#until()} has passed as long as no other node has taken the
     * grant over: a holder whose write met a database outage retries it with the same lease and loses nothing.
     *
     * @param lease the lease from {@link #tryLease}; not {@code null}
     * @param character the character the refreshed access token names; its id must be the lease's
     * @param tokens the refreshed tokens; a {@code null} refresh token keeps the one the lease spent (EVE sent none
     *     back)
     * @return the grant as stored, with its new version
     * @throws IllegalArgumentException when {@code character} is another character than the lease's
     * @throws EveTokenStoreLeaseLostException when the lease is no longer held; nothing was written
     * @throws EveTokenStoreUnavailableException when the database fails; nothing was written, the lease is still held
     */
    StoredGrant completeRefresh(RefreshLease lease, EveCharacter character, GrantTokens tokens);

    /**
     * Writes only a rotated refresh token and ends the lease: the SSO answered a refresh with a new refresh token but
     * the access token could not be used, so the old refresh token is dead and the new one must not be lost. The
     * access token, its expiry and the character stay as they were; version + 1.
     *
     * @param lease the lease from {@link #tryLease}; not {@code null}
     * @param refreshToken the refresh token the SSO returned; not {@code null} nor blank
     * @return the grant as stored, with its new version
     * @throws EveTokenStoreLeaseLostException when the lease is no longer held; nothing was written
     * @throws EveTokenStoreUnavailableException when the database fails; nothing was written, the lease is still held
     */
    StoredGrant saveRotatedRefreshToken(RefreshLease lease, String refreshToken);

    /**
     * Ends a lease whose refresh did not spend the refresh token (the SSO could not be reached, or answered 5xx/429):
     * the grant stays as it was, at the same version, and another caller may lease it at once.
     *
     * @return {@code true} when the lease was still held and is now ended; {@code false} when it was already lost
     * @throws EveTokenStoreUnavailableException when the database fails (the lease then ends when it expires)
     */
    boolean release(RefreshLease lease);

    /**
     * Marks the grant {@code NEEDS_LOGIN} after the SSO refused its refresh token ({@code invalid_grant},
     * {@code invalid_token}): drops both tokens (a refused refresh token is worthless, and keeping none is safer than
     * keeping a dead one), ends any lease, version + 1. Only a new {@link #save} (a login) makes the grant usable
     * again.
     *
     * @param expectedVersion the version of the grant whose refresh token was refused (the lease's version)
     * @return {@code true} when marked; {@code false} when the grant is at another version (a newer login or refresh
     *     must not be undone), already {@code NEEDS_LOGIN}, or gone
     * @throws EveTokenStoreUnavailableException when the database fails; nothing was written
     */
    boolean markNeedsLogin(long characterId, long expectedVersion);

    /**
     * Deletes the character's grant (logout with revocation, or the application's request). A lease held on it is
     * lost. The owner-hash history ({@link #recordOwnerHash}) is kept, so that a transfer is still detected at the
     * character's next login.
     *
     * @return {@code true} when a grant was deleted, {@code false} when there was none
     * @throws EveTokenStoreUnavailableException when the database fails; nothing was deleted
     */
    boolean delete(long characterId);

    /**
     * Deletes the leased grant, if the lease is still held. The library uses it when a refresh found no grant
     * stored, saved the caller's own one in order to lease it, and the SSO then refused that refresh token: the grant
     * had been removed (and revoked) meanwhile, so none is kept, not even as {@code NEEDS_LOGIN}. The owner-hash
     * history is kept, as by {@link #delete(long)}.
     *
     * @return {@code true} when deleted; {@code false} when the lease was lost (taken over, or the grant saved,
     *     refreshed or deleted since), which leaves the grant as it is
     * @throws EveTokenStoreUnavailableException when the database fails; nothing was deleted
     */
    boolean delete(RefreshLease lease);

    /**
     * Records the owner hash a login or refresh saw for the character and returns the one recorded before, in one
     * atomic step, so that exactly one node sees a change (the character moved to another account) across nodes and
     * restarts.
     *
     * @param ownerHash the owner hash of the validated access token; not {@code null} nor blank
     * @return the owner hash recorded before (possibly equal to {@code ownerHash}), or empty the first time
     * @throws EveTokenStoreUnavailableException when the database fails; nothing was recorded
     */
    Optional<String> recordOwnerHash(long characterId, String ownerHash);
}
