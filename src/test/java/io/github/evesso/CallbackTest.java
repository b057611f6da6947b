package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.support.TestApp;
import io.github.evesso.testing.AuthorizeMode;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.TestCharacter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The callback end to end: every way the SSO's answer (or a forged one) can be wrong must end on a readable error
 * page with the right status and reason code, without a stack trace or a secret, and without logging the session in.
 * Logins are started for real ({@code /protected/home?tab=1}) so that the {@code state} is a real pending one; the
 * callback is then called with crafted parameters, or with the SSO's own answer.
 */
class CallbackTest {
    private static final String RETURN = "/protected/home?tab=1";

    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();


    // ------------------------------------------------------------------ helpers

    /** Starts a login in {@code b} and returns the authorize URL it was sent to. */
    private URI startLogin(Browser b, String path) {
        Page page = b.getNoFollow(scenario.url(path));
        assertThat(page.status()).as("login start for %s", path).isEqualTo(302);
        URI location = URI.create(page.header("Location"));
        assertThat(location.toString()).startsWith(scenario.sso.authorizeUrl() + "?");
        return location;
    }

    private URI startLogin(Browser b) {
        return startLogin(b, RETURN);
    }

    /** Lets the SSO answer an authorize URL and returns the callback URL it redirects to (with code and state). */
    private URI ssoAnswer(Browser b, URI authorize) {
        Page page = b.getNoFollow(authorize);
        assertThat(page.status()).as("SSO answer").isEqualTo(302);
        URI callback = URI.create(page.header("Location"));
        assertThat(callback.toString()).startsWith(scenario.app.callbackUrl() + "?");
        return callback;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            map.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return map;
    }

    private static String state(URI uri) {
        return query(uri).get("state");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** GETs the callback with a raw query string (may be {@code null}), without following redirects. */
    private Page callback(Browser b, String rawQuery) {
        URI url = URI.create(scenario.app.callbackUrl() + (rawQuery == null ? "" : "?" + rawQuery));
        return b.getNoFollow(url);
    }

    /** A real code and state for {@code browser}'s freshly started login. */
    private URI realCallback() {
        return ssoAnswer(browser, startLogin(browser));
    }

    /** The failure page: status, reason code, no stack trace, no secret, no cookie-borne login. */
    private static void assertFailure(Page page, int status, String reason) {
        assertThat(page.status()).as("status of %s: %s", page, page.body()).isEqualTo(status);
        assertThat(page.body()).contains(reason);
        assertClean(page);
    }

    private static void assertClean(Page page) {
        assertThat(page.body()).doesNotContain("Exception").doesNotContain("at io.github")
                .doesNotContain(TestApp.CLIENT_SECRET);
        assertThat(page.header("Location")).isNull();
        assertThat(page.headers().map().toString()).doesNotContain(TestApp.CLIENT_SECRET);
    }

    /** The session holds no login: a protected page redirects to the SSO again. */
    private void assertNotLoggedIn(Browser b) {
        assertNotLoggedInQuietly(b);
        Page page = b.getNoFollow(scenario.url("/protected/check"));
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).startsWith(scenario.sso.authorizeUrl() + "?");
    }

