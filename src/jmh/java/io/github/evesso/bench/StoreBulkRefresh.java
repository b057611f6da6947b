package io.github.evesso.bench;

import io.github.evesso.EveBulkRefresh;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveStoredTokens;
import io.github.evesso.GrantTokens;
import io.github.evesso.internal.store.JdbcTokenStore;
import io.github.evesso.support.TestApp;
import io.github.evesso.support.TestClock;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import java.time.Duration;
import java.util.Set;

/**
 * Part 8, second half: a background job's bulk refresh of every stored character, through the public path
 * ({@code EveSso.storedTokens(...).refreshExpiring}) of an application (the test fixtures' {@link TestApp}: embedded
 * Tomcat, the library installed with a JDBC token store and the default {@code refresh-concurrency}, 4) against a new
 * local EVE SSO with EVE's limit of 5 concurrent refreshes (it answers 500 above it). The characters' grants are
 * stored with expired access tokens and refresh tokens the SSO issued. A first, unmeasured bulk refresh of
 * {@code warmup} other characters warms the code; they are fresh in the measured run.
 */
final class StoreBulkRefresh {
    private static final long FIRST_ID = 97_000_000L;
    private static final long WARMUP_ID = 98_000_000L;

    /** One database's run; {@code notRun} says why there is none. */
    record Result(StoreDatabases.Kind kind, int characters, int warmup, double seconds, int tokenCalls,
            EveBulkRefresh outcome, int peakConcurrentRefreshes, int refreshTokensSpentTwice, String notRun) {
        /** Characters not refreshed although due: failed, postponed or (wrongly) needing a login. */
        int errors() {
            return outcome == null ? characters : outcome.failed() + outcome.postponed() + outcome.needsLogin();
        }
    }

    private StoreBulkRefresh() {
    }

    static Result run(StoreDatabases.Kind kind, int characters, int warmup) {
        TestClock clock = new TestClock();
        try (LocalEveSso sso = LocalEveSso.builder().clock(clock).build().start();
                StoreDatabases.Database database = StoreDatabases.open(kind)) {
            JdbcTokenStore store = database.store(clock);
            try (TestApp app = TestApp.start(sso, clock, b -> b.tokenStore(store))) {
                EveStoredTokens stored = app.runtime().storedTokens();
                storeExpired(sso, store, clock, WARMUP_ID, warmup);
                stored.refreshExpiring(Duration.ofMinutes(5));
                storeExpired(sso, store, clock, FIRST_ID, characters);
                int before = sso.requestCount(Endpoint.TOKEN);
                long t0 = System.nanoTime();
                EveBulkRefresh outcome = stored.refreshExpiring(Duration.ofMinutes(5));
                double seconds = (System.nanoTime() - t0) / 1e9;
                Result result = new Result(kind, characters, warmup, seconds, sso.requestCount(Endpoint.TOKEN) - before,
                        outcome, sso.peakConcurrentRefreshes(), sso.reusedRefreshTokens().size(), null);
                Report.progress("part 8: bulk refresh on " + kind.label + ": " + outcome + " in "
                        + Report.f2(seconds) + " s, " + result.tokenCalls() + " token calls, peak "
                        + result.peakConcurrentRefreshes());
                return result;
            }
        } catch (RuntimeException e) {
            Report.progress("part 8: bulk refresh on " + kind.label + " not run: " + e);
            return new Result(kind, characters, warmup, Double.NaN, 0, null, 0, 0, e.toString());
        }
    }

    /** Stores {@code count} grants whose access tokens have expired, with refresh tokens the SSO knows. */
    private static void storeExpired(LocalEveSso sso, JdbcTokenStore store, TestClock clock, long firstId,
            int count) {
        for (int i = 0; i < count; i++) {
            TestCharacter pilot = sso.addCharacter(firstId + i, "Bulk Pilot " + i);
            String refreshToken = sso.issueRefreshToken(pilot.id(), TestApp.CLIENT_ID, TestApp.SCOPES);
            store.save(new EveCharacter(pilot.id(), pilot.name(), pilot.ownerHash(), Set.copyOf(TestApp.SCOPES)),
                    new GrantTokens("expired-access-token", clock.instant().minusSeconds(1), refreshToken));
        }
    }
}
