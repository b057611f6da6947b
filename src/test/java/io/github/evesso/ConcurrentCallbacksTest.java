package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.catalina.Session;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two logins of one session (two tabs) whose callbacks complete at the same moment: whichever is stored last wins,
 * and the one it replaces is revoked, so no live grant is left behind that no session holds.
 */
class ConcurrentCallbacksTest {
    private static final int ROUNDS = 5;

    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();

    /** The callback URL (code and state) the SSO sends the browser to for a login started now. */
    private URI callbackOfANewLogin() {
        Page start = browser.getNoFollow(scenario.url("/sso/login"));
        assertThat(start.status()).isEqualTo(302);
        Page answer = browser.getNoFollow(URI.create(start.header("Location")));
        assertThat(answer.status()).as("SSO answer").isEqualTo(302);
        return URI.create(answer.header("Location"));
    }

    /** The refresh tokens of the logins the application's sessions hold. */
    private Set<String> heldBySessions() {
        Set<String> held = new HashSet<>();
        for (Session session : scenario.app.sessionManager().findSessions()) {
            EveLogins logins = SessionLogin.current(session.getSession());
            if (logins != null) {
                logins.all().stream().filter(login -> !login.isEnded())
                        .forEach(login -> held.add(login.tokens().refreshToken()));
            }
        }
        return held;
    }

    @Test
    @Timeout(60)
    void twoCallbacksOfOneSessionCompletingAtOnceLeaveExactlyOneLiveGrant() throws Exception {
        scenario = Scenario.start();
        scenario.logIn(browser);
        // both code exchanges take as long, so that both logins reach the session at about the same time
        scenario.sso.failUntilCleared(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(200)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<URI> callbacks = List.of(callbackOfANewLogin(), callbackOfANewLogin());
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Page>> answers = new ArrayList<>();
                for (URI callback : callbacks) {
                    answers.add(pool.submit(() -> {
                        go.await(10, TimeUnit.SECONDS);
                        return browser.getNoFollow(callback);
                    }));
                }
                go.countDown();
                for (Future<Page> answer : answers) {
                    assertThat(answer.get(30, TimeUnit.SECONDS).status()).isIn(302, 400);
                }

                Set<String> live = scenario.sso.issuedRefreshTokens().stream()
                        .filter(scenario.sso::isRefreshTokenValid).collect(Collectors.toSet());
                assertThat(live).as("round %d: every live grant is held by a session", round)
                        .isEqualTo(heldBySessions());
            }
        } finally {
            pool.shutdownNow();
        }
        // (which of the two answers' session cookies the browser keeps is a race of its own: not asserted)
    }
}
