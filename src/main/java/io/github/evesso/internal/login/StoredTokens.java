package io.github.evesso.internal.login;

import io.github.evesso.GrantTokens;
import io.github.evesso.StoredGrant;

/** The two shapes of one set of tokens: the session's {@link Tokens} and the store's {@link GrantTokens}. */
final class StoredTokens {
    private StoredTokens() {
    }

    /** The tokens of a usable stored grant, as a session holds them (obtained when the store last wrote them). */
    static Tokens of(StoredGrant grant) {
        GrantTokens stored = grant.tokens();
        return new Tokens(grant.character(), stored.accessToken(), stored.refreshToken(),
                stored.accessTokenExpiresAt(), grant.updatedAt());
    }

    /** {@code tokens} as a store takes them. */
    static GrantTokens of(Tokens tokens) {
        return new GrantTokens(tokens.accessToken(), tokens.expiresAt(), tokens.refreshToken());
    }

    /** Whether {@code a} expires later than {@code b}, to the millisecond a store keeps: the later refresh. */
    static boolean expiresLater(Tokens a, Tokens b) {
        return a.expiresAt().toEpochMilli() > b.expiresAt().toEpochMilli();
    }
}
