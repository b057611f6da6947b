package io.github.evesso.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local EVE SSO: a real HTTP server on 127.0.0.1 that speaks EVE Online's SSO v2 protocol (metadata,
 * authorize, token, JWKS, revoke) plus a small fake ESI ({@link FakeEsi}), for tests and development. Its API follows
 * OkHttp's MockWebServer: build, {@link #start()}, point the code under test at {@link #metadataUrl()},
 * script {@link Fault}s, then inspect what came with {@link #takeRequest(Endpoint)} (waits for the next request),
 * {@link #pollRequest(Endpoint)} (does not wait) and {@link #requestCount(Endpoint)}. Thread-safe.
 *
 * <pre>{@code
 * try (LocalEveSso sso = LocalEveSso.builder().client("id", "secret", "http://localhost:8080/callback").build()) {
 *     sso.start();
 *     sso.enqueue(Endpoint.TOKEN, Fault.status(502).afterDelay(Duration.ofSeconds(2)));
 *     ...
 *     RecordedRequest refresh = sso.takeRequest(Endpoint.TOKEN);
 * }
 * }</pre>
 *
 * <p><b>JVM-wide settings.</b> {@link #start()} sets two system properties of the JDK's HTTP server unless they are
 * already set (for example on the command line): {@value #MAX_IDLE_PROPERTY}{@code =10000} (the JDK silently closes a
 * keep-alive connection as it becomes idle once 200 are idle, so that a client reusing it fails with "header parser
 * received no bytes": a load test with hundreds of browsers meets it) and {@value #NODELAY_PROPERTY}{@code =true}
 * (without TCP_NODELAY each answer waits ~40 ms for the client's delayed ACK: a login through the local SSO takes
 * 49 ms instead of 13 ms). The JDK reads them once, when the first {@code com.sun.net.httpserver} server of the JVM
 * starts: a server started earlier by other code keeps the JDK's defaults for every server.
 */
public final class LocalEveSso implements AutoCloseable {

    /** The JDK server's idle keep-alive connection limit; see the class comment. */
    static final String MAX_IDLE_PROPERTY = "sun.net.httpserver.maxIdleConnections";
    /** The JDK server's TCP_NODELAY switch; see the class comment. */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    /** How long {@link #takeRequest(Endpoint)} waits before it fails, unless the builder sets another wait. */
    public static final Duration DEFAULT_TAKE_TIMEOUT = Duration.ofSeconds(10);

    /** The ESI scope the fake wallet endpoint requires. */
    public static final String WALLET_SCOPE = "esi-wallet.read_character_wallet.v1";
    /** How long an authorization code stays valid, by the server's clock. */
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    /** Worker threads serving requests. */
    static final int THREADS = 64;
    /** How many refreshes run at once before EVE answers {@code 500}: 5. */
    public static final int DEFAULT_CONCURRENT_REFRESHES = 5;

    private final Clock clock;
    private final int requestedPort;
    private final Duration tokenLifetime;
    private final boolean rotateRefreshTokens;
    private final String configuredIssuer;
    private final Duration takeTimeout;
    private final ConcurrencyLimit refreshLimit;
    private final FailedRequestLimit failedRequestLimit;
    private final boolean strictRedirectUri;
    private volatile AuthorizeMode authorizeMode;

    private final ClientRegistry clients = new ClientRegistry();
    private final CharacterRoster roster = new CharacterRoster();
    private final GrantStore grants = new GrantStore();
    private final KeyRing keys = new KeyRing();
    private final FaultPlan faults = new FaultPlan();
    private final RequestJournal journal = new RequestJournal();
    private final JwtMinter minter = new JwtMinter(this, keys);
    private final FakeEsi esi = new FakeEsi(this);
    private volatile Long autoApproveAs;
    private final AtomicReference<Long> nextLoginAs = new AtomicReference<>();
    private final AtomicReference<Set<String>> nextGrantOnly = new AtomicReference<>();
    private final ConcurrentLinkedQueue<String> issuedAccessTokens = new ConcurrentLinkedQueue<>();

    private final Object lifecycle = new Object();
    private HttpServer server;
    private ThreadPoolExecutor executor;
    private boolean closed;
    private volatile String baseUrl;
    private volatile String issuer;

    private LocalEveSso(Builder b) {
        this.clock = b.clock;
        this.requestedPort = b.port;
        this.tokenLifetime = b.tokenLifetime;
        this.rotateRefreshTokens = b.rotateRefreshTokens;
        this.configuredIssuer = b.issuer;
        this.takeTimeout = b.takeTimeout;
        this.refreshLimit = new ConcurrencyLimit(b.concurrentRefreshes);
        this.failedRequestLimit = b.failedRequests == 0 ? null
                : new FailedRequestLimit(b.failedRequests, b.failedRequestWindow, b.clock);
        this.strictRedirectUri = b.strictRedirectUri;
        this.authorizeMode = b.authorizeMode;
        b.clients.forEach(c -> clients.register(c.clientId(), c.secret(), c.callbackUrl()));
        roster.add(90000001L, "Aura Testpilot");
        roster.add(90000002L, "Kestrel Vance");
        roster.add(90000003L, "Mira Solenne");
    }

    /**
     * A builder with EVE's defaults: system UTC clock, ephemeral port, 20 min tokens, rotation on, auto-approve, a
     * {@code 500} for refreshes beyond 5 at once, no rate limit on failed requests, {@code redirect_uri} optional at
     * the code exchange.
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Binds 127.0.0.1 and starts serving. First sets the JDK server's system properties described in the class
     * comment, unless they are already set.
     *
     * @return this, for chaining
     * @throws UncheckedIOException when the port cannot be bound
     * @throws IllegalStateException when already started or closed
     */
    public LocalEveSso start() {
        synchronized (lifecycle) {
            if (server != null || closed) {
                throw new IllegalStateException(closed ? "closed" : "already started");
            }
            configureJdkServer();
            HttpServer s;
            try {
                s = HttpServer.create(new InetSocketAddress(loopback(), requestedPort), 1024);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind 127.0.0.1:" + requestedPort, e);
            }
            ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), daemonThreads());
            pool.allowCoreThreadTimeOut(true);
            s.setExecutor(pool);
            s.createContext("/", new Router(handlers(), journal, faults, refreshLimit));
            s.start();
            baseUrl = "http://127.0.0.1:" + s.getAddress().getPort();
            issuer = configuredIssuer != null ? configuredIssuer : baseUrl;
            server = s;
            executor = pool;
        }
        return this;
    }

    /** Stops the server at once ({@code stop(0)}) and its worker threads; idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            if (server == null) {
                return;
            }
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    /** Sets the JVM-wide properties of the JDK's HTTP server that are not set yet; see the class comment. */
    private static void configureJdkServer() {
        setIfAbsent(MAX_IDLE_PROPERTY, "10000");
        setIfAbsent(NODELAY_PROPERTY, "true");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private Map<Endpoint, EndpointHandler> handlers() {
        Map<Endpoint, EndpointHandler> h = new EnumMap<>(Endpoint.class);
        h.put(Endpoint.METADATA, new MetadataHandler(this));
        h.put(Endpoint.AUTHORIZE, new AuthorizeHandler(this));
        h.put(Endpoint.TOKEN, new TokenHandler(this));
        h.put(Endpoint.JWKS, new JwksHandler(keys));
        h.put(Endpoint.REVOKE, new RevokeHandler(this));
        h.put(Endpoint.ESI, new EsiHandler(this, esi));
        return h;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "local-eve-sso-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---------------------------------------------------------------- URLs

    /** The bound port. */
    public int port() {
        return Integer.parseInt(baseUrl().substring(baseUrl().lastIndexOf(':') + 1));
    }

    /** {@code http://127.0.0.1:<port>}; available once started. */
    public String baseUrl() {
        String url = baseUrl;
        if (url == null) {
            throw new IllegalStateException("not started");
        }
        return url;
    }

    /** The {@code iss} of issued tokens and the metadata's {@code issuer}: the configured one, else {@link #baseUrl()}. */
    public String issuer() {
        baseUrl();
        return issuer;
    }

    /** {@code baseUrl + "/.well-known/oauth-authorization-server"}. */
    public String metadataUrl() {
        return baseUrl() + Endpoint.METADATA.path();
    }

    /** {@code baseUrl + "/v2/oauth/authorize"}. */
    public String authorizeUrl() {
        return baseUrl() + Endpoint.AUTHORIZE.path();
    }

    /** {@code baseUrl + "/v2/oauth/token"}. */
    public String tokenUrl() {
        return baseUrl() + Endpoint.TOKEN.path();
    }

    /** {@code baseUrl + "/oauth/jwks"}. */
    public String jwksUrl() {
        return baseUrl() + Endpoint.JWKS.path();
    }

    /** {@code baseUrl + "/v2/oauth/revoke"}. */
    public String revokeUrl() {
        return baseUrl() + Endpoint.REVOKE.path();
    }

    /** {@code baseUrl + "/latest"}: the fake ESI's base URL. */
    public String esiBaseUrl() {
        return baseUrl() + Endpoint.ESI.path();
    }

    /** The fake ESI's data and error limit, for tests to set and read. */
    public FakeEsi esi() {
        return esi;
    }

    // ---------------------------------------------------------------- applications and characters

    /** Registers (or replaces) an application; a {@code null} secret makes a public, PKCE-only client. */
    public void registerClient(String clientId, String secret, String callbackUrl) {
        clients.register(clientId, secret, callbackUrl);
    }

    /** The characters, in the order added; three exist by default (90000001, 90000002, 90000003). */
    public List<TestCharacter> characters() {
        return roster.all();
    }

    /** The character's current record (its owner hash changes on transfer). */
    public TestCharacter character(long id) {
        return roster.get(id);
    }

    /** Adds a character with a random owner hash. */
    public TestCharacter addCharacter(long id, String name) {
        return roster.add(id, name);
    }

    /** The character {@link AuthorizeMode#AUTO_APPROVE} logs in as from now on (default: the first one). */
    public void autoApproveAs(long characterId) {
        roster.get(characterId);
        autoApproveAs = characterId;
    }

    /** The character the next auto-approved login (only that one) logs in as. */
    public void nextLoginAs(long characterId) {
        roster.get(characterId);
        nextLoginAs.set(characterId);
    }

    /**
     * The next approved login (only that one) grants only those of the scopes asked that are in {@code scopes}, as
     * if the user had unticked the others: for tests of a login that comes back with fewer scopes than it asked.
     */
    public void nextLoginGrantsOnly(String... scopes) {
        nextGrantOnly.set(Set.of(scopes));
    }

    /** The scopes an approved login grants of {@code asked}: all of them, unless {@link #nextLoginGrantsOnly}. */
    List<String> takeGrantedScopes(List<String> asked) {
        Set<String> only = nextGrantOnly.getAndSet(null);
        return only == null ? asked : asked.stream().filter(only::contains).toList();
    }

    /** Changes how the authorize endpoint answers from the next request on. */
    public void authorizeMode(AuthorizeMode mode) {
        this.authorizeMode = Objects.requireNonNull(mode, "mode");
    }

    /** How the authorize endpoint currently answers. */
    public AuthorizeMode authorizeMode() {
        return authorizeMode;
    }

    /**
     * Moves the character to another account: it gets a new owner hash and all its refresh tokens die.
     *
     * @return the character's new record
     */
    public TestCharacter transferCharacter(long id) {
        TestCharacter moved = roster.transfer(id);
        grants.revokeAllOf(id);
        return moved;
    }

    // ---------------------------------------------------------------- keys and tokens

    /** A fresh RSA key with a new kid becomes the signing key; the JWKS publishes it and the previous ones. */
    public void rotateKey() {
        keys.rotate();
    }

    /** The JWKS publishes only the current RSA signing key (and the ES256 key EVE always publishes). */
    public void dropOldKeys() {
        keys.dropRetired();
    }

    /** Mints good and bad tokens with this server's keys. */
    public JwtMinter jwt() {
        return minter;
    }

    /** Whether the refresh token is currently accepted by the token endpoint. */
    public boolean isRefreshTokenValid(String refreshToken) {
        return grants.isValid(refreshToken);
    }

    /**
     * Every access token the token endpoint answered with, in order, including those substituted by
     * {@link Fault#accessToken}: for checks that no token leaks into logs or pages.
     */
    public List<String> issuedAccessTokens() {
        return List.copyOf(issuedAccessTokens);
    }

    /** Every refresh token ever issued (by the token endpoint or {@link #issueRefreshToken}), in order. */
    public List<String> issuedRefreshTokens() {
        return grants.issued();
    }

    /**
     * Refresh tokens presented at the token endpoint again after a refresh had spent them (rotation kills the old
     * one), in order, once per such request: each entry is a refresh token a client sent twice. A revoked token
     * presented again is not counted here.
     */
    public List<String> reusedRefreshTokens() {
        return grants.reused();
    }

    /** The refresh tokens revoked through the revoke endpoint, in order. */
    public List<String> revokedTokens() {
        return grants.revoked();
    }

    /** The most refreshes that were in progress at once (including any turned away above the limit). */
    public int peakConcurrentRefreshes() {
        return refreshLimit.peak();
    }

    /**
     * Issues an authorization code directly, as if {@code characterId} had approved a login to {@code clientId} with
     * {@code scopes} at the client's registered callback: lets a test exchange a code without the browser leg. The
     * code is single use and lives {@link #CODE_LIFETIME} by the server's clock.
     *
     * @param codeChallenge the PKCE S256 challenge the exchange's verifier must match, or {@code null} for none
     */
    public String issueAuthorizationCode(long characterId, String clientId, List<String> scopes,
                                         String codeChallenge) {
        roster.get(characterId);
        ClientRegistry.Client client = clients.find(clientId);
        if (client == null) {
            throw new IllegalArgumentException("unknown client: " + clientId);
        }
        return grants.issueCode(new GrantStore.AuthorizationCode(clientId, client.callbackUrl(), characterId,
                List.copyOf(scopes), codeChallenge, clock.instant().plus(CODE_LIFETIME)));
    }

    /**
     * Issues a refresh token directly, as if {@code characterId} had logged in to {@code clientId} with
     * {@code scopes}: lets a test start from a logged-in state without the browser flow.
     */
    public String issueRefreshToken(long characterId, String clientId, List<String> scopes) {
        roster.get(characterId);
        if (clients.find(clientId) == null) {
            throw new IllegalArgumentException("unknown client: " + clientId);
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("EVE issues no refresh token without scopes");
        }
        return grants.issueRefreshToken(new GrantStore.RefreshGrant(clientId, characterId, List.copyOf(scopes)));
    }

    // ---------------------------------------------------------------- faults and recorded requests

    /** Queues a one-shot fault for the next request to {@code endpoint} (FIFO; played before sticky faults). */
    public void enqueue(Endpoint endpoint, Fault fault) {
        faults.enqueue(endpoint, fault);
    }

    /** Plays {@code fault} on every request to {@code endpoint} (once the one-shot ones are used) until cleared. */
    public void failUntilCleared(Endpoint endpoint, Fault fault) {
        faults.failUntilCleared(endpoint, fault);
    }

    /** Removes every queued and sticky fault. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * The oldest request to {@code endpoint} not yet taken, waiting for it up to {@link #DEFAULT_TAKE_TIMEOUT} (or
     * {@link Builder#takeRequestTimeout}), like
     * MockWebServer's {@code takeRequest()} (which waits forever). A request is recorded as soon as it is read, before
     * any fault or answer, so a request whose answer the client has seen is there at once.
     *
     * @throws AssertionError when no request came in time, or the wait was interrupted (the thread's interrupt flag
     *                        is then set again)
     */
    public RecordedRequest takeRequest(Endpoint endpoint) {
        RecordedRequest request;
        try {
            request = takeRequest(endpoint, takeTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a request to " + endpoint, e);
        }
        if (request == null) {
            throw new AssertionError("no request to " + endpoint + " within " + takeTimeout.toMillis() + " ms ("
                    + requestCount(endpoint) + " received, all taken before)");
        }
        return request;
    }

    /**
     * The oldest request to {@code endpoint} not yet taken, waiting for it up to {@code timeout}.
     *
     * @return the request, or {@code null} when none came in time
     */
    public RecordedRequest takeRequest(Endpoint endpoint, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return journal.take(endpoint, timeout);
    }

    /** The oldest request to {@code endpoint} not yet taken, without waiting; empty when there is none. */
    public Optional<RecordedRequest> pollRequest(Endpoint endpoint) {
        return journal.poll(endpoint);
    }

    /** How many requests {@code endpoint} received since the start, faulted and taken ones included. */
    public int requestCount(Endpoint endpoint) {
        return journal.count(endpoint);
    }

    // ---------------------------------------------------------------- for the handlers

    Clock clock() {
        return clock;
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    boolean rotatesRefreshTokens() {
        return rotateRefreshTokens;
    }

    /** The rate limit on failed token requests, or {@code null} for none. */
    FailedRequestLimit failedRequestLimit() {
        return failedRequestLimit;
    }

    /** Whether a code exchange must send the authorization request's {@code redirect_uri}. */
    boolean requiresRedirectUri() {
        return strictRedirectUri;
    }

    ClientRegistry clients() {
        return clients;
    }

    CharacterRoster roster() {
        return roster;
    }

    GrantStore grants() {
        return grants;
    }

    KeyRing keys() {
        return keys;
    }

    /** Records an access token the token endpoint is about to send. */
    void recordIssuedAccessToken(String accessToken) {
        issuedAccessTokens.add(accessToken);
    }

    /** The character of the next auto-approved login: a pending {@link #nextLoginAs}, else the default. */
    TestCharacter takeAutoApproveCharacter() {
        Long next = nextLoginAs.getAndSet(null);
        Long id = next != null ? next : autoApproveAs;
        return id != null ? roster.get(id) : roster.first();
    }

    /** Configures a {@link LocalEveSso}; {@link #build()} does not start it. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int port;
        private final List<ClientRegistry.Client> clients = new ArrayList<>();
        private Duration tokenLifetime = Duration.ofMinutes(20);
        private boolean rotateRefreshTokens = true;
        private String issuer;
        private AuthorizeMode authorizeMode = AuthorizeMode.AUTO_APPROVE;
        private Duration takeTimeout = DEFAULT_TAKE_TIMEOUT;
        private int concurrentRefreshes = DEFAULT_CONCURRENT_REFRESHES;
        private int failedRequests;
        private Duration failedRequestWindow;
        private boolean strictRedirectUri;

        private Builder() {
        }

        /** The clock for {@code iat}/{@code exp}, code expiry and ESI checks (default {@code Clock.systemUTC()}). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The port on 127.0.0.1 (default 0: an ephemeral port). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Registers an application; repeatable. A {@code null} secret makes a public, PKCE-only client. */
        public Builder client(String clientId, String secret, String callbackUrl) {
            clients.add(new ClientRegistry.Client(clientId, secret, callbackUrl));
            return this;
        }

        /** Access token lifetime (default 20 min): {@code exp - iat} equals it, {@code expires_in} is one second less. */
        public Builder tokenLifetime(Duration lifetime) {
            if (lifetime.compareTo(Duration.ofSeconds(2)) < 0) {
                throw new IllegalArgumentException("token lifetime must be at least 2 s: " + lifetime);
            }
            this.tokenLifetime = Duration.ofSeconds(lifetime.getSeconds());
            return this;
        }

        /** Whether each refresh returns a new refresh token and kills the old one (default {@code true}). */
        public Builder rotateRefreshTokens(boolean rotate) {
            this.rotateRefreshTokens = rotate;
            return this;
        }

        /** The {@code iss} claim and metadata issuer (default: the base URL {@code http://127.0.0.1:<port>}). */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** How the authorize endpoint answers (default {@link AuthorizeMode#AUTO_APPROVE}). */
        public Builder authorizeMode(AuthorizeMode mode) {
            this.authorizeMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** How long {@link LocalEveSso#takeRequest(Endpoint)} waits before it fails (default 10 s). */
        public Builder takeRequestTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the wait must be positive: " + timeout);
            }
            this.takeTimeout = timeout;
            return this;
        }

        /**
         * How many refreshes may run at once (default {@value LocalEveSso#DEFAULT_CONCURRENT_REFRESHES}, as seen at
         * EVE): a refresh arriving while that many run is answered {@code 500} with EVE's error body, without being
         * processed (its refresh token stays valid). A refresh runs from its arrival to its answer, fault delays
         * included. 0: no limit.
         */
        public Builder concurrentRefreshLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("the limit must not be negative: " + limit);
            }
            this.concurrentRefreshes = limit;
            return this;
        }

        /**
         * Rate-limits failed requests the way EVE does (default: off): once {@code failures} token requests were
         * answered with a 4xx within {@code window} by the server's clock, every token request is answered {@code 429}
         * with {@code Retry-After} (seconds until the oldest of them leaves the window) and the OAuth error
         * {@code too_many_requests}, without being processed, until fewer failures are in the window.
         */
        public Builder rateLimitFailedRequests(int failures, Duration window) {
            if (failures < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("need at least one failure and a positive window: " + failures
                        + " in " + window);
            }
            this.failedRequests = failures;
            this.failedRequestWindow = window;
            return this;
        }

        /**
         * Whether a code exchange without {@code redirect_uri} is refused ({@code invalid_grant}), as RFC 6749
         * section 4.1.3 has standard servers do (default {@code false}: accepted, as EVE documents the exchange). A
         * {@code redirect_uri} that differs from the authorization request's is refused either way.
         */
        public Builder strictRedirectUri(boolean strict) {
            this.strictRedirectUri = strict;
            return this;
        }

        /** Creates the server without starting it. */
        public LocalEveSso build() {
            return new LocalEveSso(this);
        }
    }
}
