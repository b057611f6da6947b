package io.github.evesso.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveTokenStore;
import io.github.evesso.GrantTokens;
import io.github.evesso.RefreshLease;
import io.github.evesso.StoredGrant;
import io.github.evesso.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Races on one store and on two stores sharing a database ("two nodes"): threads released together by a latch, half
 * of them on each node. Each test is bounded in time.
 */
@Timeout(60)
abstract class TokenStoreRaces {
    static final int THREADS = 12;
    static final long ID = 90000001;

    protected final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
    protected EveTokenStore nodeA;
    protected EveTokenStore nodeB;
    private ExecutorService pool;

    protected abstract StoreBackend backend();

    @BeforeEach
    void openNodes() {
        nodeA = backend().newStore(clock);
        nodeB = backend().secondNode(clock);
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        backend().dropDatabase();
    }

    EveTokenStore node(int thread) {
        return thread % 2 == 0 ? nodeA : nodeB;
    }

    /** Runs {@code task} on every thread at once and returns the results in thread order. */
    <T> List<T> race(ThreadTask<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int thread = i;
            Callable<T> call = () -> {
                start.await();
                return task.run(thread);
            };
            futures.add(pool.submit(call));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }

    static EveCharacter character() {
        return new EveCharacter(ID, "Racer", "owner", Set.of("esi-skills.read_skills.v1"));
    }

    GrantTokens tokens(String tag) {
        return new GrantTokens("access-" + tag, clock.instant().plusSeconds(1199), "refresh-" + tag);
    }

    @Test
    void threadsOnTwoNodesRacingForOneLeaseGetExactlyOneAndAllSeeItsRefreshAfterwards() throws Exception {
        StoredGrant grant = nodeA.save(character(), tokens("0"));
        for (int round = 1; round <= 4; round++) {
            long version = grant.version();
            List<Optional<RefreshLease>> leases = race(t -> node(t).tryLease(ID, version, Duration.ofSeconds(30)));

            List<RefreshLease> granted = leases.stream().flatMap(Optional::stream).toList();
            assertThat(granted).as("round %d", round).hasSize(1);
            assertThat(granted.get(0).grant().refreshToken()).isEqualTo("refresh-" + (round - 1));
            grant = nodeA.completeRefresh(granted.get(0), character(), tokens(Integer.toString(round)));
            for (EveTokenStore node : List.of(nodeA, nodeB)) {
                StoredGrant seen = node.load(ID).orElseThrow();
                assertThat(seen.version()).isEqualTo(version + 1);
                assertThat(seen.refreshToken()).isEqualTo("refresh-" + round);
            }
        }
    }

    @Test
    void anExpiredLeaseOfADeadHolderIsTakenOverByExactlyOneRacer() throws Exception {
        StoredGrant grant = nodeA.save(character(), tokens("0"));
        nodeA.tryLease(ID, grant.version(), Duration.ofSeconds(30)).orElseThrow();
        clock.advance(Duration.ofSeconds(31));

        List<Optional<RefreshLease>> leases = race(t -> node(t).tryLease(ID, grant.version(), Duration.ofSeconds(30)));

        assertThat(leases.stream().filter(Optional::isPresent)).hasSize(1);
    }

    /**
     * The whole protocol, as the refresh path and a background job run it: every thread wants a token newer than the
     * one it saw; exactly one per round spends the refresh token at the (simulated) SSO, which rotates it; the others
     * wait for its result and use it. The SSO never sees a refresh token twice.
     */
    @Test
    void everyThreadGetsTheOneRefreshedTokenAndNoRefreshTokenIsSpentTwice() throws Exception {
        Map<String, Integer> spent = new ConcurrentHashMap<>();
        AtomicInteger issued = new AtomicInteger();
        nodeA.save(character(), tokens("0"));
        for (int round = 1; round <= 3; round++) {
            long seen = nodeA.load(ID).orElseThrow().version();
            List<String> used = race(t -> refreshedAccessToken(node(t), seen, refreshToken -> {
                spent.merge(refreshToken, 1, Integer::sum);
                Thread.sleep(20);
                return tokens("n" + issued.incrementAndGet());
            }));

            assertThat(Set.copyOf(used)).as("round %d", round).hasSize(1);
        }
        assertThat(issued).hasValue(3);
        assertThat(spent).hasSize(3).allSatisfy((token, times) -> assertThat(times).as(token).isEqualTo(1));
    }

    interface Sso {
        GrantTokens refresh(String refreshToken) throws Exception;
    }

    /** The protocol of {@link EveTokenStore}'s class comment: lease or wait (bounded), then reuse the stored result. */
    static String refreshedAccessToken(EveTokenStore store, long seenVersion, Sso sso) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Optional<RefreshLease> lease = store.tryLease(ID, seenVersion, Duration.ofSeconds(30));
            if (lease.isPresent()) {
                GrantTokens fresh = sso.refresh(lease.get().grant().refreshToken());
                return store.completeRefresh(lease.get(), character(), fresh).tokens().accessToken();
            }
            StoredGrant now = store.load(ID).orElseThrow();
            if (now.version() > seenVersion) {
                return now.tokens().accessToken();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no refresh within 20 s");
    }

    @Test
    void concurrentLoginsOfOneCharacterOnTwoNodesEachWriteTheirOwnVersion() throws Exception {
        List<StoredGrant> saved = race(t -> node(t).save(character(), tokens("t" + t)));

        assertThat(saved).extracting(StoredGrant::version).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.rangeClosed(1, THREADS).boxed().toList());
        StoredGrant last = saved.stream().filter(g -> g.version() == THREADS).findFirst().orElseThrow();
        assertThat(nodeB.load(ID)).contains(last);
    }

    @Test
    void anOwnerHashChangeRecordedConcurrentlyOnTwoNodesIsSeenByExactlyOne() throws Exception {
        nodeA.recordOwnerHash(ID, "old-owner");

        List<Optional<String>> previous = race(t -> node(t).recordOwnerHash(ID, "new-owner"));

        assertThat(previous).filteredOn(p -> p.equals(Optional.of("old-owner"))).hasSize(1);
        assertThat(previous).filteredOn(p -> p.equals(Optional.of("new-owner"))).hasSize(THREADS - 1);
    }

    @Test
    void firstOwnerHashesRecordedConcurrentlyFindExactlyOneFirst() throws Exception {
        List<Optional<String>> previous = race(t -> node(t).recordOwnerHash(ID, "owner"));

        assertThat(previous).filteredOn(Optional::isEmpty).hasSize(1);
    }
}
