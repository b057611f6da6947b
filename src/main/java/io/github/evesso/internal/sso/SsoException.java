package io.github.evesso.internal.sso;

/** A call to the SSO did not give a usable answer. The subclasses tell "SSO down" from "SSO said no". */
public abstract sealed class SsoException extends Exception
        permits SsoUnavailableException, SsoRejectedException, SsoBadResponseException {
    private static final long serialVersionUID = 1L;

    SsoException(String message, Throwable cause) {
        super(message, cause);
    }
}
