package io.github.evesso.internal.login;

import io.github.evesso.EveTokenStore;
import io.github.evesso.GrantTokens;
import io.github.evesso.StoredGrant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The two shapes of one set of tokens, the session's {@link Tokens} and the store's {@link GrantTokens}, and the walk
 * over every stored grant.
 */
final class StoredTokens {
    /** Grants read per {@link EveTokenStore#list} call. */
    private static final int PAGE = 500;

    private StoredTokens() {
    }

    /** Hands every grant of {@code store} to {@code action}, in character-id order, one page at a time. */
    static void forEachStored(EveTokenStore store, Consumer<StoredGrant> action) {
        long after = 0;
        List<StoredGrant> page;
        do {
            page = store.list(after, PAGE);
            page.forEach(action);
            after = page.isEmpty() ? after : page.get(page.size() - 1).characterId();
        } while (page.size() == PAGE);
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
