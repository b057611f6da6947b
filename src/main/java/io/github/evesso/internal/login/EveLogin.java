package io.github.evesso.internal.login;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveSsoListener;
import io.github.evesso.internal.sso.Backoff;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One login as kept in the HTTP session, and the one owner of its refresh state: the tokens, whether the login has
 * ended, and the back-off after failed refreshes. It decides when to refresh and applies each {@link RefreshResult}
 * under its own lock, one refresh at a time, always keeping a rotated refresh token. While the access token is still
 * valid, callers that find a refresh in flight go on with it; once it has expired they wait for the shared result. Plain data otherwise, so that a replicated or persisted session carries it; the services it needs
 * come as a {@link LoginKeeper} argument, and the lock is recreated after deserialization.
 */
public final class EveLogin implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;
    private static final System.Logger LOG = System.getLogger(EveLogin.class.getName());

    private volatile Tokens tokens;
    private volatile boolean ended;
    private volatile int failedRefreshes;
    private volatile Instant retryNotBefore;
    private volatile long revision;
    /** The change count of the set of characters holding this login (see {@link EveLogins#revision()}), if any. */
    private transient volatile AtomicLong setChanges;
    private transient ReentrantLock lock = new ReentrantLock();
    /** The application's view, made once per keeper and node: a cache, never needed (a restored login makes anew). */
    private transient volatile LiveAccessToken view;

    /** A new login from a validated code exchange. */
    public EveLogin(Tokens tokens) {
        this.tokens = tokens;
    }

    /** The current tokens (replaced as a whole by a refresh). */
    public Tokens tokens() {
        return tokens;
    }

    /** The logged-in character (as of the last refresh). */
    public EveCharacter character() {
        return tokens.character();
    }

    /** The live view of this login through {@code keeper}; the same object on every request of this node. */
    LiveAccessToken viewThrough(LoginKeeper keeper) {
        LiveAccessToken current = view;
        if (current == null || !current.isThrough(keeper)) {
            current = new LiveAccessToken(this, keeper);
            view = current;
        }
        return current;
    }

    /** Whether the SSO ended this login, or a logout did. */
    public boolean isEnded() {
        return ended;
    }

    /** Counts changes, so the filter can re-set the session attribute (replication) after a refresh. */
    public long revision() {
        return revision;
    }

    /**
     * Makes sure the login holds a usable access token, refreshing it when it expires within the refresh window. The
     * path of every logged-in request: while the token is fresh, plain millisecond arithmetic and nothing allocated.
     */
    public TokenStatus ensureFresh(LoginKeeper keeper) {
        if (ended) {
            return TokenStatus.ENDED;
        }
        Tokens current = tokens;
        long now = keeper.clock().millis();
        if (!keeper.needsRefresh(current, now)) {
            return TokenStatus.FRESH;
        }
        if (current.refreshToken() == null) {
            return usable(current, now, TokenStatus.IDENTITY_EXPIRED);
        }
        if (now < current.expiresAt().toEpochMilli()) {
            if (!lock.tryLock()) {
                return TokenStatus.FRESH; // another request is refreshing; this one goes on with the valid token
            }
        } else {
            lock.lock(); // expired: wait for the refresh in flight and share its result
        }
        try {
            Instant at = keeper.clock().instant();
            if (ended) {
                return TokenStatus.ENDED;
            }
            if (!keeper.needsRefresh(tokens, at.toEpochMilli())) {
                return TokenStatus.FRESH; // another request refreshed it while this one waited
            }
            if (retryNotBefore != null && at.isBefore(retryNotBefore)) {
                return usable(tokens, at.toEpochMilli(), TokenStatus.UNAVAILABLE);
            }
            return apply(keeper, keeper.refresh(tokens), at);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refreshes now, even when the access token is still fresh (while no back-off is running).
     *
     * @return {@link TokenStatus#FRESH} when new tokens were obtained, {@link TokenStatus#ENDED} when the SSO ended
     *     the login, {@link TokenStatus#UNAVAILABLE} when no refresh was possible (SSO unavailable, back-off running,
     *     or a login without a refresh token)
     */
    public TokenStatus refreshNow(LoginKeeper keeper) {
        lock.lock();
        try {
            Instant at = keeper.clock().instant();
            if (ended) {
                return TokenStatus.ENDED;
            }
            if (tokens.refreshToken() == null || retryNotBefore != null && at.isBefore(retryNotBefore)) {
                return TokenStatus.UNAVAILABLE;
            }
            RefreshResult result = keeper.refresh(tokens);
            TokenStatus status = apply(keeper, result, at);
            return result instanceof RefreshResult.Refreshed || result instanceof RefreshResult.Adopted
                    || status == TokenStatus.ENDED
                    ? status : TokenStatus.UNAVAILABLE;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How {@link #endForLogout()} found the login.
     *
     * @param wasLive whether this call ended it (else it had ended before: a logout, or EVE ended the grant)
     * @param refreshToken the refresh token to revoke when it was live and has one, else {@code null}
     */
    public record Ending(boolean wasLive, String refreshToken) {
        /** The refresh token to revoke, if any. */
        public Optional<String> toRevoke() {
            return Optional.ofNullable(refreshToken);
        }

        @Override
        public String toString() {
            return "Ending{wasLive=" + wasLive + "}";
        }
    }

    /**
     * Ends the login for a logout, after any refresh in flight (so that the refresh token returned is the latest: a
     * rotated one must not escape revocation); requests waiting to refresh then see the login ended. Of two calls,
     * only the first finds it live.
     */
    public Ending endForLogout() {
        lock.lock();
        try {
            if (ended) {
                return new Ending(false, null);
            }
            end();
            return new Ending(true, tokens.refreshToken());
        } finally {
            lock.unlock();
        }
    }

    /** Applies the outcome of one refresh; the caller holds the lock. Listeners run under it (ordered before logout). */
    private TokenStatus apply(LoginKeeper keeper, RefreshResult result, Instant at) {
        Tokens current = tokens;
        if (result instanceof RefreshResult.Refreshed refreshed) {
            tokens = refreshed.tokens();
            failedRefreshes = 0;
            retryNotBefore = null;
            changed();
            keeper.events().refreshed(refreshed.tokens().character(), keeper.tokenOf(this));
            return TokenStatus.FRESH;
        }
        if (result instanceof RefreshResult.Adopted adopted) {
            tokens = adopted.tokens();
            failedRefreshes = 0;
            retryNotBefore = null;
            changed(); // the node that refreshed told the listeners
            return TokenStatus.FRESH;
        }
        if (result instanceof RefreshResult.Failed failed) {
            if (failed.rotatedRefreshToken() != null) {
                tokens = current.withRefreshToken(failed.rotatedRefreshToken());
            }
            failedRefreshes++;
            retryNotBefore = Backoff.nextAttempt(at, failedRefreshes, failed.retryAfter(), keeper.maxBackoff());
            changed();
            LOG.log(Level.WARNING, "Refreshing the EVE token of character {0,number,#} failed ({1}); retrying after"
                    + " {2}", current.character().id(), failed.reason(), retryNotBefore);
            return usable(current, at.toEpochMilli(), TokenStatus.UNAVAILABLE);
        }
        end(); // RefreshResult.Revoked
        keeper.events().loggedOut(current.character(), EveSsoListener.LogoutReason.REVOKED);
        return TokenStatus.ENDED;
    }

    private void end() {
        ended = true;
        changed();
    }

    /** Counts a change here and in the set of characters that holds this login. */
    private void changed() {
        revision++;
        AtomicLong changes = setChanges;
        if (changes != null) {
            changes.incrementAndGet();
        }
    }

    /** Reports every later change to {@code changes} as well (the holding set's count). */
    void reportChangesTo(AtomicLong changes) {
        setChanges = changes;
    }

    /** {@link TokenStatus#FRESH} while {@code current} has not expired at {@code nowMillis}, else {@code expired}. */
    private static TokenStatus usable(Tokens current, long nowMillis, TokenStatus expired) {
        return nowMillis < current.expiresAt().toEpochMilli() ? TokenStatus.FRESH : expired;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        lock = new ReentrantLock();
    }

    @Override
    public String toString() {
        Tokens t = tokens;
        return "EveLogin{character=" + t.character().id() + " " + t.character().name() + ", expiresAt="
                + t.expiresAt() + ", ended=" + ended + "}";
    }
}
