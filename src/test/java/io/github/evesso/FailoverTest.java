package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.internal.login.PendingLogin;
import io.github.evesso.internal.login.PendingLogins;
import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.support.Serialization;
import io.github.evesso.support.TestApp;
import io.github.evesso.support.TestClock;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.RecordedRequest;
import io.github.evesso.testing.TestCharacter;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.catalina.Session;
import org.apache.catalina.session.FileStore;
import org.apache.catalina.session.PersistentManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several application servers sharing sessions: embedded Tomcat nodes on 127.0.0.1 whose {@link PersistentManager}s
 * share one {@link FileStore} directory ({@code saveOnRestart}), so that a stopped node's sessions are picked up by
 * the other node or by its own successor.
 *
 * <p>The load balancer is simulated: the browser talks to node A, then A is stopped and the browser talks to node B
 * (cookies are per host, not per port, so the same {@code JSESSIONID} goes to both). Both nodes are configured with
 * the same public callback URL, A's, which is the one registered at the SSO; a callback the SSO sends to that URL while
 * A is down is delivered to B with the same {@code code} and {@code state}, as a load balancer would.
 */
class FailoverTest {
    /** Far enough into a 20-minute token's life to be in the default 60 s refresh window. */
    private static final Duration INTO_REFRESH_WINDOW = Duration.ofMinutes(19).plusSeconds(30);

    @TempDir
    Path store;

    private final TestClock clock = new TestClock();
    private final List<TestApp> running = new ArrayList<>();
    private LocalEveSso sso;

    @BeforeEach
    void startSso() {
        sso = LocalEveSso.builder().clock(clock).build().start();
    }

    @AfterEach
    void stopAll() {
        try {
            for (TestApp node : running) {
                node.close();
            }
        } finally {
            sso.close();
        }
    }

    @Test
    void aLoginSurvivesTheFailureOfItsNodeAndKeepsRefreshingOnTheOther() throws IOException {
        TestApp a = node(b -> {
        });
        TestApp b = node(cfg -> cfg.callbackUrl(a.callbackUrl()));
        registerPublicCallback(a);
        TestCharacter pilot = sso.characters().get(0);
        Browser browser = new Browser();

        Page onA = browser.get(a.url("/protected/home"));
        assertThat(onA.status()).isEqualTo(200);
        assertThat(onA.line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
        String sessionId = browser.cookie(a.url("/"), "JSESSIONID");
        assertThat(sessionId).isNotNull();
        assertThat(browser.cookie(b.url("/"), "JSESSIONID")).as("cookies are per host, not per port")
                .isEqualTo(sessionId);
        Set<Class<?>> stored = librarySessionClasses(a);
        assertThat(stored).contains(EveLogins.class, EveLogin.class, EveCharacter.class)
                .as("no empty pending-logins list after the callback").doesNotContain(PendingLogins.class);

        stop(a);
        assertThat(storedSessions()).as("session files written on stop").isPositive();

        Page onB = browser.get(b.url("/protected/home"));
        assertThat(onB.status()).isEqualTo(200);
        assertThat(onB.redirects()).as("no new login").isEmpty();
        assertThat(onB.line("principal")).isEqualTo(onA.line("principal"));
        assertThat(onB.line("remoteUser")).isEqualTo(pilot.name());
        assertThat(onB.line("owner")).isEqualTo(onA.line("owner"));
        assertThat(onB.line("scopes")).isEqualTo(onA.line("scopes"));
        assertThat(onB.line("token")).isEqualTo(onA.line("token"));
        assertThat(onB.line("refreshToken")).isEqualTo(onA.line("refreshToken"));
        assertThat(sso.requestCount(Endpoint.AUTHORIZE)).isEqualTo(1);
        String issuedOnA = sso.issuedRefreshTokens().get(0);
        drain(Endpoint.TOKEN);

        clock.advance(INTO_REFRESH_WINDOW);
        Page refreshed = browser.get(b.url("/protected/home"));
        Page after = browser.get(b.url("/protected/other"));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.line("principal")).isEqualTo(onA.line("principal"));
        assertThat(refreshed.line("token")).isNotEqualTo(onA.line("token"));
        assertThat(refreshed.line("refreshToken")).isNotEqualTo(onA.line("refreshToken"));
        assertThat(after.line("token")).isEqualTo(refreshed.line("token"));
        List<RecordedRequest> refreshes = drain(Endpoint.TOKEN);
        assertThat(refreshes).as("exactly one refresh, on B").hasSize(1);
        assertThat(refreshes.get(0).formValue("grant_type")).isEqualTo("refresh_token");
        assertThat(refreshes.get(0).formValue("refresh_token")).as("the refresh token issued on A")
                .isEqualTo(issuedOnA);
        assertThat(sso.isRefreshTokenValid(issuedOnA)).isFalse();

        // B fails too: its successor gets the rotated tokens, not the dead ones A stored
        stop(b);
        TestApp c = node(cfg -> cfg.callbackUrl(a.callbackUrl()));
        registerPublicCallback(a);
        Page onC = browser.get(c.url("/protected/home"));
        assertThat(onC.status()).isEqualTo(200);
        assertThat(onC.redirects()).isEmpty();
        assertThat(onC.line("token")).isEqualTo(refreshed.line("token"));
        assertThat(onC.line("refreshToken")).isEqualTo(refreshed.line("refreshToken"));
        clock.advance(INTO_REFRESH_WINDOW);
        Page refreshedOnC = browser.get(c.url("/protected/home"));
        assertThat(refreshedOnC.status()).isEqualTo(200);
        assertThat(refreshedOnC.redirects()).as("refreshed, not logged in anew").isEmpty();
        assertThat(refreshedOnC.line("token")).isNotEqualTo(refreshed.line("token"));
        assertThat(drain(Endpoint.TOKEN)).hasSize(1);
        assertThat(sso.requestCount(Endpoint.AUTHORIZE)).isEqualTo(1);
    }

