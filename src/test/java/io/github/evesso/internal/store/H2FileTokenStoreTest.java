package io.github.evesso.internal.store;

import io.github.evesso.internal.store.StoreBackend.JdbcBackend;
import org.junit.jupiter.api.Nested;

/** The JDBC token store on H2 on file (MODE=PostgreSQL): the sample's default: the contract, the races and the JDBC specifics. */
class H2FileTokenStoreTest {
    private final JdbcBackend backend = StoreBackend.h2File();

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
