package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.internal.store.JdbcTokenStore;
import io.github.evesso.internal.store.KeyRing;
import io.github.evesso.support.Browser;
import io.github.evesso.support.EchoServlet;
import io.github.evesso.support.Page;
import io.github.evesso.support.SharedPostgres;
import io.github.evesso.support.TestApp;
import io.github.evesso.support.TestClock;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.LocalEveSso;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two application nodes (two embedded Tomcats, each with its own runtime) on one PostgreSQL token store, against one
 * local EVE SSO that counts every token call and every refresh token spent twice: a character's refresh is single
 * flight across both nodes and a background job, and a node that dies holding the refresh lease loses nothing.
 */
@Timeout(120)
class TokenStoreAcrossNodesTest {
    private static final long CHARACTER = 90000001L;
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final TestClock clock = new TestClock();
    private final DataSource database = SharedPostgres.newSchema();
    private final List<AutoCloseable> open = new ArrayList<>();
    private LocalEveSso sso;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private JdbcTokenStore store() {
        return JdbcTokenStore.open(database, KeyRing.of(Map.of("k1", KEY), null, new ArrayList<>()),
                Duration.ofSeconds(5), clock);
    }

    private TestApp node() {
        return node(new ListenerTest.Recorder());
    }

    private TestApp node(ListenerTest.Recorder listener) {
        if (sso == null) {
            sso = LocalEveSso.builder().clock(clock).build().start();
            open.add(sso);
        }
        TestApp node = TestApp.start(sso, clock, b -> b.tokenStore(store()).listener(listener));
        open.add(node);
        return node;
    }

    /** Logs in on {@code node} (the SSO sends the browser back to the node's own callback). */
    private Page logIn(TestApp node, Browser browser) {
        sso.registerClient(TestApp.CLIENT_ID, TestApp.CLIENT_SECRET, node.callbackUrl().toString());
        Page page = browser.get(node.url("/protected/home"));
        assertThat(page.status()).isEqualTo(200);
        return page;
    }

    private int tokenCalls() {
        return sso.requestCount(Endpoint.TOKEN);
    }

    /** Two nodes, a browser on each, both logged in as {@link #CHARACTER} (the later login's grant is stored). */
    private record TwoNodes(TestApp a, Browser onA, TestApp b, Browser onB, Page login) {
    }

    private TwoNodes loggedInOnTwoNodes() {
        TestApp a = node();
        TestApp b = node();
        Browser onA = new Browser();
        Browser onB = new Browser();
        logIn(a, onA);
        return new TwoNodes(a, onA, b, onB, logIn(b, onB));
    }

    @Test
    void aHundredRequestsOnTwoNodesAndABackgroundJobAtExpiryMakeOneTokenCall() throws Exception {
        TwoNodes nodes = loggedInOnTwoNodes();
        TestApp a = nodes.a();
        TestApp b = nodes.b();
        Browser onA = nodes.onA();
        Browser onB = nodes.onB();
        Page login = nodes.login();
        int calls = tokenCalls();
        EveAccessToken job = b.runtime().storedTokens().token(CHARACTER).orElseThrow();
        clock.advance(Duration.between(clock.instant(), Instant.parse(login.line("expiresAt"))).plusSeconds(1));

        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                TestApp node = i % 2 == 0 ? a : b;
                Browser browser = i % 2 == 0 ? onA : onB;
                answers.add(pool.submit(() -> browser.getNoFollow(node.url("/protected/home")).line("token")));
            }
            Future<String> background = pool.submit((Callable<String>) () -> EchoServlet.fingerprint(job.accessToken()));
            Set<String> tokens = new HashSet<>();
            for (Future<String> answer : answers) {
                tokens.add(answer.get(60, TimeUnit.SECONDS));
            }
            tokens.add(background.get(60, TimeUnit.SECONDS));