    /** The session holds no login, checked on an excluded page (starts no new pending login). */
    private void assertNotLoggedInQuietly(Browser b) {
        Page page = b.getNoFollow(scenario.url("/public/check"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.line("principal")).isEmpty();
        assertThat(page.line("sessionCharacter")).isEmpty();
    }

    /** Starts a login, lets the SSO issue a code, plays {@code fault} on the code exchange, checks the failure. */
    private Page codeExchangeFailsWith(Fault fault, int status, String reason) {
        scenario = Scenario.start();
        URI callback = realCallback();
        scenario.sso.enqueue(Endpoint.TOKEN, fault);

        Page page = browser.getNoFollow(callback);

        assertFailure(page, status, reason);
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isEqualTo(1);
        assertNotLoggedIn(browser);
        return page;
    }

    private Page ssoUnavailableDuringExchange(Fault fault) {
        Page page = codeExchangeFailsWith(fault, 503, "sso_unavailable");
        assertThat(page.header("Retry-After")).isNotNull().matches("[1-9][0-9]*");
        assertThat(page.body()).contains("EVE SSO unavailable");
        return page;
    }

    private Page badTokenResponse(Fault fault) {
        Page page = codeExchangeFailsWith(fault, 502, "sso_bad_response");
        assertThat(page.header("Retry-After")).isNull();
        return page;
    }

    // ------------------------------------------------------------------ missing and forged parameters

    @Test
    void callbackWithoutParametersIsStateMissing() {
        scenario = Scenario.start();
        startLogin(browser);

        assertFailure(callback(browser, null), 400, "state_missing");
        assertNotLoggedIn(browser);
    }

    @Test
    void codeWithoutStateIsStateMissingAndTheCodeIsNotExchanged() {
        scenario = Scenario.start();
        URI callback = realCallback();

        assertFailure(callback(browser, "code=" + enc(query(callback).get("code"))), 400, "state_missing");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(browser);
    }

    @Test
    void unknownStateIsRefused() {
        scenario = Scenario.start();
        URI callback = realCallback();

        Page page = callback(browser, "code=" + enc(query(callback).get("code"))
                + "&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        assertFailure(page, 400, "state_unknown");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(browser);
    }

    @Test
    void stateWithoutAnySessionIsUnknown() {
        scenario = Scenario.start();
        URI callback = realCallback();
        browser.clearCookies();

        assertFailure(browser.getNoFollow(callback), 400, "state_unknown");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(browser);
    }

    @Test
    void replayingACompletedCallbackIsRefusedAndLeavesTheLoginAsItWas() {
        scenario = Scenario.start();
        URI callback = realCallback();
        Page first = browser.getNoFollow(callback);
        assertThat(first.status()).isEqualTo(302);
        assertThat(first.header("Location")).isEqualTo(TestApp.CONTEXT + RETURN);
        String tokenBefore = browser.get(scenario.url("/protected/x")).line("token");

        Page replay = browser.getNoFollow(callback);

        assertFailure(replay, 400, "state_unknown");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isEqualTo(1);
        Page after = browser.getNoFollow(scenario.url("/protected/x"));
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.line("token")).isEqualTo(tokenBefore);
    }

    @Test
    void replayingACallbackAfterLogoutDoesNotLogInAgain() {
        scenario = Scenario.start();
        URI callback = realCallback();
        assertThat(browser.getNoFollow(callback).status()).isEqualTo(302);
        assertThat(browser.postNoFollow(scenario.url("/sso/logout"), Map.of()).status()).isEqualTo(303);

        Page replay = browser.getNoFollow(callback);

        assertFailure(replay, 400, "state_unknown");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isEqualTo(1);
        assertNotLoggedIn(browser);
    }

    @Test
    void expiredStateIsRefusedWithoutExchangingTheCode() {
        scenario = Scenario.start();
        URI callback = realCallback();
        scenario.clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        Page page = browser.getNoFollow(callback);

        assertFailure(page, 400, "state_expired");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(browser);
    }

    @Test
    void stateJustInsideItsLifetimeIsAccepted() {
        scenario = Scenario.start();
        URI callback = realCallback();
        scenario.clock.advance(Duration.ofMinutes(4).plusSeconds(59)); // within the SSO's 5-minute code lifetime too

        Page page = browser.getNoFollow(callback);

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).isEqualTo(TestApp.CONTEXT + RETURN);
    }

    @Test
    void stateFromAnotherSessionIsRefusedAndTheVictimsLoginStillWorks() {
        scenario = Scenario.start();
        URI victimCallback = realCallback();
        Browser attacker = new Browser();
        startLogin(attacker); // the attacker has a session with a pending login of its own

        Page page = attacker.getNoFollow(victimCallback);

        assertFailure(page, 400, "state_unknown");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(attacker);
        Page victim = browser.getNoFollow(victimCallback);
        assertThat(victim.status()).isEqualTo(302);
        assertThat(victim.header("Location")).isEqualTo(TestApp.CONTEXT + RETURN);
    }

    @Test
    void hugeStateIsRefused() {
        scenario = Scenario.start();
        URI callback = realCallback();
        String huge = state(callback) + "A".repeat(10 * 1024);

        Page page = callback(browser, "code=" + enc(query(callback).get("code")) + "&state=" + huge);

        assertFailure(page, 400, "state_unknown");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(browser);
    }

