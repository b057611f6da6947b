package io.github.evesso.internal.login;

import io.github.evesso.EveSso;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The one place that puts a login into the session and takes it out: the {@link EveLogin} under the library's own
 * attribute {@link #ATTRIBUTE}, and the character under the public {@link EveSso#CHARACTER}. Logging in always gives
 * the session a new id (session-fixation defence): {@link HttpServletRequest#changeSessionId()} for the same
 * character, a fresh session for another one.
 */
public final class SessionLogin {
    /** The session attribute holding the {@link EveLogin}; applications use {@code EveSso.token(request)}. */
    public static final String ATTRIBUTE = "io.github.evesso.login";

    private SessionLogin() {
    }

    /**
     * Stores {@code login} in a session with a new id. A login of another character than the session's current one
     * gets a fresh session, so that nothing of the previous user's data carries over; otherwise the session id is
     * changed and the session's data kept.
     *
     * @return the login the session held before (still to be ended, revoked and reported by the caller), or
     *     {@code null}
     * @throws IllegalStateException when the session was invalidated meanwhile (a logout in another tab)
     */
    public static EveLogin logIn(HttpServletRequest request, EveLogin login) {
        HttpSession session = request.getSession(false);
        EveLogin previous = current(session);
        if (session != null && previous != null && previous.character().id() != login.character().id()) {
            session.removeAttribute(ATTRIBUTE); // the caller ends the previous login: not the session's end
            session.invalidate();
            request.getSession(true);
        } else {
            request.changeSessionId();
        }
        store(request.getSession(false), login);
        return previous;
    }

    /** (Re-)stores {@code login}: also how a changed login reaches session replication. */
    public static void store(HttpSession session, EveLogin login) {
        session.setAttribute(ATTRIBUTE, login);
        session.setAttribute(EveSso.CHARACTER, login.character());
    }

    /** The session's login, or {@code null} (also for {@code null} or an invalidated session). */
    public static EveLogin current(HttpSession session) {
        if (session == null) {
            return null;
        }
        try {
            return session.getAttribute(ATTRIBUTE) instanceof EveLogin login ? login : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /** Whether {@code session} (still) holds {@code login}: another tab may have logged in meanwhile. */
    public static boolean holds(HttpSession session, EveLogin login) {
        return current(session) == login;
    }

    /**
     * Ends a session whose login has ended (logout, revoked or expired): the application's data in it belonged to
     * that login. Nothing to do if it was invalidated already.
     */
    public static void end(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException invalidated) {
            // a concurrent logout already ended the session
        }
    }
}
