package io.github.evesso.internal.flow;

import io.github.evesso.EveSso;
import io.github.evesso.internal.token.EveLogin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Puts a login into the session and takes it out. Logging in changes the session id first
 * ({@link HttpServletRequest#changeSessionId()}: session-fixation defence that keeps the session's other data).
 */
public final class SessionLogin {
    private SessionLogin() {
    }

    /** Changes the session id and stores {@code login} under {@link EveSso#TOKEN} and {@link EveSso#CHARACTER}. */
    public static void logIn(HttpServletRequest request, EveLogin login) {
        request.changeSessionId();
        store(request.getSession(false), login);
    }

    /** (Re-)stores {@code login}: also how a changed login reaches session replication. */
    public static void store(HttpSession session, EveLogin login) {
        session.setAttribute(EveSso.TOKEN, login);
        session.setAttribute(EveSso.CHARACTER, login.character());
    }

    /** The session's login, or {@code null}. */
    public static EveLogin current(HttpSession session) {
        if (session == null) {
            return null;
        }
        try {
            return session.getAttribute(EveSso.TOKEN) instanceof EveLogin login ? login : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /** Removes the login from the session (the session itself stays); nothing to do if it was invalidated. */
    public static void remove(HttpSession session) {
        try {
            session.removeAttribute(EveSso.TOKEN);
            session.removeAttribute(EveSso.CHARACTER);
        } catch (IllegalStateException invalidated) {
            // a concurrent logout already ended the session
        }
    }
}
