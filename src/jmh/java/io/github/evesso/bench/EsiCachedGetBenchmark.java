package io.github.evesso.bench;

import io.github.evesso.EsiClient;
import io.github.evesso.EsiResponse;
import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacter;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a GET through {@link EsiClient} costs when its cached answer is still fresh (no HTTP call: the cache lookup
 * and the JSON-B mapping of the cached body), next to one ESI confirms with a 304 over loopback (one HTTP exchange
 * with the local EVE SSO's fake ESI, no body). The clients' clock stands still, so the first client's cached answers
 * stay fresh for the whole run; the second one's copy is stored under {@code Cache-Control: no-cache}, so stale.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EsiCachedGetBenchmark {
    private static final String USER_AGENT = "eve-sso-benchmarks/1.0 (bench@example.com)";

    /** {@code GET /status/} as a record. */
    public record ServerStatus(int players, String serverVersion, Instant startTime) {
    }

    private LocalEveSso sso;
    private EsiClient cached;
    private EsiClient revalidating;
    private EveAccessToken token;
    private String wallet;

    @Setup
    public void setUp() {
        sso = LocalEveSso.builder().build().start();
        Clock stands = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        cached = client(stands);
        revalidating = client(stands);
        TestCharacter character = sso.characters().get(0);
        token = new BenchToken(character, sso.jwt().sign(sso.jwt().standardClaims(character, BenchServer.CLIENT_ID,
                List.of(LocalEveSso.WALLET_SCOPE)).build()));
        wallet = "/characters/" + character.id() + "/wallet/";
        cached.get(wallet, BigDecimal.class, token);
        cached.get("/status/", ServerStatus.class);
        // from now on every answer says no-cache: the second client keeps its copy stale and revalidates each time
        sso.failUntilCleared(Endpoint.ESI, Fault.header("Cache-Control", "no-cache"));
        revalidating.get(wallet, BigDecimal.class, token);
        check(cached.get(wallet, BigDecimal.class, token), EsiResponse.Source.CACHE);
        check(cached.get("/status/", ServerStatus.class), EsiResponse.Source.CACHE);
        check(revalidating.get(wallet, BigDecimal.class, token), EsiResponse.Source.REVALIDATED);
    }

    private EsiClient client(Clock clock) {
        return EsiClient.builder().baseUrl(URI.create(sso.esiBaseUrl())).userAgent(USER_AGENT).clock(clock).build();
    }

    private static void check(EsiResponse<?> response, EsiResponse.Source expected) {
        if (response.source() != expected) {
            throw new IllegalStateException("expected a " + expected + " answer, got " + response);
        }
    }

    @TearDown
    public void tearDown() {
        cached.close();
        revalidating.close();
        sso.close();
    }

    /** The wallet balance (a bare JSON number) of the token's character, fresh in the cache: no HTTP call. */
    @Benchmark
    public EsiResponse<BigDecimal> cachedWallet() {
        return cached.get(wallet, BigDecimal.class, token);
    }

    /** The public {@code /status/} mapped to a record, fresh in the cache: no HTTP call. */
    @Benchmark
    public EsiResponse<ServerStatus> cachedStatusRecord() {
        return cached.get("/status/", ServerStatus.class);
    }

    /** The wallet, stale in the cache: {@code If-None-Match} to the fake ESI over loopback, which answers 304. */
    @Benchmark
    public EsiResponse<BigDecimal> revalidatedWallet() {
        return revalidating.get(wallet, BigDecimal.class, token);
    }

    /** A fresh login's token: what {@code EveSso.token(request)} hands out while no refresh is due. */
    private record BenchToken(EveCharacter character, String accessToken, Instant obtainedAt)
            implements EveAccessToken {
        BenchToken(TestCharacter c, String accessToken) {
            this(new EveCharacter(c.id(), c.name(), c.ownerHash(), Set.of(LocalEveSso.WALLET_SCOPE)), accessToken,
                    Instant.now());
        }

        @Override
        public String refresh() {
            return accessToken;
        }

        @Override
        public Instant expiresAt() {
            return obtainedAt.plus(Duration.ofMinutes(20));
        }

        @Override
        public Set<String> scopes() {
            return character.scopes();
        }

        @Override
        public Optional<String> refreshToken() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "BenchToken[" + character.id() + "]";
        }
    }
}
