package io.github.evesso.sample.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.sample.cluster.NodeSpec.ManagerKind;
import io.github.evesso.sample.cluster.ReplicationProbe.Received;
import io.github.evesso.sample.cluster.TwoNodeCluster.Routing;
import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Without sticky sessions: the load balancer sends each request of a session to either node. The library promises
 * (SECURITY.md, "Clusters") that requests of one session that follow one another, on any node, spend each refresh
 * token once and never log the user out wrongly, because each request's session changes (a rotated refresh token)
 * reach the other node before its response goes out (synchronous replication); and says that requests of one
 * session that overlap on two nodes while a refresh is due can spend one refresh token twice. Both nodes run in this
 * JVM, so that the tests see each node's copy of the session and what replication carries.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TomcatNonStickyIT {
    /** Tokens live 5 s and are refreshed in their last 2 s: fresh for 2 s after they were obtained, then due. */
    private static final Duration LIFETIME = Duration.ofSeconds(5);
    private static final Duration REFRESH_WINDOW = Duration.ofSeconds(2);
    /** From the response that brought tokens until they are surely due. */
    private static final long UNTIL_DUE_MILLIS = 2_100;
    private static final String PLAIN = "a request without a change";
    private static final String REFRESH = "a request with a refresh";
    private static final long MAIN = 90000001L;
    private static final long ALT = 90000002L;

    private TwoNodeCluster cluster;
    private final Browser browser = new Browser();

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ManagerKind.class)
    void nonStickyRequestsAlternatingAcrossRefreshesNeverSpendARefreshTokenTwice(ManagerKind manager)
            throws Exception {
        cluster = TwoNodeCluster.builder().routing(Routing.NON_STICKY).manager(manager)
                .tokens(LIFETIME, REFRESH_WINDOW).start();
        LocalEveSso sso = cluster.sso();
        List<TomcatNode> nodes = List.of(cluster.node1InProcess(), cluster.node2());
        Page login = browser.get(cluster.node1().url("/character"));
        assertThat(Pages.characterId(login)).isEqualTo(MAIN);
        long obtained = System.currentTimeMillis();
        String session = browser.cookie(cluster.node1().url("/"), "JSESSIONID");
        assertThat(session).as("no jvmRoute").doesNotContain(".");
        SsoRequests.drain(sso, Endpoint.TOKEN);
        drainProbes();
        ReplicationReport report = new ReplicationReport(manager + ", not sticky, one character");

        int refreshes = 4;
        for (int i = 0; i < refreshes; i++) {
            TomcatNode refreshing = nodes.get((i + 1) % 2); // node2, node1, node2, node1
            TomcatNode other = nodes.get(i % 2);
            // while fresh: one request on each node, neither refreshes
            report.add(PLAIN, request(other, session, 0).replicated());
            report.add(PLAIN, request(refreshing, session, 0).replicated());
            sleepUntil(obtained + UNTIL_DUE_MILLIS);
            report.add(REFRESH, request(refreshing, session, 1).replicated());
            obtained = System.currentTimeMillis();
            // the very next request, on the other node, finds the new tokens there: no refresh, no dead token
            report.add(PLAIN, request(other, session, 0).replicated());
            String current = refreshing.logins(session).orElseThrow().active().tokens().refreshToken();
            assertThat(sso.isRefreshTokenValid(current)).as("refresh %d: the current token", i).isTrue();
            for (TomcatNode node : nodes) {
                assertThat(node.logins(session)).as("refresh %d reached %s", i, node.name())
                        .map(logins -> logins.active().tokens().refreshToken()).contains(current);
            }
        }

        assertThat(sso.reusedRefreshTokens()).as("no refresh token sent twice").isEmpty();
        assertThat(sso.requestCount(Endpoint.AUTHORIZE)).as("never logged out, never a new login").isEqualTo(1);
        assertThat(sso.revokedTokens()).isEmpty();
        report.print(nodes.get(0).loginAttributeBytes(session), nodes.get(0).framingBytes());
        if (manager == ManagerKind.DELTA) {
            assertThat(report.largest(PLAIN)).as("a request without a change: Tomcat's own delta").isLessThan(1_024);
            assertThat(report.largest(REFRESH)).as("a refresh: the login once more").isLessThan(4_096);
        }
    }

    @Test
    void nonStickyRequestsWithSeveralCharactersRefreshEachCharacterOnItsOwnAndSwitchAcrossNodes() throws Exception {
        cluster = TwoNodeCluster.builder().routing(Routing.NON_STICKY).tokens(LIFETIME, REFRESH_WINDOW).start();
        LocalEveSso sso = cluster.sso();
        TomcatNode node1 = cluster.node1InProcess();
        TomcatNode node2 = cluster.node2();
        assertThat(Pages.characterId(browser.get(node1.url("/character")))).isEqualTo(MAIN);

        // the alt's login starts on node2; the SSO sends the browser to the public callback, node1's
        sso.nextLoginAs(ALT);
        Page added = browser.get(node2.url("/sso/login?add&return=/character"));
        assertThat(added.uri()).isEqualTo(node1.url("/character"));
        assertThat(Pages.characterId(added)).as("the added character is active").isEqualTo(ALT);
        String session = browser.cookie(node1.url("/"), "JSESSIONID");
        for (TomcatNode node : List.of(node1, node2)) {
            assertThat(node.logins(session).orElseThrow().all()).as(node.name())
                    .extracting(login -> login.character().id()).containsExactly(MAIN, ALT);
        }
        long altObtained = System.currentTimeMillis();
        SsoRequests.drain(sso, Endpoint.TOKEN);
        drainProbes();
        ReplicationReport report = new ReplicationReport("DELTA, not sticky, two characters");

        // switch to the main on node2; its token, from the first login, is due by now or soon
        switchTo(node2, session, MAIN);
        sleepUntil(altObtained + UNTIL_DUE_MILLIS);
        Served mainRefreshed = request(node1, session, 1); // the main refreshes on node1
        assertThat(mainRefreshed.characterId()).isEqualTo(MAIN);
        report.add(REFRESH, mainRefreshed.replicated());
        Served mainOnNode2 = request(node2, session, 0);
        assertThat(mainOnNode2.characterId()).isEqualTo(MAIN);
        report.add(PLAIN, mainOnNode2.replicated());

        // the alt's token is due too: switched to on node1, refreshed on node2, on its own
        switchTo(node1, session, ALT);
        Served altRefreshed = request(node2, session, 1);
        long bothObtained = System.currentTimeMillis();
        assertThat(altRefreshed.characterId()).isEqualTo(ALT);
        report.add(REFRESH, altRefreshed.replicated());
        report.add(PLAIN, request(node1, session, 0).replicated());

        // a second round, the other way round
        sleepUntil(bothObtained + UNTIL_DUE_MILLIS);
        assertThat(request(node1, session, 1).characterId()).isEqualTo(ALT);
        switchTo(node1, session, MAIN);
        assertThat(request(node2, session, 1).characterId()).isEqualTo(MAIN);
        report.add(PLAIN, request(node1, session, 0).replicated());

        List<RecordedRequest> refreshes = SsoRequests.drain(sso, Endpoint.TOKEN);
        assertThat(refreshes).hasSize(4);
        assertThat(refreshes).extracting(r -> r.formValue("refresh_token")).doesNotHaveDuplicates();
        assertThat(sso.reusedRefreshTokens()).as("no refresh token sent twice").isEmpty();
        assertThat(sso.requestCount(Endpoint.AUTHORIZE)).as("two logins, nothing more").isEqualTo(2);
        for (TomcatNode node : List.of(node1, node2)) {
            EveLogins logins = node.logins(session).orElseThrow();
            assertThat(logins.active().character().id()).as(node.name()).isEqualTo(MAIN);
            assertThat(logins.all()).as("%s holds both characters' current refresh tokens", node.name())
                    .allSatisfy(login -> assertThat(sso.isRefreshTokenValid(login.tokens().refreshToken())).isTrue());
        }
        report.print(node1.loginAttributeBytes(session), node1.framingBytes());
        assertThat(report.largest(REFRESH)).as("a refresh: both characters once more").isLessThan(6_144);
    }

    /**
     * The documented limit: a slow request on node1 (its ESI call takes 1.5 s) refreshes the token, and while it
     * runs a request of the same session on node2 finds the token due there too, because node1's change reaches node2
     * only when node1's request ends. Node2 sends the refresh token node1 spent: EVE refuses it ({@code invalid_grant})
     * and node2 ends the session on both nodes. The refresh token node1 obtained is neither kept nor revoked. Sticky
     * sessions rule this out ({@code TomcatFailoverIT
     * .overlappingRequestsOfOneSessionOnItsOwnNodeRefreshOnceAndTheRotatedTokenReachesTheOtherNode}).
     */
    @Test
    void overlappingRequestsOnBothNodesAtARefreshSpendOneRefreshTokenTwiceAndLogTheUserOut() throws Exception {
        cluster = TwoNodeCluster.builder().routing(Routing.NON_STICKY).tokens(LIFETIME, REFRESH_WINDOW).start();
        LocalEveSso sso = cluster.sso();
        TomcatNode node1 = cluster.node1InProcess();
        TomcatNode node2 = cluster.node2();
        Overlap overlap = overlapAtARefresh(node1, node2);
        String session = overlap.session();
        String first = overlap.refreshTokenBefore();
        int issued = overlap.issuedBefore();
        Page meanwhile = overlap.onNode2();

        assertThat(overlap.onNode1().status()).as("node1's request had its token").isEqualTo(200);
        assertThat(sso.reusedRefreshTokens()).as("node2 sent the refresh token node1 had spent")
                .containsExactly(first);
        assertThat(meanwhile.status()).as("node2's request is sent to log in again").isEqualTo(302);
        assertThat(meanwhile.header("Location")).startsWith(sso.authorizeUrl());
        assertThat(node1.holdsSession(session)).as("the session ended on both nodes").isFalse();
        assertThat(node2.holdsSession(session)).isFalse();
        String obtainedByNode1 = sso.issuedRefreshTokens().get(issued);
        assertThat(sso.isRefreshTokenValid(obtainedByNode1)).as("node1's new refresh token: neither kept nor revoked")
                .isTrue();
    }

    /**
     * The limit above, gone with a token store the nodes share: node2's request finds node1's refresh in the store
     * (or its lease, and waits for it) and takes the new tokens over instead of spending the refresh token again.
     */
    @Test
    void overlappingRequestsOnBothNodesAtARefreshWithATokenStoreSpendTheRefreshTokenOnce(@TempDir Path work)
            throws Exception {
        // node1 in a JVM of its own: Tomcat's JNDI contexts of two nodes in one JVM would share one name
        cluster = TwoNodeCluster.builder().routing(Routing.NON_STICKY).tokens(LIFETIME, REFRESH_WINDOW)
                .tokenStore().node1InItsOwnJvm(work).start();
        LocalEveSso sso = cluster.sso();
        TomcatNode node2 = cluster.node2();
        Overlap overlap = overlapAtARefresh(cluster.node1(), node2);
        String session = overlap.session();
        int issued = overlap.issuedBefore();
        Page meanwhile = overlap.onNode2();

        assertThat(overlap.onNode1().status()).isEqualTo(200);
        assertThat(meanwhile.status()).as("node2's request took node1's refresh over").isEqualTo(200);
        assertThat(sso.reusedRefreshTokens()).as("no refresh token sent twice").isEmpty();
        assertThat(sso.issuedRefreshTokens()).as("one refresh for both nodes").hasSize(issued + 1);
        String obtainedByNode1 = sso.issuedRefreshTokens().get(issued);
        assertThat(node2.logins(session).orElseThrow().active().tokens().refreshToken()).isEqualTo(obtainedByNode1);
        assertThat(cluster.tokenStore().open().load(Pages.characterId(meanwhile)).orElseThrow().refreshToken())
                .isEqualTo(obtainedByNode1);
    }

    /**
     * What {@link #overlapAtARefresh} saw.
     *
     * @param session the session id
     * @param refreshTokenBefore the session's refresh token before the refresh (as node2 holds it)
     * @param issuedBefore how many refresh tokens the SSO had issued before
     * @param onNode1 the slow request's page, served by node1, which refreshed
     * @param onNode2 the page of node2's request, made while node1's was still running
     */
    private record Overlap(String session, String refreshTokenBefore, int issuedBefore, Page onNode1, Page onNode2) {
    }

    /**
     * Logs in on node1, waits until the token is due, and then overlaps two requests of the session: a slow one on
     * node1 (its ESI call held back 1.5 s) that refreshes, and, once node1 has its new refresh token, one on node2.
     */
    private Overlap overlapAtARefresh(ClusterNode node1, TomcatNode node2) throws Exception {
        LocalEveSso sso = cluster.sso();
        browser.get(node1.url("/character"));
        long obtained = System.currentTimeMillis();
        String session = browser.cookie(node1.url("/"), "JSESSIONID");
        String before = node2.logins(session).orElseThrow().active().tokens().refreshToken();
        int issued = sso.issuedRefreshTokens().size();
        sleepUntil(obtained + UNTIL_DUE_MILLIS);
        sso.enqueue(Endpoint.ESI, Fault.delay(Duration.ofMillis(1_500)));

        CompletableFuture<Page> slow = CompletableFuture.supplyAsync(() -> browser.getNoFollow(node1.url("/wallet")));
        awaitIssuedRefreshTokens(sso, issued + 1); // node1 has refreshed; its request now waits for ESI
        Page meanwhile = browser.getNoFollow(node2.url("/character"));
        return new Overlap(session, before, issued, slow.get(30, TimeUnit.SECONDS), meanwhile);
    }

    /** A page and the session replication its request caused on the other node. */
    private record Served(Page page, List<Received> replicated) {
        long characterId() {
            return Pages.characterId(page);
        }
    }

    /**
     * One GET of the character page on {@code node}, which must answer it logged in, after exactly {@code refreshes}
     * refreshes at the SSO.
     */
    private Served request(TomcatNode node, String session, int refreshes) {
        int before = cluster.sso().requestCount(Endpoint.TOKEN);
        Page page = browser.getNoFollow(node.url("/character"));
        assertThat(page.status()).as("%s answers logged in (%s)", node.name(), page.header("Location"))
                .isEqualTo(200);
        assertThat(cluster.sso().requestCount(Endpoint.TOKEN) - before).as("refreshes on %s", node.name())
                .isEqualTo(refreshes);
        TomcatNode other = node == cluster.node2() ? cluster.node1InProcess() : cluster.node2();
        assertThat(other.holdsSession(session)).isTrue();
        return new Served(page, other.probe().drain());
    }

    private void switchTo(TomcatNode node, String session, long characterId) {
        Page switched = browser.postNoFollow(node.url("/sso/switch"), Map.of("character", Long.toString(characterId),
                "return", "/character"));
        assertThat(switched.status()).as("switch on %s", node.name()).isBetween(300, 399);
        TomcatNode other = node == cluster.node2() ? cluster.node1InProcess() : cluster.node2();
        assertThat(other.logins(session).map(EveLogins::active).map(EveLogin::character))
                .as("the switch reached the other node").hasValueSatisfying(c -> assertThat(c.id())
                        .isEqualTo(characterId));
        other.probe().drain(); // not counted as a request's
    }

    private void drainProbes() {
        cluster.node1InProcess().probe().drain();
        cluster.node2().probe().drain();
    }

    /** What replication carried, for server-config/tomcat/README.md ("What to size"). */
    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static void awaitIssuedRefreshTokens(LocalEveSso sso, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sso.issuedRefreshTokens().size() < count) {
            assertThat(System.nanoTime()).as("a refresh within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
