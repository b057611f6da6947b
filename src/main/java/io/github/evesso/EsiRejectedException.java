package io.github.evesso;

/**
 * ESI refused the request with a 4xx status other than 420 and 429 (for example 400 bad parameters, 401 token not
 * valid, 403 missing scope or wrong character, 404 no such thing or page). Never retried: the same request gets the
 * same answer. Each one counts against ESI's error limit.
 */
public final class EsiRejectedException extends EsiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message  what was called and what ESI said (no token in it); not {@code null}
     * @param status   the 4xx status
     * @param esiError ESI's error text, or {@code null} when it sent none
     */
    public EsiRejectedException(String message, int status, String esiError) {
        super(message, status, esiError, null);
    }
}
