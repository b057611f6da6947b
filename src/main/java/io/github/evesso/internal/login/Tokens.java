package io.github.evesso.internal.login;

import io.github.evesso.EveCharacter;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

/**
 * The tokens of one login or refresh, replaced as a whole. {@code refreshToken} is {@code null} for a login without
 * scopes (EVE issues none). Its {@code toString()} never shows a token.
 *
 * @param character the character the validated access token names
 * @param accessToken the access token (a JWT)
 * @param refreshToken the refresh token, or {@code null}
 * @param expiresAt when the access token expires
 * @param obtainedAt when these tokens were obtained
 */
public record Tokens(EveCharacter character, String accessToken, String refreshToken, Instant expiresAt,
        Instant obtainedAt) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** These tokens with {@code rotated} as the refresh token (the access token could not be used). */
    Tokens withRefreshToken(String rotated) {
        return new Tokens(character, accessToken, rotated, expiresAt, obtainedAt);
    }

    @Override
    public String toString() {
        return "Tokens{character=" + character.id() + ", expiresAt=" + expiresAt + "}";
    }
}
