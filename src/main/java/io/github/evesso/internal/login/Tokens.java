package io.github.evesso.internal.login;

import io.github.evesso.EveCharacter;
import io.github.evesso.internal.jwt.ValidatedToken;
import io.github.evesso.internal.sso.TokenResponse;
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

    /**
     * The tokens of a token response whose access token passed validation. The expiry is the earlier of the JWT's
     * {@code exp} and now plus {@code expires_in}: a host clock behind EVE's must not keep a token EVE considers
     * expired.
     *
     * @param refreshToken the refresh token to keep (the response's, or the previous one when it sent none)
     */
    public static Tokens issued(ValidatedToken validated, TokenResponse response, String refreshToken, Instant now) {
        Instant byLifetime = now.plusSeconds(response.expiresIn());
        Instant expiresAt = validated.expiresAt().isBefore(byLifetime) ? validated.expiresAt() : byLifetime;
        return new Tokens(validated.character(), response.accessToken(), refreshToken, expiresAt, now);
    }

    /** These tokens with {@code rotated} as the refresh token (the access token could not be used). */
    Tokens withRefreshToken(String rotated) {
        return new Tokens(character, accessToken, rotated, expiresAt, obtainedAt);
    }

    @Override
    public String toString() {
        return "Tokens{character=" + character.id() + ", expiresAt=" + expiresAt + "}";
    }
}
