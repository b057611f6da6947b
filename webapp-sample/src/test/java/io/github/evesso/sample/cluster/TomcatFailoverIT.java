package io.github.evesso.sample.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.sample.cluster.NodeSpec.ManagerKind;
import io.github.evesso.sample.cluster.TwoNodeCluster.Routing;
import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.RecordedRequest;
import io.github.evesso.testing.TestCharacter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sticky sessions with replication, the set-up {@code server-config/tomcat/cluster-server.xml} documents: each
 * session stays on its node ({@code jvmRoute}) and moves only when that node fails. Node1 runs in a JVM of its own
 * and fails as a server does, with SIGKILL; node2 carries on with the replicated session.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TomcatFailoverIT {
    /** Tokens live 4 s and are refreshed in their last 2 s: a refresh is due 1 s after it was obtained. */
    private static final Duration LIFETIME = Duration.ofSeconds(4);
    private static final Duration REFRESH_WINDOW = Duration.ofSeconds(2);

    @TempDir
    Path work;
    private TwoNodeCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ManagerKind.class)
    void aLoginSurvivesTheCrashOfItsNodeAndTheNextRequestOnTheOtherNodeRefreshesIt(ManagerKind manager)
            throws Exception {
        cluster = TwoNodeCluster.builder().routing(Routing.STICKY).manager(manager).node1InItsOwnJvm(work)
                .tokens(LIFETIME, REFRESH_WINDOW).start();
        LocalEveSso sso = cluster.sso();
        TestCharacter pilot = sso.characters().get(0);
        Browser browser = new Browser();

        Page loggedIn = browser.get(cluster.node1().url("/character"));
        assertThat(loggedIn.status()).isEqualTo(200);
        assertThat(Pages.characterId(loggedIn)).isEqualTo(pilot.id());
        String session = browser.cookie(cluster.node1().url("/"), "JSESSIONID");
        assertThat(session).endsWith(".node1");
        String issuedOnNode1 = sso.issuedRefreshTokens().get(0);
        assertThat(cluster.node2().logins(session)).as("replicated to node2 at the end of the callback")
                .map(logins -> logins.active().tokens().refreshToken()).contains(issuedOnNode1);
        SsoRequests.drain(sso, Endpoint.TOKEN);

        cluster.node1Process().kill();
        Thread.sleep(1_100); // the access token is now due for a refresh

        Page onNode2 = browser.getNoFollow(cluster.node2().url("/character"));
        assertThat(onNode2.status()).as("logged in on node2 without a new login").isEqualTo(200);
        assertThat(Pages.characterId(onNode2)).isEqualTo(pilot.id());
        String moved = browser.cookie(cluster.node2().url("/"), "JSESSIONID");
        assertThat(moved).as("JvmRouteBinderValve gives the session node2's route").isEqualTo(
                session.replace(".node1", ".node2"));
        List<RecordedRequest> refreshes = SsoRequests.drain(sso, Endpoint.TOKEN);
        assertThat(refreshes).as("one refresh, on node2").hasSize(1);
        assertThat(refreshes.get(0).formValue("refresh_token")).as("with the refresh token issued on node1")
                .isEqualTo(issuedOnNode1);
        EveLogins onNode2Now = cluster.node2().logins(moved).orElseThrow();
        assertThat(sso.isRefreshTokenValid(onNode2Now.active().tokens().refreshToken())).isTrue();
        assertThat(browser.getNoFollow(cluster.node2().url("/wallet")).status()).isEqualTo(200);
        assertThat(sso.requestCount(Endpoint.AUTHORIZE)).isEqualTo(1);
        assertThat(sso.reusedRefreshTokens()).isEmpty();
    }

    @Test
    void aLoginStartedOnANodeThatThenCrashesCompletesOnTheOtherNode() throws Exception {
        cluster = TwoNodeCluster.builder().routing(Routing.STICKY).node1InItsOwnJvm(work).start();
        LocalEveSso sso = cluster.sso();
        TestCharacter pilot = sso.characters().get(0);
        Browser browser = new Browser();

        Page toSso = browser.getNoFollow(cluster.node1().url("/wallet"));
        assertThat(toSso.status()).isEqualTo(302);
        assertThat(toSso.header("Location")).startsWith(sso.authorizeUrl());
        Page fromSso = browser.getNoFollow(URI.create(toSso.header("Location")));
        URI callback = URI.create(fromSso.header("Location"));
        assertThat(callback.toString()).as("the public callback URL").startsWith(cluster.node1().url("/sso/callback")
                + "?");

        cluster.node1Process().kill();
        Page landed = browser.get(TwoNodeCluster.onNode(callback, cluster.node2()));

        assertThat(landed.status()).isEqualTo(200);
        assertThat(landed.uri()).as("the page the login started for, on node2").isEqualTo(cluster.node2()
                .url("/wallet"));
        assertThat(landed.body()).contains(pilot.name());
        String session = browser.cookie(cluster.node2().url("/"), "JSESSIONID");
        assertThat(session).as("a new session id (fixation defence), node2's route").endsWith(".node2");
        assertThat(cluster.node2().logins(session)).map(logins -> logins.active().character().id())
                .contains(pilot.id());
        assertThat(sso.requestCount(Endpoint.AUTHORIZE)).isEqualTo(1);
        Page replay = browser.getNoFollow(TwoNodeCluster.onNode(callback, cluster.node2()));
        assertThat(replay.status()).as("the state stays single use on the node that took over")
                .isGreaterThanOrEqualTo(400);
    }

    @Test
    void overlappingRequestsOfOneSessionOnItsOwnNodeRefreshOnceAndTheRotatedTokenReachesTheOtherNode()
            throws Exception {
        cluster = TwoNodeCluster.builder().routing(Routing.STICKY).tokens(LIFETIME, REFRESH_WINDOW).start();
        LocalEveSso sso = cluster.sso();
        Browser browser = new Browser();
        assertThat(browser.get(cluster.node1().url("/character")).status()).isEqualTo(200);
        String session = browser.cookie(cluster.node1().url("/"), "JSESSIONID");
        SsoRequests.drain(sso, Endpoint.TOKEN);
        Thread.sleep(1_100); // due
        // the refresh takes 800 ms at the SSO: the other requests arrive while it runs
        sso.enqueue(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(800)));

        List<Page> pages = Concurrently.run(6, i -> {
            Thread.sleep(i * 50L);
            return browser.getNoFollow(cluster.node1().url("/character"));
        });

        assertThat(pages).extracting(Page::status).containsOnly(200);
        List<RecordedRequest> refreshes = SsoRequests.drain(sso, Endpoint.TOKEN);
        assertThat(refreshes).as("one refresh for six requests").hasSize(1);
        assertThat(sso.reusedRefreshTokens()).isEmpty();
        String current = cluster.node1InProcess().logins(session).orElseThrow().active().tokens().refreshToken();
        assertThat(sso.isRefreshTokenValid(current)).isTrue();
        assertThat(cluster.node2().logins(session)).as("node2's copy holds the rotated refresh token")
                .map(logins -> logins.active().tokens().refreshToken()).contains(current);
    }

    @ParameterizedTest
    @EnumSource(ManagerKind.class)
    void aLogoutOnOneNodeEndsTheSessionOnBothAndRevokesItsRefreshTokenOnce(ManagerKind manager) throws Exception {
        cluster = TwoNodeCluster.builder().routing(Routing.STICKY).manager(manager).start();
        LocalEveSso sso = cluster.sso();
        Browser browser = new Browser();
        assertThat(browser.get(cluster.node1().url("/character")).status()).isEqualTo(200);
        String session = browser.cookie(cluster.node1().url("/"), "JSESSIONID");
        String refreshToken = sso.issuedRefreshTokens().get(0);
        assertThat(cluster.node2().holdsSession(session)).isTrue();

        Page out = browser.postNoFollow(cluster.node1().url("/sso/logout"), Map.of());

        assertThat(out.status()).isEqualTo(303);
        assertThat(cluster.node2().holdsSession(session)).as("expired on node2 too").isFalse();
        assertThat(sso.takeRequest(Endpoint.REVOKE).formValue("token")).isEqualTo(refreshToken);
        assertThat(sso.takeRequest(Endpoint.REVOKE, Duration.ofMillis(500)))
                .as("node2 does not end the login a second time").isNull();
        assertThat(sso.revokedTokens()).containsExactly(refreshToken);
        Page onNode2 = browser.getNoFollow(cluster.node2().url("/character"));
        assertThat(onNode2.status()).as("not logged in on node2 either").isEqualTo(302);
        assertThat(onNode2.header("Location")).startsWith(sso.authorizeUrl());
    }

    @Test
    void onAStickyNodeReplicationCarriesTheLoginAtLoginAndRefreshAndOnlyTomcatsOwnDeltaOtherwise() throws Exception {
        cluster = TwoNodeCluster.builder().routing(Routing.STICKY).tokens(LIFETIME, REFRESH_WINDOW).start();
        TomcatNode node1 = cluster.node1InProcess();
        ReplicationProbe atNode2 = cluster.node2().probe();
        Browser browser = new Browser();
        ReplicationReport report = new ReplicationReport("DELTA, sticky, one character");
        atNode2.drain();

        browser.get(node1.url("/character")); // to the SSO and back: the callback logs in
        report.add("a login (three requests)", atNode2.drain());
        String session = browser.cookie(node1.url("/"), "JSESSIONID");
        for (int i = 0; i < 3; i++) {
            assertThat(browser.getNoFollow(node1.url("/character")).status()).isEqualTo(200);
            report.add("a request without a change", atNode2.drain());
        }
        Thread.sleep(1_100); // due
        assertThat(browser.getNoFollow(node1.url("/character")).status()).isEqualTo(200);
        report.add("a request with a refresh", atNode2.drain());
        int attributeBytes = node1.loginAttributeBytes(session);
        assertThat(browser.postNoFollow(node1.url("/sso/logout"), Map.of()).status()).isEqualTo(303);
        report.add("a logout", atNode2.drain());

        report.print(attributeBytes, node1.framingBytes());
        assertThat(cluster.sso().requestCount(Endpoint.TOKEN)).as("the code exchange and one refresh").isEqualTo(2);
        assertThat(report.largest("a request without a change")).as("Tomcat's own delta (isNew), nothing of the"
                + " library's").isLessThan(1_024);
        assertThat(report.largest("a request with a refresh")).as("the login once more").isLessThan(4_096);
    }
}
