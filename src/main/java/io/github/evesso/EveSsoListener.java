package io.github.evesso;

/**
 * Receives login events. Register an implementation by class name ({@code eve.sso.listeners}), through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.github.evesso.EveSsoListener}) or with
 * {@link EveSsoConfig.Builder#listener}. Methods run on the request thread; an exception thrown by a listener is
 * logged and does not break the login. Every method has an empty default.
 */
public interface EveSsoListener {

    /** Why a character's login ended. */
    enum LogoutReason {
        /** The user logged out (every character of the session), or a new login replaced the session's. */
        USER,
        /** The SSO refused to refresh the tokens (revoked, or the character changed hands). */
        REVOKED,
        /** The session timed out. */
        EXPIRED,
        /** The application invalidated the session without a logout ({@code session.invalidate()}). */
        INVALIDATED,
        /** The user removed this character from the session; the others stay logged in. */
        REMOVED
    }

    /**
     * A character has logged in; {@code token} holds its fresh tokens. Also when a character is added to a session
     * that has others, and when a character logs in again (for more scopes, say): its new tokens replace its old.
     */
    default void onLogin(EveCharacter character, EveAccessToken token) {
    }

    /**
     * The session's active character changed from {@code from} to {@code to}: the user switched, or {@code from}'s
     * grant ended and {@code to} was the next usable character. Not called when a login or an added character becomes
     * active ({@link #onLogin} is).
     */
    default void onCharacterSwitched(EveCharacter from, EveCharacter to) {
    }

    /**
     * The tokens were refreshed; {@link EveAccessToken#refreshToken()} is the new refresh token (the old one may be
     * dead). With a token store ({@code eve.sso.token-store-datasource}) the library has stored it already, and it
     * fires once per refresh across all nodes (on the node that refreshed; the others take the stored tokens over
     * silently); without one, persist it here if background jobs use it. It runs while the login's refresh lock is held, so that it
     * never races a logout of the same login (whose {@link #onLogout} comes after it): keep it short, other requests
     * of that session wait.
     */
    default void onTokenRefreshed(EveCharacter character, EveAccessToken token) {
    }

    /**
     * A character's login ended: once per character of the session on a logout or a session's end, and on its own
     * when EVE ended that character's grant ({@link LogoutReason#REVOKED}) or the user removed it; the session may
     * still hold other characters.
     */
    default void onLogout(EveCharacter character, LogoutReason reason) {
    }

    /**
     * The character's owner hash differs from the one this application last saw for it: the character was moved to
     * another EVE account, so grants and data tied to the previous owner must not be trusted.
     *
     * @param character the character with its new owner hash
     * @param previousOwnerHash the owner hash seen before
     */
    default void onOwnerHashChanged(EveCharacter character, String previousOwnerHash) {
    }
}
