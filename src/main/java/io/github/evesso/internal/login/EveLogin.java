package io.github.evesso.internal.login;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveLoginExpiredException;
import io.github.evesso.EveSsoUnavailableException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One login as kept in the HTTP session: the character, its tokens and the refresh back-off. Data only, so that a
 * replicated or persisted session carries it; the {@link TokenRefresher} is re-attached on each request, and the
 * refresh lock is recreated after deserialization.
 */
public final class EveLogin implements EveAccessToken, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The tokens of one login or refresh, replaced as a whole. */
    record Tokens(EveCharacter character, String accessToken, String refreshToken, Instant expiresAt,
            Instant obtainedAt) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "Tokens{character=" + character.id() + ", expiresAt=" + expiresAt + "}";
        }
    }

    private volatile Tokens tokens;
    private volatile boolean ended;
    private volatile int failedRefreshes;
    private volatile Instant retryNotBefore;
    private volatile long revision;
    private transient ReentrantLock refreshLock = new ReentrantLock();
    private transient volatile TokenRefresher refresher;

    /** A new login from a validated code exchange. */
    public EveLogin(EveCharacter character, String accessToken, String refreshToken, Instant expiresAt,
            Instant obtainedAt) {
        this.tokens = new Tokens(character, accessToken, refreshToken, expiresAt, obtainedAt);
    }

    @Override
    public String accessToken() {
        TokenRefresher r = refresher;
        if (r != null) {
            switch (r.ensureFresh(this)) {
                case ENDED -> throw new EveLoginExpiredException("The EVE SSO login has ended; log in again.");
                case UNAVAILABLE -> throw new EveSsoUnavailableException(
                        "The EVE access token has expired and EVE SSO is unavailable to refresh it.");
                case FRESH -> {
                }
            }
        }
        Tokens t = tokens;
        if (!(r != null ? r.now() : Instant.now()).isBefore(t.expiresAt())) {
            if (t.refreshToken() == null) {
                throw new EveLoginExpiredException("This login asked for no scopes, so EVE SSO issued no refresh token,"
                        + " and its access token has expired: log in again for a new one.");
            }
            if (r == null) {
                throw new EveSsoUnavailableException("The EVE access token has expired and this token is not attached"
                        + " to a running application yet (a restored session is attached on its next request).");
            }
        }
        return t.accessToken();
    }

    @Override
    public String refresh() {
        TokenRefresher r = refresher;
        if (r == null) {
            throw new EveSsoUnavailableException("This token is not attached to a running application yet (a session"
                    + " restored from storage is attached on its next request through EveSsoFilter).");
        }
        switch (r.refreshNow(this)) {
            case ENDED -> throw new EveLoginExpiredException("The EVE SSO login has ended; log in again.");
            case UNAVAILABLE -> throw new EveSsoUnavailableException(tokens.refreshToken() == null
                    ? "This login has no refresh token (no scopes were requested)."
                    : "EVE SSO is unavailable to refresh the token right now; the current token stays in use.");
            case FRESH -> {
            }
        }
        return tokens.accessToken();
    }

    @Override
    public Instant expiresAt() {
        return tokens.expiresAt();
    }

    @Override
    public Instant obtainedAt() {
        return tokens.obtainedAt();
    }

    @Override
    public Set<String> scopes() {
        return tokens.character().scopes();
    }

    @Override
    public EveCharacter character() {
        return tokens.character();
    }

    @Override
    public Optional<String> refreshToken() {
        return Optional.ofNullable(tokens.refreshToken());
    }

    /** Whether the SSO ended this login (revoked refresh token) or it expired without a way to refresh. */
    public boolean isEnded() {
        return ended;
    }

    /** Counts changes, so the filter can re-set the session attribute (replication) after a refresh. */
    public long revision() {
        return revision;
    }

    /** Binds the refresher used by {@link #accessToken()}; cheap when already bound. */
    public void attach(TokenRefresher r) {
        if (refresher != r) {
            refresher = r;
        }
    }

    /**
     * Ends the login for a logout, after any refresh in flight (so that the refresh token returned is the latest: a
     * rotated one must not escape revocation); requests waiting to refresh then see the login ended.
     *
     * @return the refresh token to revoke, if the login has one
     */
    public Optional<String> endForLogout() {
        refreshLock.lock();
        try {
            end();
            return Optional.ofNullable(tokens.refreshToken());
        } finally {
            refreshLock.unlock();
        }
    }

    Tokens tokens() {
        return tokens;
    }

    ReentrantLock refreshLock() {
        return refreshLock;
    }

    void refreshed(Tokens next) {
        tokens = next;
        failedRefreshes = 0;
        retryNotBefore = null;
        revision++;
    }

    /** Keeps a rotated refresh token whose access token could not be used, so that the next attempt can succeed. */
    void keepRefreshToken(String refreshToken) {
        Tokens t = tokens;
        tokens = new Tokens(t.character(), t.accessToken(), refreshToken, t.expiresAt(), t.obtainedAt());
        revision++;
    }

    void end() {
        ended = true;
        revision++;
    }

    void failedRefresh(Instant nextAttempt) {
        failedRefreshes++;
        retryNotBefore = nextAttempt;
        revision++;
    }

    int failedRefreshes() {
        return failedRefreshes;
    }

    Instant retryNotBefore() {
        return retryNotBefore;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        refreshLock = new ReentrantLock();
    }

    @Override
    public String toString() {
        Tokens t = tokens;
        return "EveLogin{character=" + t.character().id() + " " + t.character().name() + ", expiresAt="
                + t.expiresAt() + ", ended=" + ended + "}";
    }
}
