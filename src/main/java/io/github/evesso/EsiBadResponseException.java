package io.github.evesso;

/**
 * ESI answered something the client cannot use: a body larger than the configured limit, a body that does not map
 * to the requested type with JSON-B, or a status no ESI route answers (1xx, a redirect). Not retried.
 */
public final class EsiBadResponseException extends EsiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was called and what was wrong with the answer (no token, no body in it); not {@code null}
     * @param status  the HTTP status of the answer, or {@code 0} when it was not complete
     * @param cause   the mapping or reading failure, or {@code null}
     */
    public EsiBadResponseException(String message, int status, Throwable cause) {
        super(message, status, null, cause);
    }
}
