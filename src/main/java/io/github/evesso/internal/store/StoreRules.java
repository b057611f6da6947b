package io.github.evesso.internal.store;

import io.github.evesso.EveCharacter;
import io.github.evesso.GrantTokens;
import io.github.evesso.RefreshLease;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The argument rules and small conventions every token store shares, so that both implementations agree. */
final class StoreRules {
    /** The longest lease a caller may ask for. */
    static final Duration MAX_LEASE = Duration.ofMinutes(10);
    /** The largest page {@code list} returns. */
    static final int MAX_PAGE = 1_000;

    private StoreRules() {
    }

    static long characterId(long characterId) {
        if (characterId <= 0) {
            throw new IllegalArgumentException("character id must be positive: " + characterId);
        }
        return characterId;
    }

    static void page(long afterCharacterId, int limit) {
        if (afterCharacterId < 0) {
            throw new IllegalArgumentException("afterCharacterId must be 0 or a character id: " + afterCharacterId);
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ": " + limit);
        }
    }

    static Duration leaseFor(Duration leaseFor) {
        Objects.requireNonNull(leaseFor, "leaseFor");
        if (leaseFor.isNegative() || leaseFor.isZero() || leaseFor.compareTo(MAX_LEASE) > 0) {
            throw new IllegalArgumentException("leaseFor must be positive and at most " + MAX_LEASE + ": " + leaseFor);
        }
        return leaseFor;
    }

    /** Checks a character to store: a positive id, scopes without blanks (they are stored space-separated). */
    static EveCharacter character(EveCharacter character) {
        Objects.requireNonNull(character, "character");
        characterId(character.id());
        for (String scope : character.scopes()) {
            if (scope.isEmpty() || scope.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a scope is empty or contains whitespace");
            }
        }
        return character;
    }

    /** Checks that a refresh outcome is for the lease's character. */
    static void sameCharacter(RefreshLease lease, EveCharacter character) {
        Objects.requireNonNull(lease, "lease");
        character(character);
        if (character.id() != lease.characterId()) {
            throw new IllegalArgumentException("the refresh names character " + character.id()
                    + ", the lease is for character " + lease.characterId());
        }
    }

    static String ownerHash(String ownerHash) {
        Objects.requireNonNull(ownerHash, "ownerHash");
        if (ownerHash.isBlank()) {
            throw new IllegalArgumentException("ownerHash is blank");
        }
        return ownerHash;
    }

    static String refreshToken(String refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        if (refreshToken.isBlank()) {
            throw new IllegalArgumentException("refreshToken is blank");
        }
        return refreshToken;
    }

    /** The tokens a refresh stores: a refresh without a new refresh token keeps the one the lease spent. */
    static GrantTokens refreshed(RefreshLease lease, GrantTokens tokens) {
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.hasRefreshToken()) {
            return millis(tokens);
        }
        return millis(new GrantTokens(tokens.accessToken(), tokens.accessTokenExpiresAt(),
                lease.grant().refreshToken()));
    }

    /** Times are kept to the millisecond, which every database stores exactly. */
    static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    static GrantTokens millis(GrantTokens tokens) {
        Objects.requireNonNull(tokens, "tokens");
        Instant expiry = millis(tokens.accessTokenExpiresAt());
        return expiry.equals(tokens.accessTokenExpiresAt()) ? tokens
                : new GrantTokens(tokens.accessToken(), expiry, tokens.refreshToken());
    }

    /** The scopes as stored: sorted, space-separated. */
    static String scopesText(Set<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }

    static Set<String> scopes(String text) {
        return text == null || text.isEmpty() ? Set.of() : Set.of(text.split(" "));
    }

    static String newLeaseId() {
        return UUID.randomUUID().toString();
    }

    static String lostMessage(RefreshLease lease) {
        return "the refresh lease on the grant of character " + lease.characterId() + " (version " + lease.version()
                + ") is no longer held: another node took it over, or the grant was replaced, refused or deleted";
    }
}
