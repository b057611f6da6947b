package io.github.evesso.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveTokenStore;
import io.github.evesso.EveTokenStoreLeaseLostException;
import io.github.evesso.GrantTokens;
import io.github.evesso.RefreshLease;
import io.github.evesso.StoredGrant;
import io.github.evesso.StoredGrant.Status;
import io.github.evesso.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EveTokenStore} does, run against each implementation (in memory, H2 in memory and on file, a
 * real PostgreSQL). Each test starts on an empty store whose clock stands still until the test moves it.
 */
abstract class TokenStoreContract {
    static final Duration LEASE = Duration.ofSeconds(30);

    protected final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00.123456789Z"));
    protected EveTokenStore store;

    /** The implementation under test. */
    protected abstract StoreBackend backend();

    /** Another store on the same database (a second node). */
    EveTokenStore secondNode(TestClock clock) {
        return backend().secondNode(clock);
    }

    @BeforeEach
    void openStore() {
        store = backend().newStore(clock);
    }

    @AfterEach
    void dropDatabase() {
        backend().dropDatabase();
    }

    static EveCharacter character(long id) {
        return new EveCharacter(id, "Pilot " + id, "owner-" + id, Set.of("esi-skills.read_skills.v1",
                "esi-wallet.read_character_wallet.v1"));
    }

    static GrantTokens tokens(String tag, Instant expiresAt) {
        return new GrantTokens("access-" + tag, expiresAt, "refresh-" + tag);
    }

    GrantTokens tokens(String tag) {
        return tokens(tag, clock.instant().plus(Duration.ofMinutes(20)));
    }

    RefreshLease lease(StoredGrant grant) {
        return store.tryLease(grant.characterId(), grant.version(), LEASE).orElseThrow();
    }

    @Test
    void aLoginIsStoredAtVersionOneAndLoadsAsItWasSaved() {
        StoredGrant saved = store.save(character(90000001), tokens("a"));

        assertThat(saved.version()).isEqualTo(1);
        assertThat(saved.status()).isEqualTo(Status.OK);
        assertThat(saved.updatedAt()).isEqualTo(StoreRules.millis(clock.instant()));
        assertThat(saved.leasedUntil()).isNull();
        assertThat(saved.tokens().accessTokenExpiresAt()).isEqualTo(StoreRules.millis(
                clock.instant().plus(Duration.ofMinutes(20))));
        assertThat(store.load(90000001)).contains(saved);
        assertThat(saved.character()).isEqualTo(character(90000001));
        assertThat(saved.refreshToken()).isEqualTo("refresh-a");
    }

    @Test
    void aNewLoginReplacesTheWholeGrantAtTheNextVersion() {
        store.save(character(90000001), tokens("a"));
        clock.advance(Duration.ofMinutes(1));
        EveCharacter renamed = new EveCharacter(90000001, "Renamed", "owner-new", Set.of());

        StoredGrant second = store.save(renamed, tokens("b"));

        assertThat(second.version()).isEqualTo(2);
        assertThat(store.load(90000001)).contains(second);
        assertThat(second.character()).isEqualTo(renamed);
        assertThat(second.refreshToken()).isEqualTo("refresh-b");
    }

    @Test
    void anUnknownCharacterLoadsAsEmpty() {
        assertThat(store.load(90000042)).isEmpty();
    }

    @Test
    void anIdentityOnlyLoginIsStoredWithoutARefreshTokenAndCannotBeLeased() {
        GrantTokens identity = new GrantTokens("access-only", clock.instant().plusSeconds(1199), null);
        StoredGrant saved = store.save(new EveCharacter(90000001, "Pilot", "owner", Set.of()), identity);

        assertThat(store.load(90000001).orElseThrow().refreshToken()).isNull();
        assertThat(store.tryLease(90000001, saved.version(), LEASE)).isEmpty();
    }

    @Test
    void listPagesThroughEveryGrantInCharacterIdOrder() {
        LongStream.of(90000007, 90000003, 90000011, 90000001, 90000005).forEach(id -> store.save(character(id),
                tokens("t" + id)));
        List<Long> seen = new ArrayList<>();
        long after = 0;
        List<StoredGrant> page;
        do {
            page = store.list(after, 2);
            page.forEach(g -> seen.add(g.characterId()));
            after = page.isEmpty() ? after : page.get(page.size() - 1).characterId();
        } while (page.size() == 2);

        assertThat(seen).containsExactly(90000001L, 90000003L, 90000005L, 90000007L, 90000011L);
        assertThat(store.list(90000005, 1000)).extracting(StoredGrant::refreshToken)
                .containsExactly("refresh-t90000007", "refresh-t90000011");
    }

