package io.github.evesso.internal.login;

import io.github.evesso.EveSso;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;

/**
 * The one place that puts logins into the session and takes them out: the session's {@link EveLogins} under the
 * library's own attribute {@link #ATTRIBUTE}, and the active character under the public {@link EveSso#CHARACTER}.
 * Logging in always gives the session a new id (session-fixation defence): {@link HttpServletRequest#changeSessionId()}
 * when the session keeps its characters, a fresh session when a plain login brings a character the session does not
 * hold (another user, perhaps: nothing of the previous one's data carries over).
 */
public final class SessionLogin {
    /** The session attribute holding the {@link EveLogins}; applications use {@code EveSso.token(request)}. */
    public static final String ATTRIBUTE = "io.github.evesso.login";

    /**
     * What {@link #logIn} did.
     *
     * @param logins the session's characters now, or {@code null} when the set was full and nothing changed
     * @param ended the logins no longer in the session (a replaced entry, or every character a fresh session
     *     dropped): still to be ended, revoked and reported by the caller
     */
    public record Swap(EveLogins logins, List<EveLogin> ended) {
        /** Copies the list. */
        public Swap {
            ended = List.copyOf(ended);
        }

        /** Whether the session held the most characters allowed, so that nothing changed. */
        public boolean full() {
            return logins == null;
        }
    }

    private SessionLogin() {
    }

    /**
     * Stores {@code login} in the request's session with a new id, as {@code intent} asks: added to (or replacing
     * its own entry in) the session's characters for {@link LoginIntent.Kind#ADD} and
     * {@link LoginIntent.Kind#STEP_UP}, and for a plain login of a character the session holds; otherwise, the only
     * character of a fresh session. The login becomes the active character.
     *
     * @param maxCharacters the most characters a session may hold
     * @throws IllegalStateException when the session was invalidated meanwhile (a logout in another tab)
     */
    public static Swap logIn(HttpServletRequest request, EveLogin login, LoginIntent intent, int maxCharacters) {
        HttpSession session = request.getSession(false);
        EveLogins current = current(session);
        if (current == null) {
            request.changeSessionId();
            EveLogins fresh = new EveLogins(login);
            store(request.getSession(false), fresh);
            return new Swap(fresh, List.of());
        }
        EveLogin same = current.find(login.character().id());
        if (same == null && intent.kind() == LoginIntent.Kind.LOGIN) {
            session.removeAttribute(ATTRIBUTE); // the caller ends the previous logins: not the session's end
            session.invalidate();
            request.getSession(true);
            EveLogins fresh = new EveLogins(login);
            store(request.getSession(false), fresh);
            return new Swap(fresh, current.all());
        }
        if (current.put(login, maxCharacters) == EveLogins.Put.FULL) {
            return new Swap(null, List.of());
        }
        request.changeSessionId();
        store(request.getSession(false), current);
        return new Swap(current, same == null ? List.of() : List.of(same));
    }

    /** (Re-)stores {@code logins}: also how a changed set reaches session replication. */
    public static void store(HttpSession session, EveLogins logins) {
        session.setAttribute(ATTRIBUTE, logins);
        session.setAttribute(EveSso.CHARACTER, logins.active().character());
    }

    /** The session's characters, or {@code null} (also for {@code null} or an invalidated session). */
    public static EveLogins current(HttpSession session) {
        if (session == null) {
            return null;
        }
        try {
            return session.getAttribute(ATTRIBUTE) instanceof EveLogins logins ? logins : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /** Whether {@code session} (still) holds {@code logins}: another tab may have logged in meanwhile. */
    public static boolean holds(HttpSession session, EveLogins logins) {
        return current(session) == logins;
    }

    /**
     * Ends a session whose logins have all ended (logout, revoked or expired): the application's data in it belonged
     * to them. Nothing to do if it was invalidated already.
     */
    public static void end(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException invalidated) {
            // a concurrent logout already ended the session
        }
    }
}