    @Test
    void nonAsciiStateIsRefused() {
        scenario = Scenario.start();
        URI callback = realCallback();

        Page page = callback(browser, "code=" + enc(query(callback).get("code")) + "&state="
                + enc(state(callback) + "\u00e9\u4e2d\ud83d\ude80"));

        assertFailure(page, 400, "state_unknown");
        assertThat(page.body()).doesNotContain("\u00e9\u4e2d");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(browser);
    }

    @Test
    void repeatedStateParameterIsRefused() {
        scenario = Scenario.start();
        URI callback = realCallback();
        String state = enc(state(callback));

        Page page = callback(browser, callback.getRawQuery() + "&state=" + state);

        assertFailure(page, 400, "duplicate_parameter");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(browser);
    }

    @Test
    void repeatedCodeParameterIsRefused() {
        scenario = Scenario.start();
        URI callback = realCallback();

        Page page = callback(browser, "code=other&" + callback.getRawQuery());

        assertFailure(page, 400, "duplicate_parameter");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(browser);
    }

    @Test
    void missingCodeWithAValidStateIsCodeMissing() {
        scenario = Scenario.start();
        String state = state(startLogin(browser));

        assertFailure(callback(browser, "state=" + enc(state)), 400, "code_missing");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(browser);
    }

    @Test
    void oversizedCodeWithAValidStateIsCodeMissing() {
        scenario = Scenario.start();
        String state = state(startLogin(browser));

        assertFailure(callback(browser, "code=" + "c".repeat(3000) + "&state=" + enc(state)), 400, "code_missing");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(browser);
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(strings = {"a b", "<script>", "x%00y", "code\"quote", "Üñí"})
    void codeWithCharactersNoSsoIssuesIsNotSentOn(String code) {
        scenario = Scenario.start();
        String state = state(startLogin(browser));

        assertFailure(callback(browser, "code=" + enc(code) + "&state=" + enc(state)), 400, "code_missing");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(browser);
    }

    // ------------------------------------------------------------------ errors reported by the SSO

    @Test
    void declinedLoginShowsAFriendlyPageWhoseTryAgainLinkKeepsTheReturnUrl() {
        scenario = Scenario.start();
        scenario.sso.authorizeMode(AuthorizeMode.DENY);
        URI callback = realCallback();
        assertThat(query(callback)).containsEntry("error", "access_denied");

        Page page = browser.getNoFollow(callback);

        assertFailure(page, 403, "access_denied");
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Try again").contains("declined");
        String link = TestApp.CONTEXT + "/sso/login?return=" + enc(RETURN);
        assertThat(page.body()).contains("href=\"" + link + "\"");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(browser);

        scenario.sso.authorizeMode(AuthorizeMode.AUTO_APPROVE);
        Page again = browser.get(scenario.url(link.substring(TestApp.CONTEXT.length())));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.uri()).isEqualTo(scenario.url(RETURN));
        assertThat(again.line("principal")).isNotEmpty();
    }

    @Test
    void unknownSsoErrorIsAGenericSsoError() {
        scenario = Scenario.start();
        String state = state(startLogin(browser));

        Page page = callback(browser, "error=temporarily_broken&state=" + enc(state));

        assertFailure(page, 400, "sso_error");
        assertThat(page.body()).doesNotContain("temporarily_broken");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertNotLoggedIn(browser);
    }

    @Test
    void errorWithoutStateIsReportedWithoutLoggingIn() {
        scenario = Scenario.start();
        startLogin(browser);

        assertFailure(callback(browser, "error=access_denied"), 403, "access_denied");
        assertNotLoggedIn(browser);
    }

    @Test
    void errorDescriptionWithScriptIsNeverEchoedUnescaped() {
        scenario = Scenario.start();
        String state = state(startLogin(browser));
        String script = "<script>alert(document.cookie)</script>";

        Page page = callback(browser, "error=access_denied&error_description=" + enc(script)
                + "&state=" + enc(state));

        assertFailure(page, 403, "access_denied");
        assertThat(page.body()).doesNotContain("<script").doesNotContain("alert(document.cookie)");
        assertNotLoggedIn(browser);
    }

