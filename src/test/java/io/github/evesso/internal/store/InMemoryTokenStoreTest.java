package io.github.evesso.internal.store;

import org.junit.jupiter.api.Nested;

/** The in-memory token store (the default): the contract and the races. */
class InMemoryTokenStoreTest {
    private final StoreBackend backend = StoreBackend.inMemory();

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
}
