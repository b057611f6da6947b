package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.support.TestApp;
import io.github.evesso.testing.Endpoint;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scope step-up: a path of {@code required-scopes} (or {@code EveSso.requireScopes}) that the active character lacks
 * a scope for sends a browser GET to EVE SSO asking the same character for its scopes plus the missing ones, and back
 * to the page; an API call gets 403 {@code insufficient_scope}. A step-up that returns another character or fewer
 * scopes ends on a clear page, never in a loop, and changes nothing.
 */
@Timeout(60)
class ScopeStepUpTest {
    static final String ASSETS = "esi-assets.read_assets.v1";
    static final String MAIL = "esi-mail.read_mail.v1";
    static final String ALL_SCOPES = String.join(" ", new TreeSet<>(List.of(TestApp.SCOPES.get(0), TestApp.SCOPES.get(1),
            ASSETS)));

    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();
    private final ListenerTest.Recorder recorder = new ListenerTest.Recorder();

    private void start(Consumer<EveSsoConfig.Builder> settings) {
        scenario = Scenario.start(b -> settings.accept(b.listener(recorder)
                .requiredScopes(Map.of("/protected/assets/*", List.of(ASSETS))).optionalScopes(List.of(MAIL))));
    }

    private void start() {
        start(b -> {
        });
    }

