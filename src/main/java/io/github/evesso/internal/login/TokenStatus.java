package io.github.evesso.internal.login;

/** The state of a login's access token after {@link EveLogin#ensureFresh} or {@link EveLogin#refreshNow}. */
public enum TokenStatus {
    /** The access token is valid (possibly just refreshed). */
    FRESH,
    /** The SSO ended the login: only a new login helps. */
    ENDED,
    /** The access token has expired (or could not be renewed on demand) and the SSO is unavailable: try later. */
    UNAVAILABLE,
    /**
     * A login without scopes (no refresh token) has outlived its only access token: the character's identity stays
     * for the session, but there is no access token until a new login.
     */
    IDENTITY_EXPIRED
}