    @Test
    void aLeaseIsGrantedOnlyAtTheExpectedVersion() {
        StoredGrant first = store.save(character(90000001), tokens("a"));
        StoredGrant second = store.save(character(90000001), tokens("b"));

        assertThat(store.tryLease(90000001, first.version(), LEASE)).isEmpty();
        assertThat(store.tryLease(90000001, second.version() + 1, LEASE)).isEmpty();
        assertThat(store.tryLease(90000002, 1, LEASE)).isEmpty();
        RefreshLease lease = store.tryLease(90000001, second.version(), LEASE).orElseThrow();
        assertThat(lease.grant().refreshToken()).isEqualTo("refresh-b");
        assertThat(lease.until()).isEqualTo(StoreRules.millis(clock.instant()).plus(LEASE));
    }

    @Test
    void aLeaseIsGrantedOnceUntilItEndsAndTheStoredGrantShowsIt() {
        StoredGrant grant = store.save(character(90000001), tokens("a"));
        RefreshLease lease = lease(grant);

        assertThat(store.tryLease(90000001, grant.version(), LEASE)).isEmpty();
        assertThat(secondNode(clock).tryLease(90000001, grant.version(), LEASE)).isEmpty();
        StoredGrant loaded = store.load(90000001).orElseThrow();
        assertThat(loaded.version()).isEqualTo(grant.version());
        assertThat(loaded.leasedUntil()).isEqualTo(lease.until());
        assertThat(loaded.isLeasedAt(clock.instant())).isTrue();
    }

    @Test
    void completingARefreshWritesTheNewGrantAtTheNextVersionAndEndsTheLease() {
        StoredGrant grant = store.save(character(90000001), tokens("a"));
        RefreshLease lease = lease(grant);
        clock.advance(Duration.ofSeconds(2));
        EveCharacter fewerScopes = new EveCharacter(90000001, "Pilot 90000001", "owner-90000001",
                Set.of("esi-skills.read_skills.v1"));

        StoredGrant refreshed = store.completeRefresh(lease, fewerScopes, tokens("b"));

        assertThat(refreshed.version()).isEqualTo(grant.version() + 1);
        assertThat(refreshed.leasedUntil()).isNull();
        assertThat(refreshed.updatedAt()).isEqualTo(StoreRules.millis(clock.instant()));
        assertThat(store.load(90000001)).contains(refreshed);
        assertThat(refreshed.character().scopes()).containsExactly("esi-skills.read_skills.v1");
        assertThat(store.tryLease(90000001, refreshed.version(), LEASE)).isPresent();
        assertThatThrownBy(() -> store.completeRefresh(lease, fewerScopes, tokens("c")))
                .isInstanceOf(EveTokenStoreLeaseLostException.class).hasMessageContaining("90000001");
    }

    @Test
    void aRefreshThatBringsNoNewRefreshTokenKeepsTheOneItSpent() {
        RefreshLease lease = lease(store.save(character(90000001), tokens("a")));

        StoredGrant refreshed = store.completeRefresh(lease, character(90000001),
                new GrantTokens("access-b", clock.instant().plusSeconds(1199), null));

        assertThat(refreshed.refreshToken()).isEqualTo("refresh-a");
        assertThat(store.load(90000001).orElseThrow().tokens().accessToken()).isEqualTo("access-b");
    }

