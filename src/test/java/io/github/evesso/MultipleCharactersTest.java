package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.evesso.support.Browser;
import io.github.evesso.support.EchoServlet;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.testing.Endpoint;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several characters in one session (a main and its alts): {@code /sso/login?add} adds one, the switch path makes
 * another active, the remove path drops one, each character refreshes on its own, a character whose grant EVE ended
 * stays listed as needing a login while the others go on, and the session holds at most {@code max-characters}.
 */
@Timeout(60)
class MultipleCharactersTest {
    static final long AURA = 90000001L;
    static final long KESTREL = 90000002L;
    static final long MIRA = 90000003L;

    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();
    private final ListenerTest.Recorder recorder = new ListenerTest.Recorder();

    private void start(Consumer<EveSsoConfig.Builder> settings) {
        scenario = Scenario.start(b -> settings.accept(b.listener(recorder)));
    }

    private void start() {
        start(b -> {
        });
    }

    /** Logs in {@code id} as another character of the browser's session; the page it lands on. */
    private Page add(long id) {
        scenario.sso.nextLoginAs(id);
        return browser.get(scenario.url("/sso/login?add&return=/protected/home"));
    }

    private Page home() {
        return browser.get(scenario.url("/protected/home"));
    }

    private Page post(String path, long id) {
        return browser.postNoFollow(scenario.url(path), Map.of("character", Long.toString(id), "return", "/protected/x"));
    }

