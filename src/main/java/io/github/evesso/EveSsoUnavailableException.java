package io.github.evesso;

/**
 * The access token has expired and EVE SSO cannot be reached to refresh it (5xx, 429, timeout, connection error).
 * The login is kept; a later call retries after a back-off.
 */
public final class EveSsoUnavailableException extends EveSsoException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a human-readable message (no token in it). */
    public EveSsoUnavailableException(String message) {
        super(message);
    }
}
