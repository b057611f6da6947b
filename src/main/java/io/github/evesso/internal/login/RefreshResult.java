package io.github.evesso.internal.login;

import java.time.Duration;

/**
 * What one call to the SSO's token endpoint with a refresh token came to; {@link EveLogin} applies it under its lock.
 */
public sealed interface RefreshResult {

    /**
     * New tokens, validated, for the same character.
     *
     * @param tokens the new tokens (the rotated refresh token, or the old one when the SSO sent none)
     */
    record Refreshed(Tokens tokens) implements RefreshResult {
    }

    /**
     * Tokens another node (or a background job) obtained and saved in the token store, newer than the session's:
     * taken over without a call to the SSO.
     *
     * @param tokens the stored tokens
     */
    record Adopted(Tokens tokens) implements RefreshResult {
    }

    /** The SSO ended the grant ({@code invalid_grant}), or it came back for another character: the login is over. */
    record Revoked() implements RefreshResult {
    }

    /**
     * No usable tokens this time; the grant still stands and a later attempt may succeed.
     *
     * @param reason why, for the log (never a token)
     * @param retryAfter the wait the SSO asked for, or {@code null}
     * @param rotatedRefreshToken a new refresh token the SSO issued although its access token was unusable (the old
     *     one may be dead: keep this one), or {@code null}
     */
    record Failed(String reason, Duration retryAfter, String rotatedRefreshToken) implements RefreshResult {
        @Override
        public String toString() {
            return "Failed{reason=" + reason + ", retryAfter=" + retryAfter + ", rotated="
                    + (rotatedRefreshToken != null) + "}";
        }
    }
}
