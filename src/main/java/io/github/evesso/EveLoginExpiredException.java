package io.github.evesso;

/**
 * The SSO refused to refresh the login ({@code invalid_grant}/{@code invalid_token}: revoked, or the character
 * changed hands). The login has been removed; the user must log in again. Not retryable.
 */
public final class EveLoginExpiredException extends EveSsoException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a human-readable message (no token in it). */
    public EveLoginExpiredException(String message) {
        super(message);
    }
}