    @Test
    void addingACharacterKeepsTheFirstAndMakesTheAddedOneActiveInANewSessionId() {
        start();
        scenario.logIn(browser);
        String firstSession = browser.cookie(scenario.url("/"), "JSESSIONID");

        Page page = add(KESTREL);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.line("principal")).isEqualTo(KESTREL + ":Kestrel Vance");
        assertThat(page.line("sessionCharacter")).isEqualTo(Long.toString(KESTREL));
        assertThat(page.line("characters")).isEqualTo(AURA + ":USABLE " + KESTREL + ":USABLE:active");
        assertThat(browser.cookie(scenario.url("/"), "JSESSIONID")).as("session id changed").isNotEqualTo(firstSession);
        assertThat(recorder.ofType("login")).extracting(ListenerTest.Event::characterId).containsExactly(AURA, KESTREL);
        assertThat(recorder.ofType("logout")).isEmpty();
        assertThat(scenario.sso.revokedTokens()).isEmpty();
    }

    @Test
    void addWithoutALoginIsAPlainLogin() {
        start();
        scenario.sso.nextLoginAs(KESTREL);

        Page page = browser.get(scenario.url("/sso/login?add&return=/protected/home"));

        assertThat(page.line("characters")).isEqualTo(KESTREL + ":USABLE:active");
    }

    @Test
    void theSameCharacterLoggedInAgainReplacesItsOwnEntryAndItsOldGrantIsRevoked() {
        start();
        String auraRefresh = scenario.logIn(browser).line("refreshToken");
        add(KESTREL);

        Page page = add(AURA);

        assertThat(page.line("characters")).isEqualTo(AURA + ":USABLE:active " + KESTREL + ":USABLE");
        assertThat(page.line("refreshToken")).isNotEqualTo(auraRefresh);
        assertThat(scenario.sso.revokedTokens()).extracting(EchoServlet::fingerprint).containsExactly(auraRefresh);
        assertThat(recorder.ofType("logout")).as("the character is still logged in").isEmpty();
        assertThat(recorder.ofType("login")).extracting(ListenerTest.Event::characterId)
                .containsExactly(AURA, KESTREL, AURA);
    }

    @Test
    void aPlainLoginOfACharacterTheSessionDoesNotHoldStartsAFreshSessionAndEndsEveryOther() {
        start();
        scenario.logIn(browser);
        add(KESTREL);
        browser.get(scenario.url("/protected/home?put=data-of-the-previous-user"));

        scenario.sso.nextLoginAs(MIRA);
        Page page = browser.get(scenario.url("/sso/login?return=/protected/home"));

        assertThat(page.line("characters")).isEqualTo(MIRA + ":USABLE:active");
        assertThat(page.line("appData")).isEmpty();
        assertThat(scenario.sso.revokedTokens()).hasSize(2);
        assertThat(recorder.ofType("logout")).extracting(ListenerTest.Event::characterId, ListenerTest.Event::detail)
                .containsExactlyInAnyOrder(tuple(AURA, "USER"),
                        tuple(KESTREL, "USER"));
    }

    @Test
    void switchingMakesAnotherCharacterActiveAndReturnsToTheFormsUrl() {
        start();
        scenario.logIn(browser);
        add(KESTREL);

        Page answer = post("/sso/switch", AURA);

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/app/protected/x");
        Page page = home();
        assertThat(page.line("principal")).isEqualTo(AURA + ":Aura Testpilot");
        assertThat(page.line("requestCharacter")).isEqualTo(Long.toString(AURA));
        assertThat(page.line("sessionCharacter")).isEqualTo(Long.toString(AURA));
        assertThat(page.line("characters")).isEqualTo(AURA + ":USABLE:active " + KESTREL + ":USABLE");
        assertThat(recorder.ofType("switched")).extracting(ListenerTest.Event::characterId, ListenerTest.Event::detail)
                .containsExactly(tuple(AURA, Long.toString(KESTREL)));
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).as("no call to EVE for a switch").isEqualTo(2);
    }

    @Test
    void aSwitchReturnsOnlyToApplicationRelativeUrls() {
        start();
        scenario.logIn(browser);
        add(KESTREL);

        Page answer = browser.postNoFollow(scenario.url("/sso/switch"),
                Map.of("character", Long.toString(AURA), "return", "//evil.example/"));

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/app/");
    }

    @Test
    void switchAndRemoveRefuseGetsOtherSitesUnknownCharactersAndChangeNothing() {
        start();
        scenario.logIn(browser);
        add(KESTREL);
        URI switchUrl = scenario.url("/sso/switch");

        assertThat(browser.getNoFollow(scenario.url("/sso/switch?character=" + AURA)).status()).isEqualTo(405);
        assertThat(browser.getNoFollow(scenario.url("/sso/remove?character=" + AURA)).status()).isEqualTo(405);
        for (String path : List.of("/sso/switch", "/sso/remove")) {
            URI url = scenario.url(path);
            assertRefused(crossSite(url, "Origin", "http://localhost:1"), 403, "cross_site_request");
            assertRefused(crossSite(url, "Sec-Fetch-Site", "cross-site"), 403, "cross_site_request");
            assertRefused(crossSite(url, "Sec-Fetch-Site", "same-site"), 403, "cross_site_request");
            assertRefused(post(path, MIRA), 400, "character_unknown");
            assertRefused(browser.postNoFollow(url, Map.of("character", "not-a-number")), 400, "character_unknown");
            assertRefused(browser.postNoFollow(url, Map.of()), 400, "character_unknown");
        }
        Page sameOrigin = browser.send(HttpRequest.newBuilder(switchUrl).header("Origin", "http://localhost:"
                        + scenario.app.port()).header("Sec-Fetch-Site", "same-origin")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("character=" + AURA)), switchUrl);
        assertThat(sameOrigin.status()).as("the application's own page").isEqualTo(303);
        Page noReferrer = browser.send(HttpRequest.newBuilder(switchUrl).header("Origin", "null")
                .header("Sec-Fetch-Site", "same-origin").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("character=" + AURA)), switchUrl);
        assertThat(noReferrer.status()).as("an own page with Referrer-Policy no-referrer").isEqualTo(303);
        assertThat(home().line("characters")).isEqualTo(AURA + ":USABLE:active " + KESTREL + ":USABLE");
        assertThat(scenario.sso.revokedTokens()).isEmpty();

        Browser stranger = new Browser();
        assertRefused(stranger.postNoFollow(switchUrl, Map.of("character", Long.toString(AURA))), 400,
                "character_unknown");
    }

    private Page crossSite(URI url, String header, String value) {
        return browser.send(HttpRequest.newBuilder(url).header(header, value)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("character=" + AURA)), url);
    }

    private static void assertRefused(Page page, int status, String code) {
        assertThat(page.status()).as(page.uri().toString()).isEqualTo(status);
        assertThat(page.body()).contains(code).doesNotContain("Exception").doesNotContain("at io.github");
    }

    @Test
    void removingTheActiveCharacterRevokesItsTokenAndTheNextOneBecomesActive() {
        start();
        scenario.logIn(browser);
        String kestrelRefresh = add(KESTREL).line("refreshToken");

        Page answer = post("/sso/remove", KESTREL);

        assertThat(answer.status()).isEqualTo(303);
        Page page = home();
        assertThat(page.line("characters")).isEqualTo(AURA + ":USABLE:active");
        assertThat(page.line("principal")).isEqualTo(AURA + ":Aura Testpilot");
        assertThat(scenario.sso.revokedTokens()).extracting(EchoServlet::fingerprint).containsExactly(kestrelRefresh);
        assertThat(recorder.ofType("logout")).extracting(ListenerTest.Event::characterId, ListenerTest.Event::detail)
                .containsExactly(tuple(KESTREL, "REMOVED"));
        assertThat(recorder.ofType("switched")).extracting(ListenerTest.Event::characterId).containsExactly(AURA);
    }

    @Test
    void removingTheOnlyCharacterIsALogout() {
        start();
        scenario.logIn(browser);

        Page answer = post("/sso/remove", AURA);

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/app/");
        assertThat(browser.getNoFollow(scenario.url("/protected/home")).status()).isEqualTo(302);
        assertThat(scenario.sso.revokedTokens()).hasSize(1);
        assertThat(recorder.ofType("logout")).extracting(ListenerTest.Event::detail).containsExactly("USER");
    }

    @Test
    void aLogoutEndsEveryCharacterAndRevokesEveryRefreshToken() {
        start();
        scenario.logIn(browser);
        add(KESTREL);
        add(MIRA);

        assertThat(browser.postNoFollow(scenario.url("/sso/logout"), Map.of()).status()).isEqualTo(303);

        assertThat(scenario.sso.revokedTokens()).hasSize(3);
        assertThat(recorder.ofType("logout")).extracting(ListenerTest.Event::characterId)
                .containsExactlyInAnyOrder(AURA, KESTREL, MIRA);
        assertThat(browser.getNoFollow(scenario.url("/protected/home")).status()).isEqualTo(302);
    }

    @Test
    void eachCharacterRefreshesOnItsOwnOnlyWhenItsTokenIsUsed() {
        start();
        scenario.logIn(browser);
        String kestrelToken = add(KESTREL).line("token");
        Page before = browser.get(scenario.url("/protected/home?characterToken=" + AURA));
        assertThat(before.line("characterToken")).isNotEqualTo(kestrelToken);
        scenario.clock.advance(Duration.ofMinutes(21));

        Page page = home();
        assertThat(page.line("token")).as("the active one, refreshed").isNotEqualTo(kestrelToken);
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).as("2 logins + 1 refresh").isEqualTo(3);

        Page other = browser.get(scenario.url("/protected/home?characterToken=" + AURA));
        assertThat(other.line("characterToken")).isNotEqualTo(before.line("characterToken"));
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).as("the other one, when asked").isEqualTo(4);
        assertThat(recorder.ofType("refreshed")).extracting(ListenerTest.Event::characterId)
                .containsExactly(KESTREL, AURA);
    }

    @Test
    void twoCharactersRefreshingAtOnceInOneSessionMakeOneTokenCallEach() throws Exception {
        start();
        scenario.logIn(browser);
        add(KESTREL);
        scenario.clock.advance(Duration.ofMinutes(21));
        int before = scenario.sso.requestCount(Endpoint.TOKEN);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Page>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String path = i % 2 == 0 ? "/protected/home" : "/protected/home?characterToken=" + AURA;
                calls.add(pool.submit(() -> browser.get(scenario.url(path))));
            }
            for (Future<Page> call : calls) {
                Page page = call.get(20, TimeUnit.SECONDS);
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.line("tokenError")).isNull();
                assertThat(page.line("characterTokenError")).isNull();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(scenario.sso.requestCount(Endpoint.TOKEN) - before).as("one refresh per character").isEqualTo(2);
        assertThat(home().line("characters")).isEqualTo(AURA + ":USABLE " + KESTREL + ":USABLE:active");
    }

    @Test
    void aCharacterWhoseGrantEveEndedNeedsANewLoginWhileTheOthersGoOn() {
        start();
        scenario.logIn(browser);
        add(KESTREL);
        scenario.sso.transferCharacter(KESTREL); // EVE kills every refresh token of the character
        scenario.clock.advance(Duration.ofMinutes(21));

        Page page = home();

        assertThat(page.status()).as("not logged out").isEqualTo(200);
        assertThat(page.line("principal")).isEqualTo(AURA + ":Aura Testpilot");
        assertThat(page.line("characters")).isEqualTo(AURA + ":USABLE:active " + KESTREL + ":NEEDS_LOGIN");
        assertThat(recorder.ofType("logout")).extracting(ListenerTest.Event::characterId, ListenerTest.Event::detail)
                .containsExactly(tuple(KESTREL, "REVOKED"));
        assertThat(recorder.ofType("switched")).extracting(ListenerTest.Event::characterId).containsExactly(AURA);
        assertRefused(post("/sso/switch", KESTREL), 409, "character_needs_login");

        Page again = add(KESTREL);
        assertThat(again.line("characters")).as("logged in again").isEqualTo(AURA + ":USABLE " + KESTREL
                + ":USABLE:active");
    }

    @Test
    void whenEveEndedEveryCharacterTheSessionLogsOut() {
        start();
        scenario.logIn(browser);
        add(KESTREL);
        scenario.sso.transferCharacter(KESTREL);
        scenario.sso.transferCharacter(AURA);
        scenario.clock.advance(Duration.ofMinutes(21));

        Page page = browser.getNoFollow(scenario.url("/protected/home"));

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).startsWith(scenario.sso.authorizeUrl());
        assertThat(scenario.app.activeSessions()).as("the ended session, replaced by the new login's").isEqualTo(1);
        assertThat(recorder.ofType("logout")).extracting(ListenerTest.Event::detail).containsExactly("REVOKED",
                "REVOKED");
    }

    @Test
    void oneCharacterMoreThanTheMaximumIsRefusedWithAClearPageAndItsGrantRevoked() {
        start(b -> b.maxCharacters(2));
        scenario.logIn(browser);
        add(KESTREL);
        int issued = scenario.sso.issuedRefreshTokens().size();

        Page page = add(MIRA);

        assertThat(page.status()).isEqualTo(409);
        assertThat(page.body()).contains("too_many_characters").contains("Remove one");
        assertThat(scenario.sso.issuedRefreshTokens()).hasSize(issued + 1);
        assertThat(scenario.sso.revokedTokens()).containsExactly(scenario.sso.issuedRefreshTokens().get(issued));
        assertThat(home().line("characters")).isEqualTo(AURA + ":USABLE " + KESTREL + ":USABLE:active");
        assertThat(add(AURA).line("characters")).as("logging in one of them again still works")
                .isEqualTo(AURA + ":USABLE:active " + KESTREL + ":USABLE");
    }

    @Test
    void theFilterPassesTheActiveCharacterAndEveSsoFindsEveryOneWithoutTheFilter() {
        start();
        scenario.logIn(browser);
        add(KESTREL);

        Page page = browser.get(scenario.url("/public/page?characterToken=" + AURA));

        assertThat(page.line("principal")).isEqualTo(KESTREL + ":Kestrel Vance");
        assertThat(page.line("characters")).isEqualTo(AURA + ":USABLE " + KESTREL + ":USABLE:active");
        assertThat(page.line("characterToken")).isNotBlank();
    }
}
