package io.github.evesso.bench;

import io.github.evesso.EveCharacter;
import io.github.evesso.GrantTokens;
import io.github.evesso.RefreshLease;
import io.github.evesso.StoredGrant;
import io.github.evesso.internal.store.JdbcTokenStore;
import io.github.evesso.support.TestApp;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Part 8, first half: the time the token store adds to one refresh and to one login, per database. A refresh through
 * the store ({@code LeasedRefresh}, nobody else refreshing the character) makes three store calls around the SSO
 * call: {@code load}, {@code tryLease} at the loaded version, and after the SSO's answer {@code completeRefresh} with
 * the new tokens. This runs exactly those three calls, in that order, with the SSO call left out (its answer, a real
 * RS256 access token of the local SSO and a new refresh token, made beforehand), so the time measured is the store's
 * share alone: SQL, encryption of both tokens (AES-GCM), and the pool. A login adds {@code save} and
 * {@code recordOwnerHash}. Characters are taken in turn, so consecutive calls touch different rows.
 */
final class StoreOverhead {
    /** The library's lease with its default timeouts: 2 × (connect 5 s + read 10 s) + 5 s. */
    static final Duration LEASE = Duration.ofSeconds(35);
    private static final long FIRST_ID = 95_000_000L;
    private static final long WARMUP_ID = 96_000_000L;

    /** How much to measure: {@code rounds} refreshes of each of {@code characters}, after unmeasured warm-up. */
    record Settings(int characters, int rounds, int warmupRounds) {
        int refreshes() {
            return characters * rounds;
        }
    }

    /** One database's figures; {@code notRun} says why there are none. */
    record Result(StoreDatabases.Kind kind, Settings settings, LatencyHistogram refresh, LatencyHistogram login,
            String notRun) {
    }

    private final LocalEveSso sso;
    private final SecureRandom random = new SecureRandom();

    /** {@code sso} only mints the access tokens (real ones, of real size); it is not called. */
    StoreOverhead(LocalEveSso sso) {
        this.sso = sso;
    }

    Result run(StoreDatabases.Kind kind, Settings settings) {
        try (StoreDatabases.Database database = StoreDatabases.open(kind)) {
            JdbcTokenStore store = database.store(Clock.systemUTC());
            if (settings.warmupRounds() > 0) {
                List<Character> warmup = characters(WARMUP_ID + kind.ordinal() * 100_000L, settings.characters());
                measure(store, warmup, settings.warmupRounds(), new LatencyHistogram(), new LatencyHistogram());
            }
            LatencyHistogram refresh = new LatencyHistogram();
            LatencyHistogram login = new LatencyHistogram();
            measure(store, characters(FIRST_ID + kind.ordinal() * 100_000L, settings.characters()),
                    settings.rounds(), refresh, login);
            Report.progress("part 8: " + kind.label + ": refresh p50 " + Report.f2(refresh.percentileMicros(0.5) / 1000)
                    + " ms over " + refresh.count() + ", login p50 " + Report.f2(login.percentileMicros(0.5) / 1000)
                    + " ms over " + login.count());
            return new Result(kind, settings, refresh, login, null);
        } catch (RuntimeException e) {
            Report.progress("part 8: " + kind.label + " not run: " + e);
            return new Result(kind, settings, new LatencyHistogram(), new LatencyHistogram(), e.toString());
        }
    }

    /** Each character's first login, {@code rounds} refreshes of each in turn, then each one's next login. */
    private void measure(JdbcTokenStore store, List<Character> characters, int rounds, LatencyHistogram refresh,
            LatencyHistogram login) {
        characters.forEach(c -> login(store, c, login));
        for (int r = 0; r < rounds; r++) {
            for (Character c : characters) {
                GrantTokens answer = new GrantTokens(c.accessToken(), Instant.now().plus(Duration.ofMinutes(20)),
                        refreshToken());
                long t0 = System.nanoTime();
                StoredGrant grant = store.load(c.character().id()).orElseThrow();
                RefreshLease lease = store.tryLease(c.character().id(), grant.version(), LEASE)
                        .orElseThrow(() -> new IllegalStateException("no lease on an idle grant"));
                store.completeRefresh(lease, c.character(), answer);
                refresh.record(System.nanoTime() - t0);
            }
        }
        characters.forEach(c -> login(store, c, login));
    }

    private void login(JdbcTokenStore store, Character c, LatencyHistogram login) {
        GrantTokens tokens = new GrantTokens(c.accessToken(), Instant.now().plus(Duration.ofMinutes(20)),
                refreshToken());
        long t0 = System.nanoTime();
        store.save(c.character(), tokens);
        store.recordOwnerHash(c.character().id(), c.character().ownerHash());
        login.record(System.nanoTime() - t0);
    }

    /** A refresh token like EVE's (the local SSO's: 32 random bytes in Base64). */
    private String refreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private record Character(EveCharacter character, String accessToken) {
    }

    private List<Character> characters(long firstId, int count) {
        List<Character> characters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestCharacter pilot = sso.addCharacter(firstId + i, "Store Pilot " + i);
            String token = sso.jwt().sign(sso.jwt().standardClaims(pilot, TestApp.CLIENT_ID, TestApp.SCOPES).build());
            characters.add(new Character(new EveCharacter(pilot.id(), pilot.name(), pilot.ownerHash(),
                    Set.copyOf(TestApp.SCOPES)), token));
        }
        return characters;
    }
}
