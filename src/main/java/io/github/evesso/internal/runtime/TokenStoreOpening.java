package io.github.evesso.internal.runtime;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.EveSsoConfigException;
import io.github.evesso.EveTokenStore;
import io.github.evesso.EveTokenStores;
import java.util.List;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The application's token store as its configuration names it: the one it built ({@code tokenStore(...)}), or a JDBC
 * store on the {@code DataSource} found by JNDI name with the configured keys; none otherwise (grants then live in the
 * sessions only). A JDBC store creates or migrates its table on opening, so a database that cannot be reached stops
 * the application's start with a clear error rather than letting it run without the store it was configured with.
 */
final class TokenStoreOpening {
    private TokenStoreOpening() {
    }

    /**
     * Opens the configured store.
     *
     * @return the store, or empty when none is configured
     * @throws EveSsoConfigException when the data source is not found or the keys are unusable
     * @throws io.github.evesso.EveTokenStoreException when the database cannot be reached or refuses the table
     */
    static Optional<EveTokenStore> open(EveSsoConfig config) {
        if (config.tokenStore().isPresent()) {
            return config.tokenStore();
        }
        Optional<String> jndiName = config.tokenStoreDataSource();
        if (jndiName.isEmpty()) {
            return Optional.empty();
        }
        EveTokenStores.JdbcBuilder store = EveTokenStores.jdbc(lookUp(jndiName.get()));
        if (config.tokenStorePlaintext()) {
            store.plaintext();
        } else {
            config.tokenStoreKeys().forEach(store::key);
            config.tokenStoreCurrentKey().ifPresent(store::currentKey);
        }
        return Optional.of(store.build());
    }

    private static DataSource lookUp(String jndiName) {
        try {
            Object found = new InitialContext().lookup(jndiName);
            if (found instanceof DataSource dataSource) {
                return dataSource;
            }
            throw new EveSsoConfigException(List.of(EveSsoConfig.Key.TOKEN_STORE_DATASOURCE + ": " + jndiName
                    + " is a " + (found == null ? "null" : found.getClass().getName()) + ", not a javax.sql.DataSource"));
        } catch (NamingException e) {
            throw new EveSsoConfigException(List.of(EveSsoConfig.Key.TOKEN_STORE_DATASOURCE + ": no DataSource is"
                    + " bound to the JNDI name " + jndiName + " (" + e.getClass().getSimpleName() + ")"));
        }
    }
}
