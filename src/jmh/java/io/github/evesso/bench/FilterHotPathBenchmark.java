package io.github.evesso.bench;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.EveSsoFilter;
import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.login.Tokens;
import io.github.evesso.internal.runtime.EveSsoRuntime;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Part 2: the filter's hot path in isolation. {@link EveSsoFilter#doFilter} (initialised the way a container does,
 * runtime from {@link EveSsoRuntime#install}) on hand-written request/session objects that allocate nothing, so that
 * {@code -prof gc}'s bytes per operation are the library's own. {@link #baseline} is what the container does without
 * the filter: only the chain call. {@link #pac4jLoggedIn} is pac4j's {@code SecurityFilter} (set up as in part 1) on the
 * same objects, for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterHotPathBenchmark {
    private ServletContext context;
    private EveSsoFilter filter;
    private BenchRequest loggedIn;
    private BenchRequest loggedInWithFiveCharacters;
    private BenchRequest publicPage;
    private BenchResponse response;
    private FilterChain chain;
    private Filter pac4j;
    private BenchRequest pac4jLoggedIn;

    @Setup
    public void setUp(Blackhole blackhole) throws ServletException, IOException {
        EveSsoConfig config = EveSsoConfig.builder()
                .clientId("bench-client")
                .clientSecret("bench-secret-value")
                .callbackUrl(URI.create("http://localhost/app/sso/callback"))
                .metadataUrl(URI.create("http://127.0.0.1:9/.well-known/oauth-authorization-server")) // never fetched
                .scopes(BenchServer.SCOPES)
                .excludedPaths(List.of("/public/*", "*.css"))
                .build();
        context = Unsupported.servletContext("/app");
        EveSsoRuntime.install(context, config);
        filter = new EveSsoFilter();
        filter.init(Unsupported.filterConfig(context));

        Instant now = Instant.now();
        EveCharacter character = new EveCharacter(90000001L, "Aura Testpilot", "bench-owner-hash=",
                Set.copyOf(BenchServer.SCOPES));
        EveLogin login = new EveLogin(new Tokens(character, "header.payload.signature", "refresh-token",
                now.plus(Duration.ofMinutes(20)), now));
        BenchSession session = new BenchSession("bench-session");
        SessionLogin.store(session, new EveLogins(login));
        loggedIn = new BenchRequest("/app", "/protected/page", null).session(session);
        EveLogins five = new EveLogins(login);
        for (long alt = 1; alt <= 4; alt++) {
            EveCharacter other = new EveCharacter(90000001L + alt, "Alt " + alt, "bench-owner-hash=",
                    Set.copyOf(BenchServer.SCOPES));
            five.put(new EveLogin(new Tokens(other, "header.payload.signature" + alt, "refresh-token" + alt,
                    now.plus(Duration.ofMinutes(20)), now)), 20);
        }
        five.activate(login.character().id());
        BenchSession fiveSession = new BenchSession("bench-session-5");
        SessionLogin.store(fiveSession, five);
        loggedInWithFiveCharacters = new BenchRequest("/app", "/protected/page", null).session(fiveSession);
        publicPage = new BenchRequest("/app", "/public/style.css", null);
        response = new BenchResponse();
        chain = (request, response) -> blackhole.consume(request);

        pac4j = Pac4jSetup.securityFilter("http://127.0.0.1:9/v2/oauth/authorize", "http://127.0.0.1:9/v2/oauth/token",
                "http://127.0.0.1:9/verify", "http://localhost/app/callback", "bench-client", "bench-secret-value",
                BenchServer.SCOPES);
        pac4j.init(Unsupported.filterConfig(Unsupported.servletContext("/app")));
        pac4jLoggedIn = new BenchRequest("/app", "/protected/page", null).session(new BenchSession("pac4j-session"));
        Pac4jSetup.saveProfile(pac4jLoggedIn, response);
        pac4jLoggedIn.removeAttribute(Pac4jSetup.PROFILES_ATTRIBUTE); // the session keeps it; requests start empty
        pac4j.doFilter(pac4jLoggedIn, response, (request, response) -> {
            if (!(request instanceof HttpServletRequest http) || http.getUserPrincipal() == null) {
                throw new IllegalStateException("pac4j does not see the saved profile");
            }
        });
    }

    @TearDown
    public void tearDown() {
        filter.destroy();
    }

    /** The container's part: the chain call alone. */
    @Benchmark
    public void baseline() throws IOException, ServletException {
        chain.doFilter(loggedIn, response);
    }

    /** A logged-in request with a fresh token on a protected path. */
    @Benchmark
    public void loggedInFreshToken() throws IOException, ServletException {
        filter.doFilter(loggedIn, response, chain);
    }

    /** The same request in a session holding five characters (the first active): no slower than one. */
    @Benchmark
    public void loggedInFiveCharacters() throws IOException, ServletException {
        filter.doFilter(loggedInWithFiveCharacters, response, chain);
    }

    /** pac4j's SecurityFilter, the same logged-in request (profile in the session, path matched, isAuthenticated). */
    @Benchmark
    public void pac4jLoggedIn() throws IOException, ServletException {
        pac4j.doFilter(pac4jLoggedIn, response, chain);
    }

    /** A request without session on an excluded path. */
    @Benchmark
    public void publicPath() throws IOException, ServletException {
        filter.doFilter(publicPage, response, chain);
    }
}
