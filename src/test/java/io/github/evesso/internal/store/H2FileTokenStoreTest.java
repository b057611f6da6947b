package io.github.evesso.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveTokenStore;
import io.github.evesso.GrantTokens;
import io.github.evesso.StoredGrant;
import io.github.evesso.internal.store.StoreBackend.JdbcBackend;
import io.github.evesso.support.TestClock;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The JDBC token store on H2 on file (MODE=PostgreSQL), the sample's default: the contract, the races and the JDBC
 * specifics, and a database file closed and opened again.
 */
class H2FileTokenStoreTest {
    private final JdbcBackend backend = StoreBackend.h2File();

    @Test
    void grantsSurviveClosingAndReopeningTheDatabaseFile() {
        TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
        EveTokenStore store = backend.newStore(clock);
        StoredGrant saved = store.save(new EveCharacter(90000001, "Pilot", "owner", Set.of("esi-a.v1")),
                new GrantTokens("access", clock.instant().plusSeconds(1199), "refresh"));
        StoreBackend.execute(backend.dataSource(), "SHUTDOWN");
        try {
            assertThat(backend.secondNode(clock).load(90000001)).contains(saved);
        } finally {
            backend.dropDatabase();
        }
    }

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
