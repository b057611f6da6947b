package io.github.evesso;

/**
 * EVE SSO will not give this login a new access token: it refused the refresh token ({@code invalid_grant} /
 * {@code invalid_token}: revoked, or the character changed hands; the login has been removed), or the login has none
 * (it asked for no scopes) and its access token has expired (the identity stays logged in). Either way only a new
 * login brings a new token. Not retryable.
 */
public final class EveLoginExpiredException extends EveSsoException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a human-readable message (no token in it). */
    public EveLoginExpiredException(String message) {
        super(message);
    }
}
