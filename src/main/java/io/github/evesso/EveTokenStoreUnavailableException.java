package io.github.evesso;

/**
 * The token store's database could not be reached, failed the statement, or did not answer within the store's query
 * timeout. The transaction was rolled back: nothing of the call was written. Retryable. The cause (when present) is a
 * copy of the driver's exception with its SQLState and vendor code, and the driver's text only for connection,
 * timeout, server-shutdown and access-rule failures (whose text never carries row values).
 */
public final class EveTokenStoreUnavailableException extends EveTokenStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed (no token, no key); not {@code null}
     * @param cause the sanitised cause, or {@code null}
     */
    public EveTokenStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
