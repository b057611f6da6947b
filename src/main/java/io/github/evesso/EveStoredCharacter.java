package io.github.evesso;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored character as {@link EveStoredTokens#characters()} lists it: who, whether its grant is usable, and when the
 * store last wrote it. Holds no token.
 *
 * @param character the character as of its last login or refresh (name, owner hash, scopes); never {@code null}
 * @param status whether the grant is usable; never {@code null}
 * @param updatedAt when the store last wrote the grant (login, refresh, refusal); never {@code null}
 * @param accessTokenExpiresAt when the stored access token expires, or {@code null} for a grant that needs a login
 */
public record EveStoredCharacter(EveCharacter character, StoredGrant.Status status, Instant updatedAt,
        Instant accessTokenExpiresAt) {
    /** Checks the values. */
    public EveStoredCharacter {
        Objects.requireNonNull(character, "character");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The character of a stored grant. */
    public static EveStoredCharacter of(StoredGrant grant) {
        return new EveStoredCharacter(grant.character(), grant.status(), grant.updatedAt(),
                grant.tokens() == null ? null : grant.tokens().accessTokenExpiresAt());
    }
}
