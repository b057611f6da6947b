package io.github.evesso.bench;

import io.github.evesso.internal.jwt.CachingTokenVerifier;
import io.github.evesso.internal.jwt.InvalidAccessTokenException;
import io.github.evesso.internal.jwt.ValidatedToken;
import io.github.evesso.testing.LocalEveSso;
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
 * Bearer mode's verification cost on the library's real objects, the JWKS fetched once from a {@link LocalEveSso}:
 * a token already verified (the cache's hit: a SHA-256 and a map lookup), and a forged token that must be refused
 * each time (signed by a key the JWKS does not hold: parse and key selection, never cached).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BearerBenchmark {
    private ValidatorBench bench;
    private CachingTokenVerifier verifier;
    private String token;
    private String forged;

    @Setup
    public void setUp() throws Exception {
        bench = new ValidatorBench();
        verifier = new CachingTokenVerifier(bench.validator.forClients(Set.of(BenchServer.CLIENT_ID)), 10_000,
                bench.config.clockSkew(), bench.config.clock());
        token = bench.token();
        forged = bench.sso.jwt().signWithUnpublishedKey(bench.sso.jwt().standardClaims(bench.sso.characters().get(0),
                BenchServer.CLIENT_ID, BenchServer.SCOPES).build());
        verifier.validate(token); // fetches metadata and JWKS once, and remembers the token
    }

    @TearDown
    public void tearDown() throws Exception {
        bench.close();
    }

    /** A request of a client that calls again with the token it sent before. */
    @Benchmark
    public ValidatedToken cachedBearerToken() throws Exception {
        return verifier.validate(token);
    }

    /** A request carrying a forged token: refused each time, nothing remembered. */
    @Benchmark
    public boolean forgedBearerToken() throws Exception {
        try {
            verifier.validate(forged);
            throw new IllegalStateException("a forged token passed");
        } catch (InvalidAccessTokenException expected) {
            return true;
        }
    }
}