    @Test
    void errorCarryingScriptIsNeverEchoedUnescaped() {
        scenario = Scenario.start();
        String state = state(startLogin(browser));

        Page page = callback(browser, "error=" + enc("\"><script>alert(1)</script>") + "&state=" + enc(state));

        assertFailure(page, 400, "sso_error");
        assertThat(page.body()).doesNotContain("<script").doesNotContain("alert(1)");
        assertNotLoggedIn(browser);
    }

    // ------------------------------------------------------------------ the code exchange fails

    @Test
    void codeRejectedBySsoIsCodeRejected() {
        codeExchangeFailsWith(Fault.invalidGrant(), 400, "code_rejected");
    }

    @Test
    void codeAlreadyRedeemedAtTheSsoIsCodeRejected() {
        scenario = Scenario.start();
        URI first = realCallback();
        String code = query(first).get("code");
        assertThat(browser.getNoFollow(first).status()).isEqualTo(302); // the code is now spent at the SSO
        Browser other = new Browser();
        String state = state(startLogin(other));

        Page page = callback(other, "code=" + enc(code) + "&state=" + enc(state));

        assertFailure(page, 400, "code_rejected");
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isEqualTo(2);
        assertNotLoggedIn(other);
    }

    @Test
    void ssoInternalErrorDuringCodeExchangeIsSsoUnavailable() {
        Page page = ssoUnavailableDuringExchange(Fault.status(500));
        assertThat(page.header("Retry-After")).isEqualTo("30");
    }

    @Test
    void ssoServiceUnavailableDuringCodeExchangeIsSsoUnavailable() {
        ssoUnavailableDuringExchange(Fault.status(503));
    }

    @Test
    void ssoRateLimitDuringCodeExchangeIsSsoUnavailableWithItsRetryAfter() {
        Page page = ssoUnavailableDuringExchange(Fault.status(429).withRetryAfter(Duration.ofSeconds(120)));
        assertThat(page.header("Retry-After")).isEqualTo("120");
    }

    @Test
    void ssoDisconnectDuringCodeExchangeIsSsoUnavailable() {
        ssoUnavailableDuringExchange(Fault.disconnect());
    }

