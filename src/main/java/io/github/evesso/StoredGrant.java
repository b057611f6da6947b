package io.github.evesso;

import java.time.Instant;
import java.util.Objects;

/**
 * A character's grant as an {@link EveTokenStore} holds it: who the character is, its tokens, and the bookkeeping of
 * the store (status, version, the refresh lease on it). Its {@code toString()} never shows a token.
 *
 * @param character the character (id, name, owner hash and scopes as of the last login or refresh); never
 *     {@code null}
 * @param tokens the tokens, or {@code null} exactly when {@code status} is {@link Status#NEEDS_LOGIN} (the store
 *     drops a refused grant's tokens)
 * @param status whether the grant is usable; never {@code null}
 * @param updatedAt when the store last wrote the grant (login, refresh, rotation, refusal); never {@code null}
 * @param version the version of the row: 1 after the first login, one more at every write that changes the grant
 *     (taking or releasing a lease does not); the compare-and-set value of {@link EveTokenStore#tryLease}
 * @param leasedUntil when the refresh lease on this grant ends, or {@code null} when none is held; a time in the past
 *     means the node that held it gave up or died and another may take it over
 */
public record StoredGrant(EveCharacter character, GrantTokens tokens, Status status, Instant updatedAt, long version,
        Instant leasedUntil) {

    /** Whether a stored grant can be used and refreshed. */
    public enum Status {
        /** The grant is usable: its refresh token (if any) was good when last used. */
        OK,
        /**
         * EVE SSO refused the refresh token ({@code invalid_grant}): only a new login of the character makes the grant
         * usable again. The store has dropped the tokens.
         */
        NEEDS_LOGIN
    }

    /** Checks the values: the tokens are present exactly when the status is {@link Status#OK}. */
    public StoredGrant {
        Objects.requireNonNull(character, "character");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if ((tokens == null) != (status == Status.NEEDS_LOGIN)) {
            throw new IllegalArgumentException("tokens must be present exactly when the status is OK");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1: " + version);
        }
    }

    /** The character id (the key of the store). */
    public long characterId() {
        return character.id();
    }

    /** The refresh token, or {@code null} when there is none (a login without scopes, or {@code NEEDS_LOGIN}). */
    public String refreshToken() {
        return tokens == null ? null : tokens.refreshToken();
    }

    /** Whether a lease is held on the grant at {@code now} (a refresh is in flight on some node). */
    public boolean isLeasedAt(Instant now) {
        return leasedUntil != null && leasedUntil.isAfter(now);
    }

    /** Names the character, status, version and lease; never a token. */
    @Override
    public String toString() {
        return "StoredGrant{characterId=" + character.id() + ", status=" + status + ", version=" + version
                + ", tokens=" + tokens + ", updatedAt=" + updatedAt + ", leasedUntil=" + leasedUntil + "}";
    }
}
