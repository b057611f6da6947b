package io.github.evesso.internal.sso;

import java.util.Locale;

/** The SSO answered with an OAuth error (4xx): the grant, the client or the request was refused. */
public final class SsoRejectedException extends SsoException {
    private static final long serialVersionUID = 1L;

    private final String error;

    /**
     * @param status the HTTP status, for the message
     * @param error the OAuth {@code error} value ({@code "unknown"} when the body had none)
     */
    public SsoRejectedException(int status, String error) {
        super("EVE SSO refused the request: HTTP " + status + " " + error, null);
        this.error = error;
    }

    /** The OAuth {@code error}, as sent (EVE sometimes appends text to the code). */
    public String error() {
        return error;
    }

    /**
     * Whether the refresh token or code is dead: {@code invalid_grant} or {@code invalid_token}, matched on the
     * prefix because EVE sends values such as {@code "invalid_grant: Token is expired or invalid."}.
     */
    public boolean isGrantRevoked() {
        String e = error.toLowerCase(Locale.ROOT);
        return e.startsWith("invalid_grant") || e.startsWith("invalid_token");
    }
}
