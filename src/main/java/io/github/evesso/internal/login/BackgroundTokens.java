package io.github.evesso.internal.login;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveBulkRefresh;
import io.github.evesso.EveStoredCharacter;
import io.github.evesso.EveStoredTokens;
import io.github.evesso.EveTokenStore;
import io.github.evesso.StoredGrant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link EveStoredTokens} over the application's token store. A token handed out is a login of its own (not in any
 * session), refreshed through the store like a session's, so it shares the single-flight refresh of every node.
 */
public final class BackgroundTokens implements EveStoredTokens {
    private final EveTokenStore store;
    private final LoginKeeper keeper;
    private final StoredGrants grants;
    private final BulkRefresh bulk;

    /**
     * Creates the access.
     *
     * @param concurrency the most token calls {@link #refreshExpiring} makes at once
     */
    public BackgroundTokens(EveTokenStore store, LoginKeeper keeper, StoredGrants grants, int concurrency) {
        this.store = store;
        this.keeper = keeper;
        this.grants = grants;
        this.bulk = new BulkRefresh(keeper, store, concurrency);
    }

    @Override
    public List<EveStoredCharacter> characters() {
        List<EveStoredCharacter> all = new ArrayList<>();
        StoredTokens.forEachStored(store, grant -> all.add(EveStoredCharacter.of(grant)));
        return List.copyOf(all);
    }

    @Override
    public Optional<EveAccessToken> token(long characterId) {
        return store.load(characterId)
                .filter(grant -> grant.status() == StoredGrant.Status.OK)
                .map(grant -> keeper.tokenOf(new EveLogin(StoredTokens.of(grant))));
    }

    @Override
    public EveBulkRefresh refreshExpiring(Duration within) {
        return bulk.refreshExpiring(within);
    }

    @Override
    public boolean remove(long characterId) {
        return grants.remove(characterId);
    }
}
