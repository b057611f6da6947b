package io.github.evesso;

import java.time.Instant;
import java.util.Objects;

/**
 * The tokens EVE SSO issued for a character at a login or a refresh, as handed to an {@link EveTokenStore}. Its
 * {@code toString()} never shows a token.
 *
 * @param accessToken the access token (a JWT); never {@code null} nor blank
 * @param accessTokenExpiresAt when the access token expires; never {@code null} (stores keep it to the millisecond)
 * @param refreshToken the refresh token, or {@code null} for a login without scopes (EVE issues none then)
 */
public record GrantTokens(String accessToken, Instant accessTokenExpiresAt, String refreshToken) {
    /** Checks the values: the access token and its expiry are required, the refresh token is not. */
    public GrantTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken is blank");
        }
        if (refreshToken != null && refreshToken.isBlank()) {
            throw new IllegalArgumentException("refreshToken is blank (use null for none)");
        }
    }

    /** Whether there is a refresh token (a login that asked for scopes). */
    public boolean hasRefreshToken() {
        return refreshToken != null;
    }

    /** Names the expiry and whether a refresh token is present; never a token. */
    @Override
    public String toString() {
        return "GrantTokens{accessTokenExpiresAt=" + accessTokenExpiresAt + ", refreshToken="
                + (refreshToken == null ? "none" : "present") + "}";
    }
}
