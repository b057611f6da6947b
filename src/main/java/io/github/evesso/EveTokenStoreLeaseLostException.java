package io.github.evesso;

/**
 * A refresh lease is no longer held, so the refresh it covered was not written: after it expired another node took
 * the grant over, or meanwhile a new login replaced the grant, a refusal marked it {@code NEEDS_LOGIN}, or it was
 * deleted. Reload the grant: the store holds the newer state. The tokens the lost lease's refresh obtained are held by
 * nobody else; revoke them unless they are still wanted. Not retryable with the same lease.
 */
public final class EveTokenStoreLeaseLostException extends EveTokenStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which grant's lease was lost (no token); not {@code null}
     */
    public EveTokenStoreLeaseLostException(String message) {
        super(message, null);
    }
}