    /** The scopes a redirect to the SSO's authorize endpoint asks for. */
    private static List<String> askedScopes(Page redirect) {
        String query = URI.create(redirect.header("Location")).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("scope=")) {
                String scope = URLDecoder.decode(pair.substring("scope=".length()), StandardCharsets.UTF_8);
                return scope.isEmpty() ? List.of() : Arrays.asList(scope.split(" "));
            }
        }
        throw new AssertionError("no scope parameter in " + redirect.header("Location"));
    }

    @Test
    void aBrowserGetLackingARequiredScopeStepsUpTheSameCharacterKeepingItsScopesAndComesBack() {
        start();
        scenario.logIn(browser);

        Page redirect = browser.getNoFollow(scenario.url("/protected/assets/list?page=2"));
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).startsWith(scenario.sso.authorizeUrl());
        assertThat(askedScopes(redirect)).containsExactlyInAnyOrder(TestApp.SCOPES.get(0), TestApp.SCOPES.get(1), ASSETS);

        Page page = browser.get(URI.create(redirect.header("Location")));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.line("path")).isEqualTo("/protected/assets/list");
        assertThat(page.line("query")).isEqualTo("page=2");
        assertThat(page.line("scopes")).isEqualTo(ALL_SCOPES);
        assertThat(page.line("characters")).isEqualTo(MultipleCharactersTest.AURA + ":USABLE:active");
        assertThat(scenario.sso.revokedTokens()).as("the old grant, replaced").hasSize(1);
        assertThat(recorder.ofType("login")).hasSize(2);
        assertThat(recorder.ofType("logout")).isEmpty();

        assertThat(browser.getNoFollow(scenario.url("/protected/assets/other")).status()).as("no second trip")
                .isEqualTo(200);
    }

    @Test
    void aFirstLoginOnAPathNeedingScopesAsksForThemAtOnce() {
        start();

        Page redirect = browser.getNoFollow(scenario.url("/protected/assets/list"));

        assertThat(askedScopes(redirect)).containsExactly(TestApp.SCOPES.get(0), TestApp.SCOPES.get(1), ASSETS);
        Page page = browser.get(URI.create(redirect.header("Location")));
        assertThat(page.line("scopes")).isEqualTo(ALL_SCOPES);
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isEqualTo(1);
    }

    @Test
    void pathsWithRequiredScopesRequireALoginEvenWhenExcluded() {
        start(b -> b.excludedPaths(List.of("/public/*")).requiredScopes(Map.of("/public/wallet", List.of(ASSETS))));

        assertThat(browser.getNoFollow(scenario.url("/public/wallet")).status()).isEqualTo(302);
        assertThat(browser.getNoFollow(scenario.url("/public/other")).status()).isEqualTo(200);
    }

    @Test
    void aStepUpThatComesBackAsAnotherCharacterEndsOnAClearPageAndChangesNothing() {
        start();
        String before = scenario.logIn(browser).line("refreshToken");
        int issued = scenario.sso.issuedRefreshTokens().size();
        scenario.sso.nextLoginAs(MultipleCharactersTest.KESTREL);

        Page page = browser.get(scenario.url("/protected/assets/list"));

        assertThat(page.status()).isEqualTo(409);
        assertThat(page.body()).contains("wrong_character").contains("same character").doesNotContain("Exception");
        assertThat(page.redirects()).as("no loop").hasSizeLessThanOrEqualTo(3);
        assertThat(scenario.sso.revokedTokens()).as("the other character's new grant")
                .containsExactly(scenario.sso.issuedRefreshTokens().get(issued));
        Page home = browser.get(scenario.url("/protected/home"));
        assertThat(home.line("characters")).isEqualTo(MultipleCharactersTest.AURA + ":USABLE:active");
        assertThat(home.line("refreshToken")).isEqualTo(before);
    }

    @Test
    void aStepUpGrantedFewerScopesThanAskedEndsOnAClearPageAndChangesNothing() {
        start();
        scenario.logIn(browser);
        scenario.sso.nextLoginGrantsOnly(TestApp.SCOPES.toArray(String[]::new));

        Page page = browser.get(scenario.url("/protected/assets/list"));

        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("scopes_not_granted");
        assertThat(page.redirects()).as("no loop").hasSizeLessThanOrEqualTo(3);
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).as("one login, one step-up").isEqualTo(2);
        assertThat(browser.get(scenario.url("/protected/home")).line("scopes"))
                .isEqualTo(String.join(" ", new TreeSet<>(TestApp.SCOPES)));
    }

    @Test
    void anApiCallLackingAScopeGets403InsufficientScopeWithTheStepUpUrl() {
        start();
        scenario.logIn(browser);

        Page answer = browser.ajax(scenario.url("/protected/assets/list"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"EVE Online\", error=\"insufficient_scope\", scope=\"" + ASSETS + "\"");
        String stepUp = "/app/sso/login?scope=" + ASSETS + "&return=%2Fprotected%2Fassets%2Flist";
        assertThat(answer.header(EveSso.LOGIN_URL_HEADER)).isEqualTo(stepUp);
        assertThat(answer.body()).contains("\"error\":\"insufficient_scope\"").contains("\"scope\":\"" + ASSETS + "\"")
                .contains("\"login_url\":\"" + stepUp + "\"");

        Page redirect = browser.getNoFollow(scenario.url(stepUp.substring("/app".length())));
        assertThat(askedScopes(redirect)).contains(ASSETS).containsAll(TestApp.SCOPES);
        assertThat(browser.get(URI.create(redirect.header("Location"))).line("path"))
                .isEqualTo("/protected/assets/list");
    }

    @Test
    void aBrowserPostLackingAScopeGetsAPageWithTheStepUpLinkNotARedirect() {
        start();
        scenario.logIn(browser);

        Page answer = browser.postNoFollow(scenario.url("/protected/assets/list"), Map.of("x", "1"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
        assertThat(answer.body()).contains("/app/sso/login?scope=" + ASSETS).contains("Grant the scopes");
    }

    @Test
    void anIdentityOnlyLoginCanBeSteppedUpToScopes() {
        start(b -> b.scopes(List.of()));
        Page identity = scenario.logIn(browser);
        assertThat(identity.line("refreshToken")).isEmpty();

        Page page = browser.get(scenario.url("/protected/assets/list"));

        assertThat(page.line("scopes")).isEqualTo(ASSETS);
        assertThat(page.line("refreshToken")).isNotEmpty();
    }

    @Test
    void applicationCodeCanAskForScopesOnTheSpot() {
        start();
        scenario.logIn(browser);

        Page redirect = browser.getNoFollow(scenario.url("/protected/mail?requireScopes=" + MAIL));
        assertThat(askedScopes(redirect)).contains(MAIL).containsAll(TestApp.SCOPES);
        Page page = browser.get(URI.create(redirect.header("Location")));
        assertThat(page.line("path")).isEqualTo("/protected/mail");
        assertThat(page.line("scopes")).contains(MAIL);

        assertThat(browser.getNoFollow(scenario.url("/protected/mail?requireScopes=" + MAIL)).status())
                .as("granted now").isEqualTo(200);
        Page unknown = browser.getNoFollow(scenario.url("/protected/mail?requireScopes=esi-not.configured.v1"));
        assertThat(unknown.status()).as("a scope the application may not ask for").isEqualTo(400);
    }

    @Test
    void applicationCodeAskingForScopesWithoutALoginStartsALoginForThem() {
        start(b -> b.excludedPaths(List.of("/public/*")));

        Page redirect = browser.getNoFollow(scenario.url("/public/mail?requireScopes=" + MAIL));

        assertThat(redirect.status()).isEqualTo(302);
        assertThat(askedScopes(redirect)).containsExactly(TestApp.SCOPES.get(0), TestApp.SCOPES.get(1), MAIL);
        assertThat(browser.ajax(scenario.url("/public/mail?requireScopes=" + MAIL)).status()).isEqualTo(401);
    }

    @Test
    void theLoginPathRefusesScopesTheApplicationDoesNotAskFor() {
        start();

        Page page = browser.getNoFollow(scenario.url("/sso/login?scope=esi-fleets.write_fleet.v1"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("unknown_scope");
        assertThat(scenario.sso.requestCount(Endpoint.AUTHORIZE)).isZero();
        Page optional = browser.getNoFollow(scenario.url("/sso/login?scope=" + MAIL + "," + ASSETS));
        assertThat(askedScopes(optional)).containsExactly(TestApp.SCOPES.get(0), TestApp.SCOPES.get(1), MAIL, ASSETS);
    }

    @Test
    void steppingUpTheActiveCharacterKeepsTheSessionsOtherCharacters() {
        start();
        scenario.logIn(browser);
        scenario.sso.nextLoginAs(MultipleCharactersTest.KESTREL);
        browser.get(scenario.url("/sso/login?add&return=/protected/home"));
        scenario.sso.nextLoginAs(MultipleCharactersTest.KESTREL); // the same character comes back at EVE

        Page page = browser.get(scenario.url("/protected/assets/list"));

        assertThat(page.line("principal")).startsWith(MultipleCharactersTest.KESTREL + ":");
        assertThat(page.line("scopes")).isEqualTo(ALL_SCOPES);
        assertThat(page.line("characters")).isEqualTo(MultipleCharactersTest.AURA + ":USABLE "
                + MultipleCharactersTest.KESTREL + ":USABLE:active");
    }

    @Test
    void aBearerTokenOnAPathWithRequiredScopesNeedsThemToo() {
        start(b -> b.bearerPaths(List.of("/api/*")).requiredScopes(Map.of("/api/assets/*", List.of(ASSETS))));
        String token = scenario.sso.jwt().sign(scenario.sso.jwt().standardClaims(
                scenario.sso.character(MultipleCharactersTest.AURA), TestApp.CLIENT_ID, TestApp.SCOPES).build());

        Page answer = browser.send(java.net.http.HttpRequest.newBuilder(scenario.url("/api/assets/x"))
                .header("Authorization", "Bearer " + token).GET(), scenario.url("/api/assets/x"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("WWW-Authenticate")).contains("insufficient_scope").contains(ASSETS);
    }
}
