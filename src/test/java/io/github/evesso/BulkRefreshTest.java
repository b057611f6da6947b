package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.internal.store.JdbcTokenStore;
import io.github.evesso.internal.store.KeyRing;
import io.github.evesso.support.TestApp;
import io.github.evesso.support.TestClock;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bulk refresh of background jobs over 1,000 stored characters (H2 store), against a local EVE SSO that answers
 * 500 to a fifth concurrent refresh (one fewer than EVE's): at most {@code refresh-concurrency} calls at once and no
 * error; an SSO outage of ten minutes of hourly jobs deletes nothing and marks nothing dead; a {@code Retry-After}
 * stops new calls and postpones the rest.
 */
@Timeout(180)
class BulkRefreshTest {
    private static final int CHARACTERS = 1_000;
    private static final long FIRST_ID = 91_000_000L;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final TestClock clock = new TestClock();
    private LocalEveSso sso;
    private TestApp app;
    private JdbcTokenStore store;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
        if (sso != null) {
            sso.close();
        }
    }

    /** Starts the SSO and the application, and stores {@link #CHARACTERS} grants whose access tokens have expired. */
    private EveStoredTokens startWithStoredCharacters() {
        sso = LocalEveSso.builder().clock(clock).concurrentRefreshLimit(4).build().start();
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:bulk" + DATABASES.incrementAndGet() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        store = JdbcTokenStore.open(database, KeyRing.of(Map.of("k1", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
                null, new ArrayList<>()), Duration.ofSeconds(10), clock);
        app = TestApp.start(sso, clock, b -> b.tokenStore(store).refreshConcurrency(4));
        for (int i = 0; i < CHARACTERS; i++) {
            long id = FIRST_ID + i;
            sso.addCharacter(id, "Bulk Pilot " + i);
            String refreshToken = sso.issueRefreshToken(id, TestApp.CLIENT_ID, TestApp.SCOPES);
            store.save(new EveCharacter(id, "Bulk Pilot " + i, "owner-" + i, Set.copyOf(TestApp.SCOPES)),
                    new GrantTokens("expired-access-token", clock.instant().minusSeconds(1), refreshToken));
        }
        return app.runtime().storedTokens();
    }

    private Map<Long, StoredGrant> grants() {
        Map<Long, StoredGrant> all = new HashMap<>();
        for (long after = 0;;) {
            List<StoredGrant> page = store.list(after, 1_000);
            page.forEach(g -> all.put(g.characterId(), g));
            if (page.size() < 1_000) {
                return all;
            }
            after = page.get(page.size() - 1).characterId();
        }
    }

    @Test
    void aBulkRefreshOfAThousandCharactersStaysWithinEvesConcurrencyAndRefreshesEachOnce() {
        EveStoredTokens stored = startWithStoredCharacters();

        EveBulkRefresh result = stored.refreshExpiring(Duration.ofMinutes(5));

        assertThat(result).isEqualTo(new EveBulkRefresh(CHARACTERS, 0, 0, 0, 0, null));
        assertThat(sso.requestCount(Endpoint.TOKEN)).isEqualTo(CHARACTERS);
        assertThat(sso.peakConcurrentRefreshes()).isBetween(1, 4);
        assertThat(sso.reusedRefreshTokens()).isEmpty();
        Set<String> refreshTokens = new HashSet<>(sso.issuedRefreshTokens());
        assertThat(grants().values()).hasSize(CHARACTERS).allSatisfy(grant -> {
            assertThat(grant.status()).isEqualTo(StoredGrant.Status.OK);
            assertThat(grant.version()).isEqualTo(2);
            assertThat(grant.tokens().accessTokenExpiresAt()).isAfter(clock.instant());
            assertThat(refreshTokens).contains(grant.refreshToken());
        });

        EveBulkRefresh again = stored.refreshExpiring(Duration.ofMinutes(5));
        assertThat(again).isEqualTo(new EveBulkRefresh(0, CHARACTERS, 0, 0, 0, null));
    }

    @Test
    void anSsoOutageOfTenMinutesDuringBulkRefreshesDeletesNothingAndMarksNothingDead() {
        EveStoredTokens stored = startWithStoredCharacters();
        Map<Long, StoredGrant> before = grants();

        sso.failUntilCleared(Endpoint.TOKEN, Fault.status(503));
        EveBulkRefresh down = stored.refreshExpiring(Duration.ofMinutes(5));
        assertThat(down.failed()).isEqualTo(CHARACTERS);
        sso.clearFaults();
        sso.failUntilCleared(Endpoint.TOKEN, Fault.status(503).withHeader("Retry-After", "30"));
        for (int minute = 1; minute < 10; minute++) {
            clock.advance(Duration.ofMinutes(1));
            EveBulkRefresh result = stored.refreshExpiring(Duration.ofMinutes(5));
            assertThat(result.refreshed()).isZero();
            assertThat(result.needsLogin()).isZero();
            assertThat(result.failed()).as("only the calls in flight when the SSO asked to wait").isBetween(1, 4);
            assertThat(result.postponed()).isEqualTo(CHARACTERS - result.failed());
            assertThat(result.retryAfterWait()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
        }
        Map<Long, StoredGrant> during = grants();
        assertThat(during).hasSize(CHARACTERS);
        during.forEach((id, grant) -> {
            assertThat(grant.status()).isEqualTo(StoredGrant.Status.OK);
            assertThat(grant.version()).isEqualTo(before.get(id).version());
            assertThat(grant.refreshToken()).isEqualTo(before.get(id).refreshToken());
        });

        sso.clearFaults();
        clock.advance(Duration.ofMinutes(1));
        EveBulkRefresh back = stored.refreshExpiring(Duration.ofMinutes(5));

        assertThat(back).isEqualTo(new EveBulkRefresh(CHARACTERS, 0, 0, 0, 0, null));
        assertThat(sso.reusedRefreshTokens()).isEmpty();
        assertThat(sso.peakConcurrentRefreshes()).isLessThanOrEqualTo(4);
    }

    @Test
    void aGrantEveEndedIsCountedAsNeedingALoginAndTheOthersAreRefreshed() {
        EveStoredTokens stored = startWithStoredCharacters();
        StoredGrant first = store.load(FIRST_ID).orElseThrow();
        store.markNeedsLogin(FIRST_ID, first.version());

        EveBulkRefresh result = stored.refreshExpiring(Duration.ZERO);

        assertThat(result).isEqualTo(new EveBulkRefresh(CHARACTERS - 1, 0, 1, 0, 0, null));
        assertThat(stored.characters()).hasSize(CHARACTERS)
                .filteredOn(c -> c.status() == StoredGrant.Status.NEEDS_LOGIN).singleElement()
                .satisfies(c -> assertThat(c.character().id()).isEqualTo(FIRST_ID));
    }
}
