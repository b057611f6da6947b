package io.github.evesso.internal.login;

import io.github.evesso.EveTokenStore;
import io.github.evesso.EveTokenStoreException;
import io.github.evesso.EveTokenStoreLeaseLostException;
import io.github.evesso.RefreshLease;
import io.github.evesso.StoredGrant;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One refresh of a character through the token store, so that every node sharing the store (and a background job)
 * spends a refresh token at most once: the store's grant is loaded; tokens newer than the caller's and still fresh are
 * adopted without a call to the SSO; otherwise the grant is leased (a compare-and-set on its version) and its refresh
 * token, the latest one, is spent by {@link TokenRefresher}, and the outcome written back before the lease ends. A
 * caller that finds the lease held elsewhere waits, bounded, for that refresh's result.
 *
 * <p>The store never makes a session fail: when it cannot be reached the refresh is made from the caller's tokens
 * alone (single flight on this node only), and a store that missed a login or a refresh is brought up to date at the
 * next refresh (the caller's tokens expiring later than the stored ones are saved first). A grant the store no
 * longer holds because it was removed is not brought back: the SSO refuses its revoked refresh token, and the row saved
 * to lease it is deleted again.
 */
public final class LeasedRefresh {
    private static final System.Logger LOG = System.getLogger(LeasedRefresh.class.getName());
    private static final long POLL_MILLIS = 25;

    private final EveTokenStore store;
    private final TokenRefresher refresher;
    private final Duration leaseFor;
    private final long waitNanos;

    /**
     * Creates the refresh.
     *
     * @param callLimit the longest a token call can take (connect plus read timeout): a lease lasts twice that plus
     *     five seconds (at most 10 minutes), and a caller waits for another's lease at most that plus one second
     */
    public LeasedRefresh(EveTokenStore store, TokenRefresher refresher, Duration callLimit) {
        this.store = store;
        this.refresher = refresher;
        Duration lease = callLimit.multipliedBy(2).plusSeconds(5);
        this.leaseFor = lease.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : lease;
        this.waitNanos = callLimit.plusSeconds(1).toNanos();
    }

    /**
     * Refreshes the grant {@code current} belongs to, whose refresh token must not be {@code null}.
     *
     * @param isDue whether tokens would need a refresh now (adopted tokens must not)
     * @return as {@link TokenRefresher#refresh}, or {@link RefreshResult.Adopted} with newer stored tokens
     */
    RefreshResult refresh(Tokens current, Predicate<Tokens> isDue) {
        long characterId = current.character().id();
        long deadline = System.nanoTime() + waitNanos;
        try {
            Optional<StoredGrant> found = store.load(characterId);
            while (true) {
                boolean noneStored = found.isEmpty();
                StoredGrant grant = upToDate(current, found);
                if (grant == null) {
                    return new RefreshResult.Revoked();
                }
                if (grant.refreshToken() == null) {
                    return refresher.refresh(current); // the store holds a login without scopes: spend our own
                }
                Tokens stored = StoredTokens.of(grant);
                if (StoredTokens.expiresLater(stored, current) && !isDue.test(stored)) {
                    return new RefreshResult.Adopted(stored);
                }
                Optional<RefreshLease> lease = store.tryLease(characterId, grant.version(), leaseFor);
                if (lease.isPresent()) {
                    return spend(lease.get(), noneStored);
                }
                if (System.nanoTime() - deadline > 0 || !pause()) {
                    return new RefreshResult.Failed("a refresh of this character is in flight on another node",
                            null, null);
                }
                found = store.load(characterId);
            }
        } catch (EveTokenStoreException e) {
            LOG.log(Level.WARNING, "The EVE token store is unavailable ({0}): refreshing character {1,number,#} from"
                    + " the session alone; the store catches up at its next refresh", e.getMessage(), characterId);
            return refresher.refresh(current);
        }
    }

    /**
     * The stored grant, first brought up to date with {@code current} when the store missed a login or a refresh
     * of this session (none stored, or stored tokens expiring earlier); {@code null} when EVE has ended the grant.
     */
    private StoredGrant upToDate(Tokens current, Optional<StoredGrant> found) {
        if (found.isEmpty()) {
            return store.save(current.character(), StoredTokens.of(current));
        }
        StoredGrant grant = found.get();
        if (grant.status() == StoredGrant.Status.NEEDS_LOGIN) {
            return current.obtainedAt().isAfter(grant.updatedAt())
                    ? store.save(current.character(), StoredTokens.of(current)) : null;
        }
        return StoredTokens.expiresLater(current, StoredTokens.of(grant))
                ? store.save(current.character(), StoredTokens.of(current)) : grant;
    }

    /**
     * Spends the leased grant's refresh token and writes what came of it; the store's failures end here. A grant
     * refused by the SSO is marked {@code NEEDS_LOGIN}, or deleted when {@code noneStored}: the store held none before
     * this refresh saved the caller's, as after {@link StoredGrants#remove}, which must not bring it back.
     */
    private RefreshResult spend(RefreshLease lease, boolean noneStored) {
        RefreshResult result = refresher.refresh(StoredTokens.of(lease.grant()));
        try {
            if (result instanceof RefreshResult.Refreshed refreshed) {
                store.completeRefresh(lease, refreshed.tokens().character(), StoredTokens.of(refreshed.tokens()));
            } else if (result instanceof RefreshResult.Revoked && noneStored) {
                store.delete(lease);
            } else if (result instanceof RefreshResult.Revoked) {
                store.markNeedsLogin(lease.characterId(), lease.version());
            } else if (result instanceof RefreshResult.Failed failed && failed.rotatedRefreshToken() != null) {
                store.saveRotatedRefreshToken(lease, failed.rotatedRefreshToken());
            } else {
                store.release(lease);
            }
        } catch (EveTokenStoreLeaseLostException e) {
            LOG.log(Level.WARNING, "The refresh lease of character {0,number,#} was taken over before its result was"
                    + " written; this node keeps the tokens it obtained", lease.characterId());
        } catch (EveTokenStoreException e) {
            LOG.log(Level.WARNING, "Writing the refresh of character {0,number,#} to the token store failed ({1});"
                    + " the session keeps the new tokens and the store catches up at the next refresh",
                    lease.characterId(), e.getMessage());
        }
        return result;
    }

    /** Waits a moment for another node's refresh; {@code false} when interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
