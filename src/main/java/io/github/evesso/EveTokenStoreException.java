package io.github.evesso;

/**
 * An {@link EveTokenStore} could not do what it was asked. Three kinds: {@link EveTokenStoreUnavailableException}
 * (the database cannot be reached or did not answer in time; nothing was written, try again later),
 * {@link EveTokenStoreKeyException} (a stored token cannot be decrypted with the configured keys: a configuration
 * problem, retrying does not help) and {@link EveTokenStoreLeaseLostException} (a refresh lease is no longer held:
 * another node took it over, or the grant was replaced, refused or deleted meanwhile). The message names the
 * operation, the character and the key id where that helps; it never holds a token nor key material.
 */
public abstract sealed class EveTokenStoreException extends RuntimeException
        permits EveTokenStoreUnavailableException, EveTokenStoreKeyException, EveTokenStoreLeaseLostException {
    private static final long serialVersionUID = 1L;

    EveTokenStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
