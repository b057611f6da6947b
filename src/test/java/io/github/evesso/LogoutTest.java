package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.support.Browser;
import io.github.evesso.support.EchoServlet;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.support.TestApp;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.RecordedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logging out on {@code /sso/logout}: POST revokes the refresh token at the SSO, invalidates the session and
 * redirects (303) to the post-logout URL; GET is refused (405) unless allowed; a failing revocation never blocks the
 * logout.
 */
class LogoutTest {
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((TestApp.CLIENT_ID + ":" + TestApp.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));

    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();


    private Page logout() {
        return browser.postNoFollow(scenario.url("/sso/logout"), Map.of());
    }

    /** The user is logged out: the session has no login and a protected page sends the browser to the SSO. */
    private void assertLoggedOut() {
        Page pub = browser.getNoFollow(scenario.url("/public/x"));
        assertThat(pub.status()).isEqualTo(200);
        assertThat(pub.line("sessionCharacter")).isEmpty();
        assertThat(pub.line("principal")).isEmpty();
        Page page = browser.getNoFollow(scenario.url("/protected/home"));
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).startsWith(scenario.sso.authorizeUrl() + "?");
    }

    private URI location(Page page) {
        return page.uri().resolve(page.header("Location"));
    }

    @Test
    void postRevokesTheRefreshTokenInvalidatesTheSessionAndRedirects() {
        scenario = Scenario.start();
        Page login = scenario.logIn(browser);
        String sessionBefore = browser.cookie(scenario.url("/"), "JSESSIONID");

        Page page = logout();

        assertThat(page.status()).isEqualTo(303);
        assertThat(location(page)).isEqualTo(scenario.url("/"));
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.body()).doesNotContain(TestApp.CLIENT_SECRET);

        assertThat(scenario.sso.revokedTokens()).hasSize(1);
        String revoked = scenario.sso.revokedTokens().get(0);
        assertThat(EchoServlet.fingerprint(revoked)).isEqualTo(login.line("refreshToken"));
        assertThat(scenario.sso.isRefreshTokenValid(revoked)).isFalse();
        RecordedRequest revoke = scenario.sso.takeRequest(Endpoint.REVOKE);
        assertThat(revoke.method()).isEqualTo("POST");
        assertThat(revoke.header("Authorization")).isEqualTo(BASIC);
        assertThat(revoke.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(revoke.formValue("token_type_hint")).isEqualTo("refresh_token");
        assertThat(revoke.formValue("token")).isEqualTo(revoked);

        assertLoggedOut();
        assertThat(browser.cookie(scenario.url("/"), "JSESSIONID")).isNotEqualTo(sessionBefore);
    }

    @Test
    void defaultPostLogoutPageIsTheRootWhichIsProtectedSoTheBrowserGoesToTheSso() {
        scenario = Scenario.start();
        scenario.logIn(browser);

        Page logout = logout();
        Page root = browser.getNoFollow(location(logout));

        assertThat(location(logout)).isEqualTo(scenario.url("/"));
        assertThat(root.status()).isEqualTo(302);
        assertThat(root.header("Location")).startsWith(scenario.sso.authorizeUrl() + "?");
    }

    @Test
    void postLogoutUrlIsConfigurable() {
        scenario = Scenario.start(b -> b.postLogoutUrl("/public/bye"));
        scenario.logIn(browser);

        Page page = browser.post(scenario.url("/sso/logout"), Map.of());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.uri()).isEqualTo(scenario.url("/public/bye"));
        assertThat(page.line("path")).isEqualTo("/public/bye");
        assertThat(page.line("sessionCharacter")).isEmpty();
        assertThat(scenario.sso.revokedTokens()).hasSize(1);
        assertLoggedOut();
    }

    @Test
    void getOnTheLogoutPathIsRefusedAndTheUserStaysLoggedIn() {
        scenario = Scenario.start();
        Page login = scenario.logIn(browser);

        Page page = browser.getNoFollow(scenario.url("/sso/logout"));

        assertThat(page.status()).isEqualTo(405);
        assertThat(page.header("Allow")).isEqualTo("POST");
        assertThat(page.body()).contains("method_not_allowed").doesNotContain(TestApp.CLIENT_SECRET)
                .doesNotContain("Exception");
        assertThat(scenario.sso.requestCount(Endpoint.REVOKE)).isZero();
        assertThat(scenario.sso.revokedTokens()).isEmpty();

        Page home = browser.getNoFollow(scenario.url("/protected/home"));
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.line("principal")).isEqualTo(login.line("principal"));
        assertThat(home.line("token")).isEqualTo(login.line("token"));
    }

    @Test
    void getLogsOutWhenAllowed() {
        scenario = Scenario.start(b -> b.logoutAllowGet(true));
        scenario.logIn(browser);

        Page page = browser.getNoFollow(scenario.url("/sso/logout"));

        assertThat(page.status()).isEqualTo(303);
        assertThat(location(page)).isEqualTo(scenario.url("/"));
        assertThat(scenario.sso.revokedTokens()).hasSize(1);
        assertLoggedOut();
    }

    @Test
    void otherMethodsAreRefusedEvenWhenGetIsAllowed() {
        scenario = Scenario.start(b -> b.logoutAllowGet(true));
        scenario.logIn(browser);

        Page page = browser.send(java.net.http.HttpRequest.newBuilder(scenario.url("/sso/logout"))
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.noBody()), scenario.url("/sso/logout"));

        assertThat(page.status()).isEqualTo(405);
        assertThat(page.header("Allow")).isEqualTo("GET, POST");
        assertThat(browser.getNoFollow(scenario.url("/protected/home")).status()).isEqualTo(200);
    }

    static Stream<Arguments> revokeFailures() {
        return Stream.of(Arguments.of("500", Fault.status(500)), Arguments.of("503", Fault.status(503)),
                Arguments.of("disconnect", Fault.disconnect()),
                Arguments.of("invalid_client", Fault.error(401, "invalid_client", "Unknown client")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("revokeFailures")
    void failingRevocationDoesNotBlockTheLogout(String name, Fault fault) {
        scenario = Scenario.start();
        scenario.logIn(browser);
        scenario.sso.failUntilCleared(Endpoint.REVOKE, fault);

        Page page = logout();

        assertThat(page.status()).isEqualTo(303);
        assertThat(location(page)).isEqualTo(scenario.url("/"));
        assertThat(page.body()).doesNotContain(TestApp.CLIENT_SECRET);
        assertThat(scenario.sso.requestCount(Endpoint.REVOKE)).isEqualTo(1);
        assertLoggedOut();
    }

    @Test
    void logoutWithoutALoginJustRedirects() {
        scenario = Scenario.start();

        Page page = logout();

        assertThat(page.status()).isEqualTo(303);
        assertThat(location(page)).isEqualTo(scenario.url("/"));
        assertThat(scenario.sso.requestCount(Endpoint.REVOKE)).isZero();
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertThat(scenario.app.activeSessions()).isZero(); // no session created for nothing
    }

    @Test
    void noScopeLoginLogsOutWithoutCallingTheRevokeEndpoint() {
        scenario = Scenario.start(b -> b.scopes(List.of()));
        scenario.logIn(browser);

        Page page = logout();

        assertThat(page.status()).isEqualTo(303);
        assertThat(scenario.sso.requestCount(Endpoint.REVOKE)).isZero();
        assertLoggedOut();
    }

    @Test
    void logoutAfterARefreshRevokesTheRotatedRefreshToken() {
        scenario = Scenario.start();
        Page login = scenario.logIn(browser);
        scenario.clock.advance(Duration.ofMinutes(20).minusSeconds(30));
        Page refreshed = browser.getNoFollow(scenario.url("/protected/home"));
        assertThat(refreshed.line("refreshToken")).isNotEqualTo(login.line("refreshToken"));

        logout();

        assertThat(scenario.sso.revokedTokens()).hasSize(1);
        assertThat(EchoServlet.fingerprint(scenario.sso.revokedTokens().get(0)))
                .isEqualTo(refreshed.line("refreshToken"));
        assertLoggedOut();
    }

    @Test
    @Timeout(60)
    void logoutWaitsForARefreshInFlightAndRevokesTheRotatedRefreshToken() throws Exception {
        scenario = Scenario.start();
        Page login = scenario.logIn(browser);
        scenario.sso.takeRequest(Endpoint.TOKEN); // the code exchange
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.delay(Duration.ofSeconds(2)));
        scenario.clock.advance(Duration.ofMinutes(20).minusSeconds(30));

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Page> refreshing = pool.submit(() -> browser.getNoFollow(scenario.url("/protected/home")));
            // the refresh has reached the SSO, which answers 2 s later: log out meanwhile
            assertThat(scenario.sso.takeRequest(Endpoint.TOKEN, Duration.ofSeconds(10))).isNotNull();
            Page logout = logout();
            Page refreshed = refreshing.get(30, TimeUnit.SECONDS);

            assertThat(logout.status()).isEqualTo(303);
            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(refreshed.line("refreshToken")).isNotEqualTo(login.line("refreshToken"));
            // the logout waited for the refresh, then revoked the token it rotated to: no live grant is left
            // behind (the real SSO may have rotated before the revoke arrives, whatever the local one does)
            assertThat(scenario.sso.revokedTokens()).hasSize(1);
            assertThat(EchoServlet.fingerprint(scenario.sso.revokedTokens().get(0)))
                    .isEqualTo(refreshed.line("refreshToken"));
        } finally {
            pool.shutdownNow();
        }
        assertLoggedOut();
    }
}