    @Test
    void aRefreshThatNamesAnotherCharacterIsRefusedAndTheLeaseStaysHeld() {
        RefreshLease lease = lease(store.save(character(90000001), tokens("a")));

        assertThatThrownBy(() -> store.completeRefresh(lease, character(90000002), tokens("b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.completeRefresh(lease, character(90000001), tokens("b")).version()).isEqualTo(2);
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsFormerHolderCanNoLongerWrite() {
        StoredGrant grant = store.save(character(90000001), tokens("a"));
        RefreshLease dead = lease(grant);
        clock.advance(LEASE.plusMillis(1));

        RefreshLease takeover = secondNode(clock).tryLease(90000001, grant.version(), LEASE).orElseThrow();

        assertThat(takeover.grant().refreshToken()).isEqualTo("refresh-a");
        assertThatThrownBy(() -> store.completeRefresh(dead, character(90000001), tokens("x")))
                .isInstanceOf(EveTokenStoreLeaseLostException.class);
        assertThat(store.release(dead)).isFalse();
        assertThat(store.completeRefresh(takeover, character(90000001), tokens("b")).refreshToken())
                .isEqualTo("refresh-b");
    }

    @Test
    void aHolderWhoseLeaseExpiredWithoutATakeoverStillWritesItsRefresh() {
        RefreshLease lease = lease(store.save(character(90000001), tokens("a")));
        clock.advance(LEASE.multipliedBy(3));

        assertThat(store.completeRefresh(lease, character(90000001), tokens("b")).refreshToken())
                .isEqualTo("refresh-b");
    }

    @Test
    void aRotatedRefreshTokenIsStoredWithTheOldAccessToken() {
        StoredGrant grant = store.save(character(90000001), tokens("a"));
        RefreshLease lease = lease(grant);

        StoredGrant rotated = store.saveRotatedRefreshToken(lease, "refresh-rotated");

        assertThat(rotated.version()).isEqualTo(grant.version() + 1);
        assertThat(rotated.tokens()).isEqualTo(new GrantTokens("access-a", grant.tokens().accessTokenExpiresAt(),
                "refresh-rotated"));
        assertThat(store.load(90000001)).contains(rotated);
    }

    @Test
    void releasingALeaseLeavesTheGrantAtItsVersionAndAnotherNodeMayLeaseItAtOnce() {
        StoredGrant grant = store.save(character(90000001), tokens("a"));
        RefreshLease lease = lease(grant);

        assertThat(store.release(lease)).isTrue();

        StoredGrant after = store.load(90000001).orElseThrow();
        assertThat(after.version()).isEqualTo(grant.version());
        assertThat(after.leasedUntil()).isNull();
        assertThat(secondNode(clock).tryLease(90000001, grant.version(), LEASE)).isPresent();
        assertThat(store.release(lease)).isFalse();
    }

    @Test
    void aReleasedLeaseCanNoLongerWrite() {
        RefreshLease lease = lease(store.save(character(90000001), tokens("a")));
        store.release(lease);

        assertThatThrownBy(() -> store.completeRefresh(lease, character(90000001), tokens("b")))
                .isInstanceOf(EveTokenStoreLeaseLostException.class);
        assertThatThrownBy(() -> store.saveRotatedRefreshToken(lease, "refresh-rotated"))
                .isInstanceOf(EveTokenStoreLeaseLostException.class);
        assertThat(store.load(90000001).orElseThrow().refreshToken()).isEqualTo("refresh-a");
    }

    @Test
    void aLoginDuringARefreshWinsAndTheRefreshLosesItsLease() {
        RefreshLease lease = lease(store.save(character(90000001), tokens("a")));

        StoredGrant login = secondNode(clock).save(character(90000001), tokens("login"));

        assertThat(login.version()).isEqualTo(2);
        assertThat(login.leasedUntil()).isNull();
        assertThatThrownBy(() -> store.completeRefresh(lease, character(90000001), tokens("b")))
                .isInstanceOf(EveTokenStoreLeaseLostException.class);
        assertThatThrownBy(() -> store.saveRotatedRefreshToken(lease, "refresh-rotated"))
                .isInstanceOf(EveTokenStoreLeaseLostException.class);
        assertThat(store.load(90000001)).contains(login);
    }

    @Test
    void aRefusedGrantIsMarkedNeedsLoginWithoutTokensAndOnlyALoginRevivesIt() {
        StoredGrant grant = store.save(character(90000001), tokens("a"));
        RefreshLease lease = lease(grant);

        assertThat(store.markNeedsLogin(90000001, lease.version())).isTrue();

        StoredGrant refused = store.load(90000001).orElseThrow();
        assertThat(refused.status()).isEqualTo(Status.NEEDS_LOGIN);
        assertThat(refused.tokens()).isNull();
        assertThat(refused.version()).isEqualTo(grant.version() + 1);
        assertThat(refused.leasedUntil()).isNull();
        assertThat(refused.character()).isEqualTo(character(90000001));
        assertThat(store.tryLease(90000001, refused.version(), LEASE)).isEmpty();
        assertThat(store.markNeedsLogin(90000001, refused.version())).isFalse();
        assertThatThrownBy(() -> store.completeRefresh(lease, character(90000001), tokens("b")))
                .isInstanceOf(EveTokenStoreLeaseLostException.class);
        StoredGrant again = store.save(character(90000001), tokens("c"));
        assertThat(again.status()).isEqualTo(Status.OK);
        assertThat(again.version()).isEqualTo(refused.version() + 1);
    }

    @Test
    void markingAStaleVersionNeedsLoginLeavesTheNewerGrantAlone() {
        StoredGrant old = store.save(character(90000001), tokens("a"));
        StoredGrant newer = store.save(character(90000001), tokens("b"));

        assertThat(store.markNeedsLogin(90000001, old.version())).isFalse();
        assertThat(store.markNeedsLogin(90000002, 1)).isFalse();
        assertThat(store.load(90000001)).contains(newer);
    }

    @Test
    void deleteRemovesTheGrantAndItsLeaseButKeepsTheOwnerHashHistory() {
        RefreshLease lease = lease(store.save(character(90000001), tokens("a")));
        store.recordOwnerHash(90000001, "owner-1");

        assertThat(store.delete(90000001)).isTrue();

        assertThat(store.load(90000001)).isEmpty();
        assertThat(store.delete(90000001)).isFalse();
        assertThatThrownBy(() -> store.completeRefresh(lease, character(90000001), tokens("b")))
                .isInstanceOf(EveTokenStoreLeaseLostException.class);
        assertThat(store.recordOwnerHash(90000001, "owner-2")).contains("owner-1");
    }

    @Test
    void deletingUnderAHeldLeaseRemovesTheGrantButKeepsTheOwnerHashHistory() {
        RefreshLease lease = lease(store.save(character(90000001), tokens("a")));
        store.recordOwnerHash(90000001, "owner-1");

        assertThat(store.delete(lease)).isTrue();

        assertThat(store.load(90000001)).isEmpty();
        assertThat(store.delete(lease)).isFalse();
        assertThat(store.recordOwnerHash(90000001, "owner-2")).contains("owner-1");
    }

    @Test
    void deletingUnderALostLeaseLeavesTheNewerGrantAlone() {
        StoredGrant grant = store.save(character(90000001), tokens("a"));
        RefreshLease dead = lease(grant);
        clock.advance(LEASE.plusMillis(1));
        RefreshLease takeover = secondNode(clock).tryLease(90000001, grant.version(), LEASE).orElseThrow();
        RefreshLease released = lease(store.save(character(90000002), tokens("c")));
        store.release(released);
        StoredGrant relogin = store.save(character(90000003), tokens("d"));
        RefreshLease beforeRelogin = lease(relogin);
        StoredGrant newer = store.save(character(90000003), tokens("e"));

        assertThat(store.delete(dead)).as("taken over").isFalse();
        assertThat(store.delete(released)).as("released").isFalse();
        assertThat(store.delete(beforeRelogin)).as("saved again since").isFalse();

        assertThat(store.load(90000001).orElseThrow().leasedUntil()).isEqualTo(takeover.until());
        assertThat(store.load(90000002)).isPresent();
        assertThat(store.load(90000003)).contains(newer);
    }

    @Test
    void theOwnerHashHistoryAnswersThePreviousHashAcrossNodes() {
        assertThat(store.recordOwnerHash(90000001, "owner-1")).isEmpty();
        assertThat(store.recordOwnerHash(90000001, "owner-1")).contains("owner-1");
        assertThat(secondNode(clock).recordOwnerHash(90000001, "owner-2")).contains("owner-1");
        assertThat(store.recordOwnerHash(90000001, "owner-2")).contains("owner-2");
        assertThat(store.recordOwnerHash(90000002, "other")).isEmpty();
    }

    @Test
    void tokensOfManyKilobytesAreStoredWhole() {
        String bigAccess = "eyJ" + "a".repeat(12_000);
        String bigRefresh = "r".repeat(9_000);
        Set<String> manyScopes = new java.util.TreeSet<>();
        for (int i = 0; i < 150; i++) {
            manyScopes.add("esi-scope-number-" + i + ".read_something_long.v1");
        }
        EveCharacter character = new EveCharacter(90000001, "Pilot", "owner", manyScopes);

        store.save(character, new GrantTokens(bigAccess, clock.instant(), bigRefresh));

        StoredGrant loaded = store.load(90000001).orElseThrow();
        assertThat(loaded.tokens().accessToken()).isEqualTo(bigAccess);
        assertThat(loaded.refreshToken()).isEqualTo(bigRefresh);
        assertThat(loaded.character().scopes()).isEqualTo(manyScopes);
    }

    @Test
    void argumentsOutOfRangeAreRefusedBeforeAnythingIsWritten() {
        StoredGrant grant = store.save(character(90000001), tokens("a"));

        assertThatThrownBy(() -> store.list(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(0, 1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.tryLease(90000001, grant.version(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.tryLease(90000001, grant.version(), Duration.ofMinutes(11)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.load(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.save(new EveCharacter(90000001, "P", "o", Set.of("two words")), tokens("b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.recordOwnerHash(90000001, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.load(90000001)).isEqualTo(Optional.of(grant));
    }

    @Test
    void toStringsNeverShowATokenNorTheLeaseId() {
        StoredGrant grant = store.save(character(90000001), tokens("a"));
        RefreshLease lease = lease(grant);

        assertThat(grant.toString() + lease + grant.tokens() + store).doesNotContain("access-a", "refresh-a",
                lease.leaseId());
    }
}
