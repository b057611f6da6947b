package io.github.evesso.internal.store;

import io.github.evesso.support.SharedPostgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveTokenStore;
import io.github.evesso.EveTokenStoreUnavailableException;
import io.github.evesso.EveTokenStores;
import io.github.evesso.GrantTokens;
import io.github.evesso.RefreshLease;
import io.github.evesso.StoredGrant;
import io.github.evesso.internal.store.StoreBackend.JdbcBackend;
import io.github.evesso.support.TestClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The PostgreSQL server stops (a fast shutdown, which cuts open connections) and starts again on the same data:
 * every call fails fast with {@link EveTokenStoreUnavailableException}, nothing is half-written, a lease survives,
 * and the refresh that could not be written during the outage is written with the same lease afterwards.
 */
@Timeout(60)
class PostgresOutageTest {
    private static final long ID = 90000001;
    private static final Duration FAST = Duration.ofSeconds(3);

    private final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final JdbcBackend backend = StoreBackend.postgres();
    private final SharedPostgres.Outage outage = new SharedPostgres.Outage();
    private EveTokenStore store;

    @BeforeEach
    void open() {
        store = backend.newStore(clock);
    }

    @AfterEach
    void startAgainAndDrop() {
        outage.close();
        backend.dropDatabase();
    }

    static EveCharacter character() {
        return new EveCharacter(ID, "Pilot", "owner", Set.of("esi-skills.read_skills.v1"));
    }

    GrantTokens tokens(String tag) {
        return new GrantTokens("access-" + tag, clock.instant().plusSeconds(1199), "refresh-" + tag);
    }

    static void failsFastAsUnavailable(ThrowingCallable call, String what) {
        long start = System.nanoTime();
        assertThatThrownBy(call).isInstanceOf(EveTokenStoreUnavailableException.class).hasMessageContaining(what)
                .hasMessageNotContaining("refresh-").hasMessageNotContaining("access-");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
    }

    @Test
    void whileTheServerIsDownEveryCallFailsFastAndAfterItsRestartTheLeasedRefreshIsWrittenAndNothingIsLost() {
        StoredGrant grant = store.save(character(), tokens("a"));
        RefreshLease lease = store.tryLease(ID, grant.version(), Duration.ofSeconds(60)).orElseThrow();

        outage.stop();
        GrantTokens rotated = tokens("rotated");
        failsFastAsUnavailable(() -> store.completeRefresh(lease, character(), rotated), "store the refresh");
        failsFastAsUnavailable(() -> store.load(ID), "load the grant of character " + ID);
        failsFastAsUnavailable(() -> store.save(character(), tokens("login")), "save the grant");
        failsFastAsUnavailable(() -> store.markNeedsLogin(ID, grant.version()), "mark the grant");
        failsFastAsUnavailable(() -> store.recordOwnerHash(ID, "owner"), "record the owner hash");
        failsFastAsUnavailable(() -> store.list(0, 10), "list the grants");
        outage.end();

        StoredGrant after = store.load(ID).orElseThrow();
        assertThat(after.version()).isEqualTo(grant.version());
        assertThat(after.tokens()).isEqualTo(grant.tokens());
        assertThat(after.leasedUntil()).isEqualTo(lease.until());
        assertThat(backend.secondNode(clock).tryLease(ID, grant.version(), Duration.ofSeconds(60))).isEmpty();
        assertThat(store.completeRefresh(lease, character(), rotated).tokens()).isEqualTo(rotated);
        assertThat(store.load(ID).orElseThrow().refreshToken()).isEqualTo("refresh-rotated");
    }

    @Test
    void aStoreCannotStartWhileTheServerIsDownAndStartsOnceItIsBack() {
        DataSource ds = backend.dataSource();
        outage.stop();

        failsFastAsUnavailable(() -> EveTokenStores.jdbc(ds).key("k1", backend.key).build(),
                "schema version");
        outage.end();

        assertThat(EveTokenStores.jdbc(ds).key("k1", backend.key).build().load(ID)).isEmpty();
    }

    @Test
    void aLeaseWaitingForALockWhenTheServerStopsFailsAndLeavesTheRowAsItWas() throws Exception {
        StoredGrant grant = store.save(character(), tokens("a"));
        CompletableFuture<Throwable> waiting = null;
        try (Connection holder = backend.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "UPDATE " + Schema.GRANTS + " SET character_name = 'half-written' WHERE character_id = " + ID)) {
                lock.executeUpdate();
            }
            waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    store.tryLease(ID, grant.version(), Duration.ofSeconds(60));
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Thread.sleep(300);
            assertThat(waiting).isNotDone();
            outage.stop();
        } catch (java.sql.SQLException closedByTheShutdown) {
            // the holder's connection was cut by the shutdown
        }

        assertThat(waiting.get(FAST.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(EveTokenStoreUnavailableException.class);
        outage.end();
        assertThat(store.load(ID)).contains(grant);
        assertThat(store.tryLease(ID, grant.version(), Duration.ofSeconds(60))).isPresent();
    }
}
