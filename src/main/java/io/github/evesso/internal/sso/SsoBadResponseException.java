package io.github.evesso.internal.sso;

/** The SSO answered "success" with a body that is not a usable token response or document. */
public final class SsoBadResponseException extends SsoException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, never containing a token */
    public SsoBadResponseException(String message) {
        super(message, null);
    }
}
