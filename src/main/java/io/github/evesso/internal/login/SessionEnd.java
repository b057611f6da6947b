package io.github.evesso.internal.login;

import io.github.evesso.EveSsoListener.LogoutReason;
import jakarta.servlet.http.HttpSession;

/**
 * A session that ends while it still holds live logins (it timed out, or the application invalidated it without a
 * logout): each character's login ends, its refresh token is revoked at EVE unless the application keeps grants for
 * background work (a token store, or {@code revoke-on-session-end=false}; see {@link StoredGrants#sessionEnded}), and
 * the listeners hear {@link LogoutReason#EXPIRED} or {@link LogoutReason#INVALIDATED}. A login the library
 * itself ended (logout, a grant EVE refused, a login replaced) was ended before its session and is left alone.
 */
public final class SessionEnd {
    private final StoredGrants grants;
    private final boolean revoke;

    /**
     * Creates the step.
     *
     * @param revoke whether the refresh token of a login that ends with its session is revoked (without a store)
     */
    public SessionEnd(StoredGrants grants, boolean revoke) {
        this.grants = grants;
        this.revoke = revoke;
    }

    /**
     * Handles the end of {@code session}, which the container is destroying (its attributes are still there): every
     * character whose login is still live ends.
     */
    public void ended(HttpSession session, long nowMillis) {
        EveLogins logins = SessionLogin.current(session);
        if (logins == null) {
            return;
        }
        LogoutReason reason = timedOut(session, nowMillis) ? LogoutReason.EXPIRED : LogoutReason.INVALIDATED;
        for (EveLogin login : logins.all()) {
            grants.sessionEnded(login, reason, revoke);
        }
    }

    private static boolean timedOut(HttpSession session, long nowMillis) {
        try {
            int maxInactiveSeconds = session.getMaxInactiveInterval();
            return maxInactiveSeconds > 0 && nowMillis - session.getLastAccessedTime() >= maxInactiveSeconds * 1000L;
        } catch (IllegalStateException alreadyInvalid) {
            return false;
        }
    }
}
