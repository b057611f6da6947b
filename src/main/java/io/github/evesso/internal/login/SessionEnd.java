package io.github.evesso.internal.login;

import io.github.evesso.EveSsoListener.LogoutReason;
import io.github.evesso.internal.event.LoginEvents;
import io.github.evesso.internal.sso.TokenEndpointClient;
import jakarta.servlet.http.HttpSession;

/**
 * A session that ends while it still holds live logins (it timed out, or the application invalidated it without a
 * logout): each character's login ends, its refresh token is revoked at EVE unless the application keeps grants for
 * background work, and the listeners hear {@link LogoutReason#EXPIRED} or {@link LogoutReason#INVALIDATED}. A login the library
 * itself ended (logout, a grant EVE refused, a login replaced) was ended before its session and is left alone.
 */
public final class SessionEnd {
    private final TokenEndpointClient tokenClient;
    private final LoginEvents events;
    private final boolean revoke;

    /**
     * Creates the step.
     *
     * @param revoke whether the refresh token of a login that ends with its session is revoked
     */
    public SessionEnd(TokenEndpointClient tokenClient, LoginEvents events, boolean revoke) {
        this.tokenClient = tokenClient;
        this.events = events;
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
        String why = reason == LogoutReason.EXPIRED ? "session timed out" : "session invalidated";
        for (EveLogin login : logins.all()) {
            EveLogin.Ending ending = login.endForLogout();
            if (ending.wasLive()) {
                ending.toRevoke().filter(token -> revoke).ifPresent(token -> tokenClient.revokeQuietly(token, why));
                events.loggedOut(login.character(), reason);
            }
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
