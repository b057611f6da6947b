package io.github.evesso.internal.jwt;

/** The access token failed validation: a bad or forged token, never an SSO outage. */
public final class InvalidAccessTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message the rule that failed (never the token) */
    public InvalidAccessTokenException(String message) {
        super(message);
    }
}
