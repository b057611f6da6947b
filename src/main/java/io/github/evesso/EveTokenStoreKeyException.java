package io.github.evesso;

/**
 * A stored token cannot be decrypted with the configured keys: the row names a key id that is not configured, the
 * key configured under that id is not the one that encrypted it (or the row was altered), or a plaintext row was found
 * by a store that encrypts. At start-up, a configured key that is not the key its id was first used with. Not
 * retryable: configure the right keys (old ones stay configured for reading until no row uses them), or delete the
 * rows concerned (their characters log in again). The message names the character and key id, never the key.
 */
public final class EveTokenStoreKeyException extends EveTokenStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what cannot be decrypted and with which key id (no token, no key); not {@code null}
     */
    public EveTokenStoreKeyException(String message) {
        super(message, null);
    }
}
