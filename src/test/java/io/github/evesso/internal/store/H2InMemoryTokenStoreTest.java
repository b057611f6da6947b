package io.github.evesso.internal.store;

import io.github.evesso.internal.store.StoreBackend.JdbcBackend;
import org.junit.jupiter.api.Nested;

/** The JDBC token store on H2 in memory (MODE=PostgreSQL): the contract, the races and the JDBC specifics. */
class H2InMemoryTokenStoreTest {
    private final JdbcBackend backend = StoreBackend.h2InMemory();

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