    @Test
    void ssoSlowerThanTheReadTimeoutDuringCodeExchangeIsSsoUnavailable() {
        long start = System.nanoTime();
        ssoUnavailableDuringExchange(Fault.delay(Duration.ofSeconds(4)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void garbageTokenResponseIsSsoBadResponse() {
        badTokenResponse(Fault.status(200).withBody("application/octet-stream", "\u0000\u0001\u00ff garbage \uFFFD"));
    }

    @Test
    void htmlTokenResponseIsSsoBadResponse() {
        badTokenResponse(Fault.garbage());
    }

    @Test
    void htmlTokenResponseLabelledJsonIsSsoBadResponse() {
        badTokenResponse(Fault.status(200).withBody("application/json", "<html><body>Maintenance</body></html>"));
    }

    @Test
    void truncatedJsonTokenResponseIsSsoBadResponse() {
        badTokenResponse(Fault.status(200).withBody("application/json", "{\"access_token\":\"eyJhbGciOi"));
    }

    @Test
    void emptyTokenResponseIsSsoBadResponse() {
        badTokenResponse(Fault.status(200).withBody("application/json", ""));
    }

    @Test
    void jsonArrayTokenResponseIsSsoBadResponse() {
        badTokenResponse(Fault.status(200).withBody("application/json", "[1,2,3]"));
    }

    @Test
    void tokenResponseWithoutAccessTokenIsSsoBadResponse() {
        badTokenResponse(Fault.status(200).withBody("application/json",
                "{\"token_type\":\"Bearer\",\"expires_in\":1199,\"refresh_token\":\"r\"}"));
    }

    @Test
    void tokenResponseWithAnotherTokenTypeIsSsoBadResponse() {
        badTokenResponse(Fault.status(200).withBody("application/json",
                "{\"access_token\":\"abc\",\"token_type\":\"MAC\",\"expires_in\":1199}"));
    }

    @Test
    void tokenResponseWithNegativeExpiresInIsSsoBadResponse() {
        badTokenResponse(Fault.status(200).withBody("application/json",
                "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":-5}"));
    }

    @Test
    void tokenResponseWithoutExpiresInIsSsoBadResponse() {
        badTokenResponse(Fault.status(200).withBody("application/json", "{\"access_token\":\"abc\",\"token_type\":\"Bearer\"}"));
    }

    @Test
    void tokenResponseWithWrongJsonTypesIsSsoBadResponse() {
        badTokenResponse(Fault.status(200).withBody("application/json",
                "{\"access_token\":{\"a\":1},\"token_type\":\"Bearer\",\"expires_in\":\"soon\"}"));
    }

    @Test
    void enormousTokenResponseIsSsoBadResponse() {
        String filler = "x".repeat(300 * 1024);
        badTokenResponse(Fault.status(200).withBody("application/json",
                "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":1199,\"pad\":\"" + filler + "\"}"));
    }

    // ------------------------------------------------------------------ several tabs, API clients

    @Test
    void fivePendingLoginsInOneSessionAllComplete() {
        scenario = Scenario.start();
        List<URI> callbacks = new ArrayList<>();
        for (int tab = 1; tab <= 5; tab++) {
            callbacks.add(ssoAnswer(browser, startLogin(browser, "/protected/tab" + tab)));
        }

        for (int tab = 1; tab <= 5; tab++) {
            Page page = browser.getNoFollow(callbacks.get(tab - 1));
            assertThat(page.status()).as("tab %d", tab).isEqualTo(302);
            assertThat(page.header("Location")).isEqualTo(TestApp.CONTEXT + "/protected/tab" + tab);
        }
        assertThat(browser.getNoFollow(scenario.url("/protected/tab1")).status()).isEqualTo(200);
    }

    @Test
    void aSixthPendingLoginDropsTheOldest() {
        scenario = Scenario.start();
        List<URI> callbacks = new ArrayList<>();
        for (int tab = 1; tab <= 6; tab++) {
            callbacks.add(ssoAnswer(browser, startLogin(browser, "/protected/tab" + tab)));
        }

        Page oldest = browser.getNoFollow(callbacks.get(0));
        assertFailure(oldest, 400, "state_unknown");
        assertNotLoggedInQuietly(browser);
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();

        for (int tab = 2; tab <= 6; tab++) {
            Page page = browser.getNoFollow(callbacks.get(tab - 1));
            assertThat(page.status()).as("tab %d", tab).isEqualTo(302);
            assertThat(page.header("Location")).isEqualTo(TestApp.CONTEXT + "/protected/tab" + tab);
        }
    }

    @Test
    void apiStyleCallbackGetsAJsonError() throws Exception {
        scenario = Scenario.start();
        String state = state(startLogin(browser));

        Page page = browser.send(HttpRequest.newBuilder(URI.create(scenario.app.callbackUrl() + "?state=" + enc(state)))
                .header("Accept", "application/json").GET(), scenario.app.callbackUrl());

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("Content-Type")).startsWith("application/json");
        Map<String, Object> json = JSONObjectUtils.parse(page.body());
        assertThat(json).containsEntry("error", "code_missing").containsKey("message");
        assertClean(page);
        assertNotLoggedIn(browser);
    }

    @Test
    void apiStyleCallbackWithSsoDownGetsJsonWithRetryAfter() throws Exception {
        scenario = Scenario.start();
        URI callback = realCallback();
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.status(503));

        Page page = browser.send(HttpRequest.newBuilder(callback).header("Accept", "application/json").GET(), callback);

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.header("Retry-After")).isEqualTo("30");
        assertThat(JSONObjectUtils.parse(page.body())).containsEntry("error", "sso_unavailable");
        assertClean(page);
        assertNotLoggedIn(browser);
    }

    @Test
    void successfulCallbackLogsInTheChosenCharacter() {
        scenario = Scenario.start();
        TestCharacter pilot = scenario.sso.characters().get(1);
        scenario.sso.nextLoginAs(pilot.id());
        URI callback = realCallback();

        Page page = browser.get(callback);

        assertThat(page.uri()).isEqualTo(scenario.url(RETURN));
        assertThat(page.line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
    }
}
