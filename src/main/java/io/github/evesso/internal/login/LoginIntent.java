package io.github.evesso.internal.login;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * What a pending login is for, decided when it starts and acted on when it comes back: a plain login, another
 * character added to the session, or more scopes for one character (step-up).
 *
 * @param kind which of the three
 * @param characterId for {@link Kind#STEP_UP}: the character that must come back; else 0
 * @param scopes the scopes asked of the SSO (the space-delimited {@code scope} parameter), in order, possibly empty
 */
public record LoginIntent(Kind kind, long characterId, List<String> scopes) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The kinds of login. */
    public enum Kind {
        /** A login: a character already in the session replaces its entry, another one starts a fresh session. */
        LOGIN,
        /** Another character for the session: added to its characters (or replacing its own entry). */
        ADD,
        /** More scopes for {@link #characterId()}: the same character must come back with every scope asked. */
        STEP_UP
    }

    /** Copies the scopes. */
    public LoginIntent {
        scopes = List.copyOf(scopes);
    }

    /** A plain login asking {@code scopes}. */
    public static LoginIntent login(List<String> scopes) {
        return new LoginIntent(Kind.LOGIN, 0, scopes);
    }

    /** Another character for the session, asking {@code scopes}. */
    public static LoginIntent add(List<String> scopes) {
        return new LoginIntent(Kind.ADD, 0, scopes);
    }

    /** {@code characterId} again, asking {@code scopes} (what it has and what it lacks). */
    public static LoginIntent stepUp(long characterId, List<String> scopes) {
        return new LoginIntent(Kind.STEP_UP, characterId, scopes);
    }
}
