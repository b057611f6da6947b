package io.github.evesso.sample.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.evesso.sample.PayaraMicro;
import io.github.evesso.sample.SampleApp;
import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.RecordedRequest;
import io.github.evesso.testing.TestCharacter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Payara Micro instances of the sample's {@code -payara} WAR (distributable) clustered over 127.0.0.1 with the
 * Data Grid options of {@code server-config/payara/README.md} ("Clustering"): Hazelcast replicates the sessions.
 * Instance A, where the user logs in, dies with SIGKILL; instance B carries on. Runs with {@code -Ppayara-micro};
 * skipped otherwise.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PayaraClusterIT {
    /** Tokens live 4 s and are refreshed in their last 2 s: due 1 s after they were obtained. */
    private static final Duration LIFETIME = Duration.ofSeconds(4);

    @TempDir
    Path work;
    private final List<PayaraMicro> instances = new ArrayList<>();
    private LocalEveSso sso;

    @AfterEach
    void tearDown() {
        instances.forEach(PayaraMicro::close);
        if (sso != null) {
            sso.close();
        }
    }

    @Test
    void aLoginOnAnInstanceThatCrashesContinuesOnTheOtherAndRefreshesThere() throws Exception {
        assumeTrue(PayaraMicro.jar() != null, "Payara Micro not fetched: run with -Ppayara-micro");
        int[] ports = TwoNodeCluster.freePorts(4); // HTTP A, B; Data Grid A, B
        URI a = URI.create("http://localhost:" + ports[0]);
        URI b = URI.create("http://localhost:" + ports[1]);
        String callback = a + "/sso/callback";
        sso = LocalEveSso.builder().client(SampleApp.CLIENT_ID, SampleApp.CLIENT_SECRET, callback)
                .tokenLifetime(LIFETIME).build().start();
        Map<String, String> environment = PayaraMicro.environment(sso, callback);
        environment.put("EVE_SSO_REFRESH_WINDOW", "2s");
        String members = "tcpip:127.0.0.1:" + ports[2] + ",127.0.0.1:" + ports[3];
        PayaraMicro instanceA = start("A", ports[0], ports[2], members, environment);
        PayaraMicro instanceB = start("B", ports[1], ports[3], members, environment);
        instanceB.awaitLog("DG Size: 2", Duration.ofSeconds(60)); // B has joined A's Data Grid
        TestCharacter pilot = sso.characters().get(0);
        Browser browser = new Browser();

        Page loggedIn = browser.get(a.resolve("/character"));
        assertThat(Pages.characterId(loggedIn)).isEqualTo(pilot.id());
        assertThat(browser.getNoFollow(a.resolve("/wallet")).status()).isEqualTo(200);
        String refreshTokenOnA = sso.issuedRefreshTokens().get(sso.issuedRefreshTokens().size() - 1);
        SsoRequests.drain(sso, Endpoint.TOKEN);
        Thread.sleep(1_100); // the access token is due for a refresh
        instanceA.kill();

        Page onB = browser.getNoFollow(b.resolve("/character"));
        assertThat(onB.status()).as("logged in on B without a new login").isEqualTo(200);
        assertThat(Pages.characterId(onB)).isEqualTo(pilot.id());
        List<RecordedRequest> refreshes = SsoRequests.drain(sso, Endpoint.TOKEN);
        assertThat(refreshes).as("one refresh, on B, with A's latest refresh token").singleElement()
                .satisfies(r -> assertThat(r.formValue("refresh_token")).isEqualTo(refreshTokenOnA));
        assertThat(browser.getNoFollow(b.resolve("/wallet")).status()).isEqualTo(200);
        assertThat(sso.reusedRefreshTokens()).isEmpty();
        assertThat(sso.requestCount(Endpoint.AUTHORIZE)).isEqualTo(1);

        Page out = browser.postNoFollow(b.resolve("/sso/logout"), Map.of());
        assertThat(out.status()).isEqualTo(303);
        assertThat(sso.revokedTokens()).as("the refresh token B obtained").containsExactly(
                sso.issuedRefreshTokens().get(sso.issuedRefreshTokens().size() - 1));
        assertThat(instanceB.log()).doesNotContain(SampleApp.CLIENT_SECRET);
    }

    /** One instance of the Data Grid {@code members}, on {@code dataGridPort}; started after the previous one. */
    private PayaraMicro start(String name, int httpPort, int dataGridPort, String members,
            Map<String, String> environment) {
        PayaraMicro instance = PayaraMicro.start(work.resolve(name), "payara-cluster-" + name + ".log", httpPort,
                List.of("--name", name, "--clustermode", members, "--interfaces", "127.0.0.1", "--startport",
                        Integer.toString(dataGridPort), "--disablephonehome"), environment);
        instances.add(instance);
        return instance;
    }
}