            assertThat(tokenCalls() - calls).as("token calls for 100 requests on two nodes and a job").isEqualTo(1);
            assertThat(tokens).as("every request and the job use the one refreshed token").hasSize(1)
                    .doesNotContain((String) null, login.line("token"));
        } finally {
            pool.shutdownNow();
        }
        List<String> issued = sso.issuedRefreshTokens();
        assertThat(store().load(CHARACTER).orElseThrow().refreshToken())
                .as("the stored refresh token is the rotated one").isEqualTo(issued.get(issued.size() - 1));
        assertThat(sso.reusedRefreshTokens()).isEmpty();
    }

    @Test
    void aRefreshOnOneNodeIsTakenOverByTheOtherWithoutATokenCall() {
        TwoNodes nodes = loggedInOnTwoNodes();
        int calls = tokenCalls();
        clock.advance(Duration.between(clock.instant(), Instant.parse(nodes.login().line("expiresAt")))
                .minusSeconds(30));

        Page first = nodes.onA().getNoFollow(nodes.a().url("/protected/home"));
        Page second = nodes.onB().getNoFollow(nodes.b().url("/protected/home"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(tokenCalls() - calls).isEqualTo(1);
        assertThat(second.line("token")).as("node B took node A's refresh over").isEqualTo(first.line("token"));
        assertThat(second.line("refreshToken")).isEqualTo(first.line("refreshToken"));
    }

    @Test
    void aCharacterThatChangedAccountsIsReportedOnceByTheNodeItLogsInOnNext() {
        ListenerTest.Recorder onA = new ListenerTest.Recorder();
        ListenerTest.Recorder onB = new ListenerTest.Recorder();
        TestApp a = node(onA);
        TestApp b = node(onB);
        logIn(a, new Browser());
        String before = store().load(CHARACTER).orElseThrow().character().ownerHash();
        String after = sso.transferCharacter(CHARACTER).ownerHash();

        logIn(b, new Browser());

        assertThat(onB.ofType("ownerChanged")).singleElement().satisfies(e -> {
            assertThat(e.ownerHash()).isEqualTo(after);
            assertThat(e.detail()).isEqualTo(before);
        });
        assertThat(onA.ofType("ownerChanged")).isEmpty();
        logIn(a, new Browser());
        assertThat(onA.ofType("ownerChanged")).as("node A learns the new owner from the store, not as a change")
                .isEmpty();
    }

    @Test
    void aNodeThatDiesHoldingTheRefreshLeaseLosesNothingAndTheOtherNodeRefreshesOnceItExpires() {
        TestApp b = node();
        Browser browser = new Browser();
        Page login = logIn(b, browser);
        JdbcTokenStore store = store();
        StoredGrant saved = store.load(CHARACTER).orElseThrow();
        int calls = tokenCalls();
        clock.advance(Duration.between(clock.instant(), Instant.parse(login.line("expiresAt"))).minusSeconds(30));
        // node A took the lease for its refresh and died before calling the SSO: its lease is never ended
        RefreshLease dead = store.tryLease(CHARACTER, saved.version(), Duration.ofSeconds(35)).orElseThrow();

        Page whileHeld = browser.getNoFollow(b.url("/protected/home"));
        assertThat(whileHeld.status()).as("the valid token is used while the lease is held").isEqualTo(200);
        assertThat(whileHeld.line("token")).isEqualTo(login.line("token"));
        assertThat(tokenCalls()).isEqualTo(calls);

        clock.advance(Duration.ofSeconds(36)); // the dead node's lease has expired, and so has the access token
        Page after = browser.getNoFollow(b.url("/protected/home"));

        assertThat(after.status()).isEqualTo(200);
        assertThat(tokenCalls() - calls).isEqualTo(1);
        assertThat(after.line("token")).isNotEqualTo(login.line("token"));
        StoredGrant refreshed = store.load(CHARACTER).orElseThrow();
        assertThat(refreshed.version()).isEqualTo(saved.version() + 1);
        assertThat(EchoServlet.fingerprint(refreshed.refreshToken())).isEqualTo(after.line("refreshToken"));
        assertThat(sso.reusedRefreshTokens()).isEmpty();
        assertThat(dead.grant().refreshToken()).isEqualTo(saved.refreshToken());
    }
}