    @Test
    void aLoginStartedOnOneNodeCompletesOnTheOther() throws IOException {
        TestApp a = node(b -> {
        });
        TestApp b = node(cfg -> cfg.callbackUrl(a.callbackUrl()));
        registerPublicCallback(a);
        TestCharacter pilot = sso.characters().get(0);
        Browser browser = new Browser();

        Page toSso = browser.getNoFollow(a.url("/protected/report?month=7"));
        assertThat(toSso.status()).isEqualTo(302);
        assertThat(librarySessionClasses(a)).contains(PendingLogins.class, PendingLogin.class);
        Page fromSso = browser.getNoFollow(URI.create(toSso.header("Location")));
        assertThat(fromSso.status()).isEqualTo(302);
        URI callback = URI.create(fromSso.header("Location"));
        assertThat(callback.toString()).startsWith(a.callbackUrl() + "?");

        stop(a);
        Page landed = browser.get(onNode(callback, b));

        assertThat(landed.status()).isEqualTo(200);
        assertThat(landed.uri()).isEqualTo(b.url("/protected/report?month=7"));
        assertThat(landed.line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
        assertThat(landed.line("refreshToken")).isNotBlank();
        assertThat(browser.get(b.url("/protected/home")).line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
        assertThat(sso.requestCount(Endpoint.AUTHORIZE)).isEqualTo(1);

        Page replay = browser.get(onNode(callback, b));
        assertThat(replay.status()).as("the state stays single use across nodes").isGreaterThanOrEqualTo(400);
        assertThat(replay.body()).doesNotContain(TestApp.CLIENT_SECRET);
    }

    @Test
    void aRestartedNodeKeepsItsUsersLoggedIn() throws IOException {
        TestApp first = node(b -> {
        });
        TestCharacter aura = sso.characters().get(0);
        TestCharacter kestrel = sso.characters().get(1);
        Browser one = new Browser();
        Browser two = new Browser();
        Page oneBefore = one.get(first.url("/protected/home"));
        sso.nextLoginAs(kestrel.id());
        Page twoBefore = two.get(first.url("/protected/home"));
        assertThat(oneBefore.line("principal")).isEqualTo(aura.id() + ":" + aura.name());
        assertThat(twoBefore.line("principal")).isEqualTo(kestrel.id() + ":" + kestrel.name());
        int tokenCalls = sso.requestCount(Endpoint.TOKEN);

        stop(first);
        assertThat(storedSessions()).isEqualTo(2);
        TestApp restarted = node(b -> {
        });

        Page oneAfter = one.get(restarted.url("/protected/home"));
        Page twoAfter = two.get(restarted.url("/protected/home"));
        assertThat(oneAfter.status()).isEqualTo(200);
        assertThat(oneAfter.redirects()).isEmpty();
        assertThat(oneAfter.line("principal")).isEqualTo(oneBefore.line("principal"));
        assertThat(oneAfter.line("token")).isEqualTo(oneBefore.line("token"));
        assertThat(twoAfter.status()).isEqualTo(200);
        assertThat(twoAfter.redirects()).isEmpty();
        assertThat(twoAfter.line("principal")).isEqualTo(twoBefore.line("principal"));
        assertThat(twoAfter.line("token")).isEqualTo(twoBefore.line("token"));
        assertThat(sso.requestCount(Endpoint.TOKEN)).as("no new code exchange nor refresh").isEqualTo(tokenCalls);
        assertThat(sso.requestCount(Endpoint.AUTHORIZE)).isEqualTo(2);
    }

    /** A node on a new Tomcat whose sessions live in the shared store. */
    private TestApp node(Consumer<EveSsoConfig.Builder> config) {
        TestApp node = TestApp.start(sso, clock, config, (connector, context) -> {
            FileStore fileStore = new FileStore();
            fileStore.setDirectory(store.toAbsolutePath().toString());
            PersistentManager manager = new PersistentManager();
            manager.setStore(fileStore);
            manager.setSaveOnRestart(true);
            context.setManager(manager);
        });
        running.add(node);
        return node;
    }

    /** The SSO redirects to the public callback URL: node A's, which both nodes are configured with. */
    private void registerPublicCallback(TestApp a) {
        sso.registerClient(TestApp.CLIENT_ID, TestApp.CLIENT_SECRET, a.callbackUrl().toString());
    }

    /** Stops a node as a failing or restarting server does: its sessions are written to the store. */
    private void stop(TestApp node) {
        running.remove(node);
        node.close();
    }

    /** What a load balancer does: the same request, served by {@code node}. */
    private static URI onNode(URI url, TestApp node) {
        return URI.create(url.toString().replaceFirst("^http://localhost:\\d+/", "http://localhost:" + node.port() + "/"));
    }

    private long storedSessions() throws IOException {
        try (Stream<Path> files = Files.list(store)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".session")).count();
        }
    }

    private List<RecordedRequest> drain(Endpoint endpoint) {
        return Stream.generate(() -> sso.pollRequest(endpoint)).takeWhile(Optional::isPresent).map(Optional::get)
                .toList();
    }

    /**
     * The library's classes among what the node's sessions serialize; asserts that each is serializable with a fixed
     * {@code serialVersionUID}, so that a stored session survives a redeploy of a compatible version.
     */
    private static Set<Class<?>> librarySessionClasses(TestApp node) {
        Set<Class<?>> library = new LinkedHashSet<>();
        for (Session session : node.sessionManager().findSessions()) {
            HttpSession http = session.getSession();
            for (String name : Collections.list(http.getAttributeNames())) {
                for (Class<?> type : Serialization.classesIn(http.getAttribute(name))) {
                    if (type.getName().startsWith("io.github.evesso.")) {
                        library.add(type);
                    }
                }
            }
        }
        assertThat(library).allSatisfy(type -> assertThat(Serialization.declaresSerialVersionUid(type))
                .as(type.getName() + " declares serialVersionUID").isTrue());
        return library;
    }
}
