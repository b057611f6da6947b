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
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
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
 * The auto-refreshing access token, end to end: when the filter refreshes (ahead of expiry, within the refresh
 * window), refresh-token rotation, what a refused grant does (the login ends), what an unavailable SSO does (keep
 * the current token, back off, 503 only once the token has really expired), and one refresh per login under
 * concurrency. Time moves only through {@link Scenario#clock}.
 */
class TokenRefreshTest {
    /** The local SSO's default access token lifetime. */
    private static final Duration LIFETIME = Duration.ofMinutes(20);
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((TestApp.CLIENT_ID + ":" + TestApp.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));

    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();


    /** Logs in and consumes the code exchange's recorded request. */
    private Page logIn(Browser b) {
        Page page = scenario.logIn(b);
        RecordedRequest exchange = scenario.sso.takeRequest(Endpoint.TOKEN);
        assertThat(exchange.formValue("grant_type")).isEqualTo("authorization_code");
        return page;
    }

    private Page home() {
        return browser.getNoFollow(scenario.url("/protected/home"));
    }

    private int tokenCalls() {
        return scenario.sso.requestCount(Endpoint.TOKEN);
    }

    /** Moves the clock to {@code before} the expiry of the token shown on {@code page}. */
    private void advanceToBeforeExpiry(Page page, Duration before) {
        Instant expiresAt = Instant.parse(page.line("expiresAt"));
        scenario.clock.advance(Duration.between(scenario.clock.instant(), expiresAt.minus(before)));
    }

    private static void assertClean(Page page) {
        assertThat(page.body()).doesNotContain(TestApp.CLIENT_SECRET).doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void noRefreshWhileTheTokenIsFresh() {
        scenario = Scenario.start();
        Page login = logIn(browser);
        int calls = tokenCalls();

        // just outside the 60 s window of the token's expiry: now + expires_in (the lifetime less 1 s, as EVE sends)
        scenario.clock.advance(LIFETIME.minusSeconds(62));
        Page page = home();

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.line("token")).isEqualTo(login.line("token"));
        assertThat(page.line("expiresAt")).isEqualTo(login.line("expiresAt"));
        assertThat(tokenCalls()).isEqualTo(calls);
    }

    @Test
    void refreshesAheadOfExpiryWithBasicAuthAndTheRequestSeesTheNewToken() {
        scenario = Scenario.start();
        Page login = logIn(browser);
        int calls = tokenCalls();

        advanceToBeforeExpiry(login, Duration.ofSeconds(30));
        Page page = home();

        assertThat(page.status()).isEqualTo(200);
        assertThat(tokenCalls()).isEqualTo(calls + 1);
        RecordedRequest refresh = scenario.sso.takeRequest(Endpoint.TOKEN);
        assertThat(refresh.method()).isEqualTo("POST");
        assertThat(refresh.header("Authorization")).isEqualTo(BASIC);
        assertThat(refresh.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(refresh.formValue("grant_type")).isEqualTo("refresh_token");
        assertThat(refresh.form()).doesNotContainKey("client_secret");
        assertThat(page.line("token")).isNotBlank().isNotEqualTo(login.line("token"));
        assertThat(Instant.parse(page.line("expiresAt"))).as("now + expires_in, which is 1 s before exp")
                .isEqualTo(scenario.clock.instant().plus(LIFETIME).minusSeconds(1));
        assertThat(page.line("principal")).isEqualTo(login.line("principal"));

        Page again = home(); // the refreshed token is kept: no second refresh
        assertThat(again.line("token")).isEqualTo(page.line("token"));
        assertThat(tokenCalls()).isEqualTo(calls + 1);
    }

    @Test
    void refreshSendsTheLoginsRefreshTokenAndStoresTheRotatedOne() {
        scenario = Scenario.start();
        Page login = logIn(browser);

        advanceToBeforeExpiry(login, Duration.ofSeconds(30));
        Page page = home();

        String sent = scenario.sso.takeRequest(Endpoint.TOKEN).formValue("refresh_token");
        assertThat(EchoServlet.fingerprint(sent)).isEqualTo(login.line("refreshToken"));
        assertThat(scenario.sso.isRefreshTokenValid(sent)).isFalse();
        assertThat(page.line("refreshToken")).isNotBlank().isNotEqualTo(login.line("refreshToken"));

        // the next refresh uses the rotated token, and succeeds
        advanceToBeforeExpiry(page, Duration.ofSeconds(30));
        Page next = home();
        assertThat(next.status()).isEqualTo(200);
        String sentNext = scenario.sso.takeRequest(Endpoint.TOKEN).formValue("refresh_token");
        assertThat(EchoServlet.fingerprint(sentNext)).isEqualTo(page.line("refreshToken"));
        assertThat(next.line("token")).isNotEqualTo(page.line("token"));
    }

    @Test
    void rotatedRefreshTokenIsKeptWhenTheRefreshedAccessTokenFailsValidation() {
        scenario = Scenario.start();
        Page login = logIn(browser);
        String forged = scenario.sso.jwt().signWithUnpublishedKey(scenario.sso.jwt()
                .standardClaims(scenario.sso.characters().get(0), TestApp.CLIENT_ID, TestApp.SCOPES).build());
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.accessToken(forged));

        advanceToBeforeExpiry(login, Duration.ofSeconds(30));
        Page page = home();

        assertThat(page.status()).isEqualTo(200); // the current token is still valid: no logout
        assertThat(page.line("token")).isEqualTo(login.line("token"));
        String first = scenario.sso.takeRequest(Endpoint.TOKEN).formValue("refresh_token");
        assertThat(scenario.sso.isRefreshTokenValid(first)).isFalse(); // the SSO rotated it
        assertThat(page.line("refreshToken")).isNotEqualTo(login.line("refreshToken"));

        scenario.clock.advance(Duration.ofSeconds(10)); // past the first back-off, still before expiry
        Page retried = home();
        assertThat(retried.status()).isEqualTo(200);
        String second = scenario.sso.takeRequest(Endpoint.TOKEN).formValue("refresh_token");
        assertThat(EchoServlet.fingerprint(second)).isEqualTo(page.line("refreshToken"));
        assertThat(retried.line("token")).isNotEqualTo(login.line("token"));
    }

    @Test
    void refreshWindowIsConfigurable() {
        scenario = Scenario.start(b -> b.refreshWindow(Duration.ofMinutes(5)));
        Page login = logIn(browser);
        int calls = tokenCalls();

        advanceToBeforeExpiry(login, Duration.ofMinutes(5).plusSeconds(1));
        assertThat(home().line("token")).isEqualTo(login.line("token"));
        assertThat(tokenCalls()).isEqualTo(calls);

        scenario.clock.advance(Duration.ofSeconds(2)); // 4 min 59 s before expiry
        Page page = home();
        assertThat(tokenCalls()).isEqualTo(calls + 1);
        assertThat(page.line("token")).isNotEqualTo(login.line("token"));
    }

    static Stream<Arguments> revocations() {
        return Stream.of(
                Arguments.of("invalid_grant", Fault.invalidGrant()),
                Arguments.of("invalid_grant with text",
                        Fault.error(400, "invalid_grant: Token is expired or invalid.", "Token is expired or invalid.")),
                Arguments.of("invalid_token", Fault.error(400, "invalid_token", "The token was revoked.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("revocations")
    void refusedGrantEndsTheLoginAndThatBrowserRequestGoesToTheSso(String name, Fault fault) {
        scenario = Scenario.start();
        Page login = logIn(browser);
        browser.get(scenario.url("/protected/x?put=tied-to-the-login"));
        scenario.sso.enqueue(Endpoint.TOKEN, fault);

        advanceToBeforeExpiry(login, Duration.ofSeconds(30));
        Page page = home();

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).startsWith(scenario.sso.authorizeUrl() + "?");
        assertClean(page);
        // the session no longer holds the login, nor the data of the ended login
        Page pub = browser.getNoFollow(scenario.url("/public/x"));
        assertThat(pub.line("appData")).isEmpty();
        assertThat(pub.status()).isEqualTo(200);
        assertThat(pub.line("sessionCharacter")).isEmpty();
        assertThat(pub.line("principal")).isEmpty();
        assertThat(pub.line("token")).isNull();
        assertThat(browser.ajax(scenario.url("/protected/home")).status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("revocations")
    void refusedGrantDuringAnAjaxRequestAnswers401(String name, Fault fault) {
        scenario = Scenario.start();
        Page login = logIn(browser);
        scenario.sso.enqueue(Endpoint.TOKEN, fault);

        advanceToBeforeExpiry(login, Duration.ofSeconds(30));
        Page page = browser.ajax(scenario.url("/protected/api"));

        assertThat(page.status()).isEqualTo(401);
        assertThat(page.header("Content-Type")).startsWith("application/json");
        assertThat(page.body()).contains("\"login_required\"");
        assertClean(page);
        assertThat(browser.getNoFollow(scenario.url("/public/x")).line("sessionCharacter")).isEmpty();
        assertThat(home().status()).isEqualTo(302);
    }

    @Test
    void refusedGrantWhenApplicationCodeAsksForTheTokenOnAnUnprotectedPage() {
        scenario = Scenario.start();
        Page login = logIn(browser);
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.invalidGrant());

        advanceToBeforeExpiry(login, Duration.ofSeconds(30));
        Page pub = browser.getNoFollow(scenario.url("/public/x"));

        // the filter refreshed (and failed) before the page ran: the page sees no login at all
        assertThat(pub.status()).isEqualTo(200);
        assertThat(pub.line("sessionCharacter")).isEmpty();
        assertThat(pub.line("token")).isNull();
        assertThat(home().status()).isEqualTo(302);
    }

    static Stream<Arguments> outages() {
        return Stream.of(
                Arguments.of("500", Fault.status(500)),
                Arguments.of("502", Fault.status(502)),
                Arguments.of("503", Fault.status(503)),
                Arguments.of("429", Fault.status(429)),
                Arguments.of("disconnect", Fault.disconnect()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outages")
    void ssoTroubleWhileTheTokenIsValidKeepsTheLoginAndBacksOff(String name, Fault fault) {
        scenario = Scenario.start();
        Page login = logIn(browser);
        int calls = tokenCalls();
        scenario.sso.failUntilCleared(Endpoint.TOKEN, fault);

        advanceToBeforeExpiry(login, Duration.ofSeconds(30));
        Page page = home();

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.line("token")).isEqualTo(login.line("token"));
        assertThat(page.line("principal")).isEqualTo(login.line("principal"));
        assertThat(tokenCalls()).isEqualTo(calls + 1);
        assertBacksOffThenRecovers(login, calls + 1);
    }

    @Test
    void readTimeoutWhileTheTokenIsValidKeepsTheLoginAndBacksOff() {
        // rotation off: the timed-out call still completes at the SSO, which would otherwise kill the old token
        scenario = Scenario.start(sso -> sso.rotateRefreshTokens(false),
                app -> app.readTimeout(Duration.ofMillis(500)));
        Page login = logIn(browser);
        int calls = tokenCalls();
        scenario.sso.failUntilCleared(Endpoint.TOKEN, Fault.delay(Duration.ofSeconds(2)));

        advanceToBeforeExpiry(login, Duration.ofSeconds(30));
        Page page = home();

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.line("token")).isEqualTo(login.line("token"));
        assertThat(tokenCalls()).isEqualTo(calls + 1);
        assertBacksOffThenRecovers(login, calls + 1);
    }

    /** Several requests right away do not call the SSO; past the back-off the refresh is retried and succeeds. */
    private void assertBacksOffThenRecovers(Page login, int callsAfterFailure) {
        for (int i = 0; i < 5; i++) {
            Page page = home();
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.line("token")).isEqualTo(login.line("token"));
        }
        assertThat(browser.ajax(scenario.url("/protected/api")).status()).isEqualTo(200);
        assertThat(tokenCalls()).isEqualTo(callsAfterFailure);

        scenario.sso.clearFaults();
        scenario.clock.advance(Duration.ofSeconds(3)); // the first back-off is 2 s
        Page page = home();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.line("token")).isNotEqualTo(login.line("token"));
        assertThat(tokenCalls()).isEqualTo(callsAfterFailure + 1);
    }

    @Test
    void retryAfterOf429IsHonoured() {
        scenario = Scenario.start(b -> b.refreshWindow(Duration.ofMinutes(5)));
        Page login = logIn(browser);
        int calls = tokenCalls();
        scenario.sso.failUntilCleared(Endpoint.TOKEN, Fault.status(429).withRetryAfter(Duration.ofSeconds(120)));

        advanceToBeforeExpiry(login, Duration.ofMinutes(4)); // inside the 5 min window
        assertThat(home().line("token")).isEqualTo(login.line("token"));
        assertThat(tokenCalls()).isEqualTo(calls + 1);

        scenario.sso.clearFaults();
        scenario.clock.advance(Duration.ofSeconds(60)); // far past the usual 2 s back-off, before Retry-After
        assertThat(home().line("token")).isEqualTo(login.line("token"));
        scenario.clock.advance(Duration.ofSeconds(59));
        assertThat(home().line("token")).isEqualTo(login.line("token"));
        assertThat(tokenCalls()).isEqualTo(calls + 1);

        scenario.clock.advance(Duration.ofSeconds(1)); // 120 s after the 429
        Page page = home();
        assertThat(tokenCalls()).isEqualTo(calls + 2);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.line("token")).isNotEqualTo(login.line("token"));
    }

    @Test
    void retryAfterHoldsBackEveryLoginsRefreshNotOnlyTheOneThatMetIt() {
        scenario = Scenario.start(b -> b.refreshWindow(Duration.ofMinutes(5)));
        Browser other = new Browser();
        Page login = logIn(browser);
        logIn(other);
        int calls = tokenCalls();
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.status(429).withRetryAfter(Duration.ofSeconds(120)));

        advanceToBeforeExpiry(login, Duration.ofMinutes(4));
        assertThat(home().status()).isEqualTo(200); // met the 429
        assertThat(other.getNoFollow(scenario.url("/protected/home")).status()).isEqualTo(200);
        assertThat(tokenCalls()).as("the second login waits too").isEqualTo(calls + 1);

        scenario.clock.advance(Duration.ofSeconds(121));
        assertThat(other.getNoFollow(scenario.url("/protected/home")).status()).isEqualTo(200);
        assertThat(tokenCalls()).isEqualTo(calls + 2);
    }

    @Test
    void expiredTokenWithTheSsoDownAnswers503AndKeepsTheLogin() {
        scenario = Scenario.start();
        Page login = logIn(browser);
        scenario.sso.failUntilCleared(Endpoint.TOKEN, Fault.status(503));

        scenario.clock.advance(LIFETIME.plusSeconds(1));
        Page page = home();

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("EVE SSO unavailable").contains("sso_unavailable");
        assertClean(page);

        Page api = browser.ajax(scenario.url("/protected/api"));
        assertThat(api.status()).isEqualTo(503);
        assertThat(api.header("Content-Type")).startsWith("application/json");
        assertThat(api.header("Retry-After")).isNotNull();
        assertThat(api.body()).contains("\"sso_unavailable\"");
        assertClean(api);

        // an unprotected page still knows the login; application code asking for the token learns why it cannot
        Page pub = browser.getNoFollow(scenario.url("/public/x"));
        assertThat(pub.status()).isEqualTo(200);
        assertThat(pub.line("sessionCharacter")).isEqualTo(login.line("sessionCharacter"));
        assertThat(pub.line("tokenError")).isEqualTo("EveSsoUnavailableException");

        scenario.sso.clearFaults();
        scenario.clock.advance(Duration.ofMinutes(1));
        Page back = browser.get(scenario.url("/protected/home"));
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.redirects()).isEmpty(); // no new login
        assertThat(back.line("principal")).isEqualTo(login.line("principal"));
        assertThat(back.line("token")).isNotEqualTo(login.line("token"));
        assertThat(scenario.sso.requestCount(Endpoint.AUTHORIZE)).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void concurrentRequestsOfOneSessionWithAnExpiredTokenWaitForAndShareOneRefresh() throws Exception {
        scenario = Scenario.start();
        Page login = logIn(browser);
        int calls = tokenCalls();
        scenario.sso.failUntilCleared(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(300)));
        advanceToBeforeExpiry(login, Duration.ofSeconds(-1)); // expired: nobody may go on with the old token

        int n = 100;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Page> pages = new ArrayList<>();
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Page>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    if (!go.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("start gate not opened");
                    }
                    return home();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<Page> f : futures) {
                pages.add(f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(tokenCalls()).isEqualTo(calls + 1);
        assertThat(pages).hasSize(n).allSatisfy(p -> assertThat(p.status()).isEqualTo(200));
        Set<String> tokens = new HashSet<>();
        pages.forEach(p -> tokens.add(p.line("token")));
        assertThat(tokens).hasSize(1).doesNotContain(login.line("token"));
        assertThat(pages).allSatisfy(p -> assertThat(p.line("principal")).isEqualTo(login.line("principal")));
    }

    @Test
    @Timeout(60)
    void requestsFindingARefreshInFlightGoOnWithTheStillValidTokenInsteadOfWaiting() throws Exception {
        scenario = Scenario.start();
        Page login = logIn(browser);
        int calls = tokenCalls();
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.delay(Duration.ofSeconds(2))); // inside the 3 s read timeout
        advanceToBeforeExpiry(login, Duration.ofSeconds(30)); // due for refresh, still valid for 30 s

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Page> refreshing = pool.submit(this::home);
            for (int i = 0; i < 500 && tokenCalls() == calls; i++) {
                Thread.sleep(10); // until the refresh has reached the SSO, which holds it for 2 s
            }
            assertThat(tokenCalls()).as("the refresh is in flight").isEqualTo(calls + 1);

            Page meanwhile = home();

            assertThat(refreshing.isDone()).as("answered while the refresh was still in flight").isFalse();
            assertThat(meanwhile.status()).isEqualTo(200);
            assertThat(meanwhile.line("token")).isEqualTo(login.line("token"));
            Page refreshed = refreshing.get(30, TimeUnit.SECONDS);
            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(refreshed.line("token")).isNotEqualTo(login.line("token"));
            assertThat(home().line("token")).isEqualTo(refreshed.line("token"));
            assertThat(tokenCalls()).as("one refresh").isEqualTo(calls + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(60)
    void aRefreshThatEndsTheLoginDoesNotEndTheNewerLoginAnotherTabStoredMeanwhile() throws Exception {
        scenario = Scenario.start();
        Page login = logIn(browser);
        advanceToBeforeExpiry(login, Duration.ofSeconds(30)); // due for refresh: the first tab's request refreshes
        // a second tab starts a new login of the same character in the same session, up to EVE's answer
        Page started = browser.getNoFollow(scenario.url("/sso/login?return=/protected/home"));
        Page answered = browser.getNoFollow(URI.create(started.header("Location")));
        URI callback = URI.create(answered.header("Location"));
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.invalidGrant().afterDelay(Duration.ofSeconds(2)));

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            int calls = tokenCalls();
            Future<Page> refreshing = pool.submit(this::home);
            for (int i = 0; i < 500 && tokenCalls() == calls; i++) {
                Thread.sleep(10); // until the refresh has reached the SSO, which holds it for 2 s
            }
            assertThat(tokenCalls()).as("the refresh is in flight").isEqualTo(calls + 1);
            Page newLogin = browser.getNoFollow(callback); // completes while the refresh is in flight
            assertThat(newLogin.status()).as(newLogin.body()).isEqualTo(302);
            refreshing.get(30, TimeUnit.SECONDS); // EVE refused the old grant: the old login ended

            Page after = home();
            assertThat(after.status()).as("the newer login survives").isEqualTo(200);
            assertThat(after.line("principal")).isEqualTo(login.line("principal"));
            assertThat(after.line("token")).isNotEqualTo(login.line("token"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoSessionsOfOneCharacterRefreshIndependently() {
        scenario = Scenario.start();
        Browser other = new Browser();
        Page first = logIn(browser);
        Page second = logIn(other);
        assertThat(second.line("principal")).isEqualTo(first.line("principal"));
        assertThat(second.line("refreshToken")).isNotEqualTo(first.line("refreshToken"));
        int calls = tokenCalls();

        advanceToBeforeExpiry(first, Duration.ofSeconds(30));
        Page a = home();
        Page b = other.getNoFollow(scenario.url("/protected/home"));

        assertThat(a.status()).isEqualTo(200);
        assertThat(b.status()).isEqualTo(200);
        assertThat(tokenCalls()).isEqualTo(calls + 2);
        String sentByA = scenario.sso.takeRequest(Endpoint.TOKEN).formValue("refresh_token");
        String sentByB = scenario.sso.takeRequest(Endpoint.TOKEN).formValue("refresh_token");
        assertThat(EchoServlet.fingerprint(sentByA)).isEqualTo(first.line("refreshToken"));
        assertThat(EchoServlet.fingerprint(sentByB)).isEqualTo(second.line("refreshToken"));
        assertThat(a.line("refreshToken")).isNotIn(first.line("refreshToken"), b.line("refreshToken"));
        assertThat(a.line("token")).isNotEqualTo(first.line("token"));
        assertThat(b.line("token")).isNotEqualTo(second.line("token"));
    }

    @Test
    void noScopeLoginHasNoRefreshTokenAndKeepsItsIdentityOnceItsTokenExpires() {
        scenario = Scenario.start(b -> b.scopes(List.of()));
        Page login = logIn(browser);
        assertThat(login.line("refreshToken")).isEmpty();
        assertThat(login.line("scopes")).isEmpty();
        int calls = tokenCalls();

        advanceToBeforeExpiry(login, Duration.ofSeconds(30)); // in the window, but nothing to refresh with
        Page page = home();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.line("token")).isEqualTo(login.line("token"));
        assertThat(tokenCalls()).isEqualTo(calls);

        scenario.clock.advance(Duration.ofSeconds(31)); // expired: the identity stays, the token is gone
        Page expired = home();
        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.line("principal")).isEqualTo(login.line("principal"));
        assertThat(expired.line("token")).isNull();
        assertThat(expired.line("tokenError")).isEqualTo("EveLoginExpiredException");
        assertThat(tokenCalls()).isEqualTo(calls);
        assertThat(scenario.sso.requestCount(Endpoint.AUTHORIZE)).isEqualTo(1); // no new trip through the SSO
    }
}
