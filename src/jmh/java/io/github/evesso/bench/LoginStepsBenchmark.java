package io.github.evesso.bench;

import io.github.evesso.internal.jwt.AccessTokenValidator;
import io.github.evesso.internal.jwt.ValidatedToken;
import io.github.evesso.internal.login.LoginIntent;
import io.github.evesso.internal.login.PendingLogin;
import io.github.evesso.internal.login.PendingLogins;
import io.github.evesso.internal.sso.TokenResponse;
import io.github.evesso.internal.sso.TokenResponses;
import io.github.evesso.testing.LocalEveSso;
import jakarta.json.bind.Jsonb;
import java.time.Duration;
import java.time.Instant;
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
 * Part 3's breakdown: the CPU-heavy steps of a login callback, each alone, on the library's real objects. The JWKS and
 * metadata are fetched once from a {@link LocalEveSso} in the set-up and cached, as in steady state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LoginStepsBenchmark {
    private ValidatorBench bench;
    private AccessTokenValidator validator;
    private Jsonb jsonb;
    private String accessToken;
    private String tokenResponseBody;
    private PendingLogins pendingLogins;
    private PendingLogin pending;
    private final Duration ttl = Duration.ofMinutes(10);

    @Setup
    public void setUp() throws Exception {
        bench = new ValidatorBench();
        validator = bench.validator;
        jsonb = bench.jsonb;
        accessToken = bench.token();
        validator.validate(accessToken); // fetches metadata and JWKS once
        tokenResponseBody = "{\"access_token\":\"" + accessToken + "\",\"expires_in\":1199,\"token_type\":\"Bearer\","
                + "\"refresh_token\":\"oZ4mXk3v0bQnWq1lD9cR7sT2uY5hJ8gF\"}";
        TokenResponses.parse(jsonb, tokenResponseBody);
        pendingLogins = new PendingLogins();
        pending = new PendingLogin("Jp0v1A2b3C4d5E6f7G8h9I0j1K2l3M4n5O6p7Q8r9S0", "verifier", "/", Instant.now(),
                LoginIntent.login(BenchServer.SCOPES));
    }

    @TearDown
    public void tearDown() throws Exception {
        bench.close();
    }

    /** Signature (RS256), header and claims checks of an EVE access token; the character read from it. */
    @Benchmark
    public ValidatedToken jwtVerification() throws Exception {
        return validator.validate(accessToken);
    }

    /** The token endpoint's JSON answer read and checked. */
    @Benchmark
    public TokenResponse tokenResponseParse() throws Exception {
        return TokenResponses.parse(jsonb, tokenResponseBody);
    }

    /** A pending login stored and taken back by its state (constant-time comparison, expiry check). */
    @Benchmark
    public PendingLogins.Taken stateCheck() {
        pendingLogins.add(pending, 5);
        return pendingLogins.take(pending.state(), Instant.now(), ttl);
    }
}
