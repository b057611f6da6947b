package io.github.evesso;

import io.github.evesso.internal.store.InMemoryTokenStore;
import io.github.evesso.internal.store.JdbcTokenStore;
import io.github.evesso.internal.store.KeyRing;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@link EveTokenStore}s the library provides: {@link #inMemory()} (the default when none is configured) and
 * {@link #jdbc(DataSource)} (a table in the application's database, refresh and access tokens encrypted at rest with
 * AES-256-GCM).
 *
 * <pre>{@code
 * EveTokenStore store = EveTokenStores.jdbc(dataSource)
 *         .key("2026-12", System.getenv("EVE_SSO_STORE_KEY"))   // 32 random bytes in Base64: openssl rand -base64 32
 *         .build();                                               // creates or migrates the tables, checks the key
 * }</pre>
 */
public final class EveTokenStores {
    private EveTokenStores() {
    }

    /**
     * A store in this JVM's memory: every node has its own, and a restart empties it. Tokens are not encrypted (they
     * are in memory, as in the HTTP sessions). Thread-safe; holds every saved grant until it is deleted.
     */
    public static EveTokenStore inMemory() {
        return new InMemoryTokenStore(Clock.systemUTC());
    }

    /**
     * Starts the configuration of a store in the database of {@code dataSource} (the application's pool: the store
     * takes a connection per call and always closes it). Give it a key ({@link JdbcBuilder#key}) or ask for plaintext
     * ({@link JdbcBuilder#plaintext()}) explicitly.
     *
     * @param dataSource the application's data source; not {@code null}. Its driver is the application's (the
     *     library needs only {@code java.sql}); PostgreSQL 14 or later, or H2
     */
    public static JdbcBuilder jdbc(DataSource dataSource) {
        return new JdbcBuilder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** The settings of a JDBC token store. Not thread-safe; {@link #build()} checks everything at once. */
    public static final class JdbcBuilder {
        private static final Duration MAX_QUERY_TIMEOUT = Duration.ofMinutes(5);

        private final DataSource dataSource;
        private final Map<String, String> keys = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private String currentKeyId;
        private boolean plaintext;
        private Duration queryTimeout = Duration.ofSeconds(5);

        private JdbcBuilder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * Adds a key. Every row names the id of the key it was encrypted with, so old keys stay readable: to rotate,
         * add the new key under a new id, make it {@link #currentKey current}, and keep the old one until no row
         * names it (each row moves to the current key at its next login or refresh).
         *
         * @param keyId the key's name, 1 to 64 of {@code A-Z a-z 0-9 . _ -}; stored in every row it encrypts
         * @param base64Key 32 random bytes (AES-256) in Base64 (standard or URL-safe); never logged nor shown
         */
        public JdbcBuilder key(String keyId, String base64Key) {
            if (keys.containsKey(keyId)) {
                problems.add("token store: key '" + keyId + "' is configured twice");
            }
            keys.put(keyId, base64Key);
            return this;
        }

        /**
         * Names the key new rows are encrypted with. Needed only when more than one key is configured; with one, it
         * is the current key.
         */
        public JdbcBuilder currentKey(String keyId) {
            this.currentKeyId = keyId;
            return this;
        }

        /**
         * Stores the tokens in clear text, without encryption: anyone who can read the table or its backups can use
         * the grants. Only when asked for; it cannot be combined with keys.
         */
        public JdbcBuilder plaintext() {
            this.plaintext = true;
            return this;
        }

        /**
         * How long each statement may take before it is cancelled and the call fails with
         * {@link EveTokenStoreUnavailableException}; whole seconds, 1 s to 5 min; default 5 s. Taking a connection
         * from the pool is bounded by the pool's own timeout.
         */
        public JdbcBuilder queryTimeout(Duration queryTimeout) {
            this.queryTimeout = Objects.requireNonNull(queryTimeout, "queryTimeout");
            return this;
        }

        /**
         * Checks the settings, then creates or migrates the store's tables and checks the keys against the
         * database.
         *
         * @throws EveSsoConfigException listing every invalid setting (never key material)
         * @throws EveTokenStoreUnavailableException when the database cannot be reached or refuses the tables
         * @throws EveTokenStoreKeyException when a key is not the one first used under its id in this database
         */
        public EveTokenStore build() {
            List<String> found = new ArrayList<>(problems);
            if (queryTimeout.compareTo(Duration.ofSeconds(1)) < 0 || queryTimeout.compareTo(MAX_QUERY_TIMEOUT) > 0) {
                found.add("token store: the query timeout must be 1 s to 5 min: " + queryTimeout);
            }
            KeyRing ring;
            if (plaintext) {
                ring = KeyRing.plaintext();
                if (!keys.isEmpty() || currentKeyId != null) {
                    found.add("token store: plaintext storage was asked for, but keys are configured too: choose one");
                }
            } else {
                ring = KeyRing.of(keys, currentKeyId, found);
            }
            if (!found.isEmpty()) {
                throw new EveSsoConfigException(found);
            }
            return JdbcTokenStore.open(dataSource, ring, queryTimeout, Clock.systemUTC());
        }
    }
}
