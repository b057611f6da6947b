package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.support.TestApp;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.TestCharacter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which requests need a login and what happens to them: excluded and unprotected paths, the return URL after login
 * (restored for a GET, never for a POST, never off-site), API/AJAX callers getting 401 instead of a redirect, the
 * login path, and a metadata outage that heals without a restart.
 */
class ProtectionTest {
    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();


    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Follows redirects by hand from {@code start}, checking that every {@code Location} stays on the application or
     * on the local SSO and that no hop sets a cookie named {@code x}.
     */
    private Page followChecked(Browser b, URI start) {
        URI app = scenario.url("/");
        URI sso = URI.create(scenario.sso.baseUrl());
        URI url = start;
        for (int hop = 0; hop <= Browser.MAX_REDIRECTS; hop++) {
            Page page = b.getNoFollow(url);
            assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("x="));
            String location = page.header("Location");
            if (page.status() < 300 || page.status() >= 400 || location == null) {
                return page;
            }
            assertThat(location).as("Location from %s", url).doesNotStartWith("//").doesNotContain("\\")
                    .doesNotContain("\r").doesNotContain("\n").doesNotContainIgnoringCase("javascript:");
            URI next = url.resolve(location);
            boolean onApp = app.getHost().equals(next.getHost()) && app.getPort() == next.getPort()
                    && next.getRawPath().startsWith(scenario.app.contextPath() + "/");
            boolean onSso = sso.getHost().equals(next.getHost()) && sso.getPort() == next.getPort();
            assertThat(onApp || onSso).as("redirect to %s stays on the application or the SSO", next).isTrue();
            url = next;
        }
        throw new AssertionError("too many redirects from " + start);
    }

    private void assertRedirectsToSso(Page page) {
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).startsWith(scenario.sso.authorizeUrl() + "?");
    }

    private void assertLoginRequiredJson(Page page) throws Exception {
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.header("Location")).isNull();
        assertThat(page.header("WWW-Authenticate")).startsWith("EveSSO ").contains("login_url=\"");
        String loginUrl = page.header(EveSso.LOGIN_URL_HEADER);
        assertThat(loginUrl).isEqualTo(TestApp.CONTEXT + "/sso/login");
        assertThat(page.header("Content-Type")).startsWith("application/json");
        Map<String, Object> json = JSONObjectUtils.parse(page.body());
        assertThat(json).containsEntry("error", "login_required").containsEntry("login_url", loginUrl);
        assertThat(page.body()).doesNotContain(TestApp.CLIENT_SECRET).doesNotContain("Exception");
        assertThat(scenario.sso.requestCount(Endpoint.AUTHORIZE)).isZero();
    }

    // ------------------------------------------------------------------ which paths are protected

    @Test
    void excludedPathIsServedWithoutLoginOrSession() {
        scenario = Scenario.start();

        Page page = browser.getNoFollow(scenario.url("/public/about?x=1"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.line("path")).isEqualTo("/public/about");
        assertThat(page.line("principal")).isEmpty();
        assertThat(browser.cookie(scenario.url("/"), "JSESSIONID")).isNull();
        assertThat(scenario.sso.requestCount(Endpoint.METADATA)).isZero();
    }

    @Test
    void pathThatOnlyStartsLikeAnExcludedOneIsProtected() {
        scenario = Scenario.start();

        assertRedirectsToSso(browser.getNoFollow(scenario.url("/publicity")));
    }

    @Test
    void dotSegmentsCannotEscapeFromAnExcludedPath() {
        scenario = Scenario.start();

        Page page = browser.getNoFollow(scenario.url("/public/%2e%2e/secret"));

        assertRedirectsToSso(page);
    }

    @Test
    void restrictingProtectedPathsLeavesOtherPathsOpen() {
        scenario = Scenario.start(b -> b.protectedPaths(List.of("/protected/*")));

        Page other = browser.getNoFollow(scenario.url("/other"));
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.line("path")).isEqualTo("/other");
        assertThat(other.line("principal")).isEmpty();

        assertRedirectsToSso(browser.getNoFollow(scenario.url("/protected/page")));
        assertRedirectsToSso(browser.getNoFollow(scenario.url("/protected")));
    }

    @Test
    void excludingTheRootLeavesOnlyTheLandingPageOpen() {
        scenario = Scenario.start(b -> b.excludedPaths(List.of("/", "/public/*")));

        Page landing = browser.getNoFollow(scenario.url("/"));
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.line("path")).isEqualTo("/");

        assertRedirectsToSso(browser.getNoFollow(scenario.url("/any/new/page")));
        assertRedirectsToSso(browser.getNoFollow(scenario.url("/protected/home")));
    }

    @Test
    void anExcludedExtensionOpensStaticFilesButNotAPrefixMappedServletsPaths() {
        scenario = Scenario.start(b -> b.excludedPaths(List.of("*.css")));

        assertThat(browser.getNoFollow(scenario.url("/static/site.css")).status()).isEqualTo(200);
        assertRedirectsToSso(browser.getNoFollow(scenario.url("/api/wallet.css")));
    }

    @Test
    void loggedInUserKeepsThePrincipalOnExcludedAndUnprotectedPages() {
        scenario = Scenario.start(b -> b.protectedPaths(List.of("/protected/*")));
        TestCharacter pilot = scenario.sso.characters().get(0);
        scenario.logIn(browser);

        Page excluded = browser.getNoFollow(scenario.url("/public/about"));
        assertThat(excluded.status()).isEqualTo(200);
        assertThat(excluded.line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
        assertThat(excluded.line("requestCharacter")).isEqualTo(String.valueOf(pilot.id()));

        Page open = browser.getNoFollow(scenario.url("/other"));
        assertThat(open.line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
        assertThat(open.line("authType")).isEqualTo(EveSso.AUTH_TYPE);
    }

    // ------------------------------------------------------------------ where the user lands after login

    @Test
    void postWithoutLoginRedirectsToSsoAndLandsOnTheDefaultPageWithoutReplay() {
        scenario = Scenario.start();

        Page first = browser.postNoFollow(scenario.url("/protected/form?x=1"), Map.of("amount", "1000000"));
        assertRedirectsToSso(first);

        Page page = browser.post(scenario.url("/protected/form?x=1"), Map.of("amount", "1000000"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.uri()).isEqualTo(scenario.url("/"));
        assertThat(page.line("method")).isEqualTo("GET");
        assertThat(page.line("query")).isEmpty();
        assertThat(page.line("principal")).isNotEmpty();
    }

    @Test
    void returnUrlWithQueryIsRestoredExactly() {
        scenario = Scenario.start();
        String target = "/protected/search?q=a%26b%3Dc&list=1&list=2&empty=&plus=x+y";

        Page page = browser.get(scenario.url(target));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.uri()).isEqualTo(scenario.url(target));
        assertThat(page.line("query")).isEqualTo("q=a%26b%3Dc&list=1&list=2&empty=&plus=x+y");
        assertThat(page.line("principal")).isNotEmpty();
    }

    @Test
    void protectedUrlWithDoubleSlashPathNeverBecomesAnOffSiteReturnUrl() {
        scenario = Scenario.start();

        Page page = followChecked(browser, URI.create("http://localhost:" + scenario.app.port() + "/app//evil.example"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.uri()).isEqualTo(scenario.url("/"));
        assertThat(page.line("principal")).isNotEmpty();
    }

    // ------------------------------------------------------------------ API and AJAX callers

    @Test
    void ajaxRequestGets401WithLoginUrlInsteadOfARedirect() throws Exception {
        scenario = Scenario.start();

        assertLoginRequiredJson(browser.ajax(scenario.url("/protected/data")));
        assertThat(browser.getNoFollow(scenario.url("/public/x")).line("principal")).isEmpty();
    }

    @Test
    void acceptJsonRequestGets401WithLoginUrlInsteadOfARedirect() throws Exception {
        scenario = Scenario.start();
        URI url = scenario.url("/protected/api/items");

        assertLoginRequiredJson(browser.send(HttpRequest.newBuilder(url).header("Accept", "application/json").GET(), url));
    }

    @Test
    void jsfPartialRequestGets401WithLoginUrlInsteadOfARedirect() throws Exception {
        scenario = Scenario.start();
        URI url = scenario.url("/protected/page.xhtml");

        Page page = browser.send(HttpRequest.newBuilder(url)
                .header("Faces-Request", "partial/ajax")
                .header("Accept", "application/xml, text/xml, */*; q=0.01")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("jakarta.faces.partial.ajax=true")), url);

        assertLoginRequiredJson(page);
    }

    @Test
    void loginUrlGivenToAnApiCallerLogsInThroughTheBrowser() throws Exception {
        scenario = Scenario.start();
        String loginUrl = browser.ajax(scenario.url("/protected/data")).header(EveSso.LOGIN_URL_HEADER);

        Page page = browser.get(scenario.url(loginUrl.substring(TestApp.CONTEXT.length())));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.uri()).isEqualTo(scenario.url("/"));
        assertThat(page.line("principal")).isNotEmpty();
        Page api = browser.ajax(scenario.url("/protected/data"));
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.line("principal")).isNotEmpty();
    }

    // ------------------------------------------------------------------ the login path and hostile return values

    @Test
    void loginPathRedirectsToSsoAndLandsOnTheReturnPath() {
        scenario = Scenario.start();

        assertRedirectsToSso(browser.getNoFollow(scenario.url("/sso/login?return=/x")));

        Page page = browser.get(scenario.url("/sso/login?return=/x"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.uri()).isEqualTo(scenario.url("/x"));
        assertThat(page.line("principal")).isNotEmpty();
    }

    @Test
    void loginPathWithoutReturnLandsOnTheDefaultPage() {
        scenario = Scenario.start(b -> b.defaultUrl("/welcome"));

        Page page = browser.get(scenario.url("/sso/login"));

        assertThat(page.uri()).isEqualTo(scenario.url("/welcome"));
        assertThat(page.line("principal")).isNotEmpty();
    }

    /** Return values that must never lead off the application (or into another application of the host). */
    static Stream<String> hostileReturnValues() {
        return Stream.of(
                "//evil.example",
                "https://evil.example",
                "/\\evil.example",
                "%2F%2Fevil.example",
                "/%2F%2Fevil.example",
                "/%252F%252Fevil.example",
                "javascript:alert(1)",
                "/%0d%0aSet-Cookie:x=y",
                "/\r\nSet-Cookie:x=y",
                "/../other",
                "/%2e%2e/other",
                "/..;/other/x",
                "/%2e%2e;/other",
                "/.;/x",
                "/x/..;/..;/other",
                "\\\\evil.example",
                "/\tevil.example",
                "evil.example",
                "");
    }

    @ParameterizedTest(name = "return={0}")
    @MethodSource("hostileReturnValues")
    void hostileReturnValueLandsOnTheDefaultPage(String hostile) {
        scenario = Scenario.start();
        assertLandsOnTheDefaultPage(hostile);
    }

    @ParameterizedTest(name = "return={0}")
    @MethodSource("hostileReturnValues")
    void hostileReturnValueLandsOnTheDefaultPageOfARootApplicationToo(String hostile) {
        scenario = Scenario.startAtRoot();
        assertLandsOnTheDefaultPage(hostile);
    }

    private void assertLandsOnTheDefaultPage(String hostile) {
        Page page = followChecked(browser, scenario.url("/sso/login?return=" + enc(hostile)));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.uri()).isEqualTo(scenario.url("/"));
        assertThat(page.line("path")).isEqualTo("/");
        assertThat(page.line("principal")).isNotEmpty();
        assertThat(browser.cookie(scenario.url("/"), "x")).isNull();
    }

    @Test
    void hostileReturnValueIsAlsoIgnoredOnTheErrorPagesLoginLink() {
        scenario = Scenario.start();
        scenario.sso.failUntilCleared(Endpoint.METADATA, Fault.status(503));

        Page page = browser.getNoFollow(scenario.url("/sso/login?return=" + enc("//evil.example")));

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.body()).doesNotContain("evil.example");
    }

    // ------------------------------------------------------------------ the SSO's metadata is down

    @Test
    void metadataOutageAtLoginStartShows503AndHealsWithoutRestart() {
        scenario = Scenario.start();
        scenario.sso.failUntilCleared(Endpoint.METADATA, Fault.status(503));

        Page down = browser.getNoFollow(scenario.url("/protected/home?tab=2"));

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.header("Location")).isNull();
        assertThat(down.header("Retry-After")).isNotNull().matches("[1-9][0-9]*");
        assertThat(down.body()).contains("sso_unavailable").contains("EVE SSO unavailable")
                .doesNotContain("Exception").doesNotContain("at io.github").doesNotContain(TestApp.CLIENT_SECRET);
        assertThat(down.body()).contains(TestApp.CONTEXT + "/sso/login?return=" + enc("/protected/home?tab=2"));
        int fetches = scenario.sso.requestCount(Endpoint.METADATA);
        assertThat(fetches).isGreaterThanOrEqualTo(1);

        Page stillDown = browser.getNoFollow(scenario.url("/protected/home?tab=2"));
        assertThat(stillDown.status()).isEqualTo(503);
        assertThat(scenario.sso.requestCount(Endpoint.METADATA)).as("no fetch during the back-off").isEqualTo(fetches);

        scenario.sso.clearFaults();
        scenario.clock.advance(Duration.ofSeconds(3)); // past the first back-off (2 s)

        Page page = browser.get(scenario.url("/protected/home?tab=2"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.uri()).isEqualTo(scenario.url("/protected/home?tab=2"));
        assertThat(page.line("principal")).isNotEmpty();
    }

    @Test
    void theApplicationStartsWithoutContactingTheSso() {
        scenario = Scenario.start();

        for (Endpoint endpoint : Endpoint.values()) {
            assertThat(scenario.sso.requestCount(endpoint)).as(endpoint.name()).isZero();
        }
        Page open = browser.getNoFollow(scenario.url("/public/index"));
        assertThat(open.status()).isEqualTo(200);
    }

    @Test
    void ssoThatIsNotRunningAtAllGivesA503NotAStackTrace() {
        scenario = Scenario.start();
        scenario.sso.close(); // connection refused from now on

        Page page = browser.getNoFollow(scenario.url("/protected/home"));

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.body()).contains("sso_unavailable").doesNotContain("Exception").doesNotContain("at io.github")
                .doesNotContain(TestApp.CLIENT_SECRET);
        assertThat(browser.getNoFollow(scenario.url("/public/index")).status()).isEqualTo(200);
    }

    @Test
    void metadataOutageAnswersApiCallersWithJson() throws Exception {
        scenario = Scenario.start();
        scenario.sso.failUntilCleared(Endpoint.METADATA, Fault.disconnect());

        Page page = browser.getNoFollow(scenario.url("/sso/login"));
        assertThat(page.status()).isEqualTo(503);

        URI url = scenario.url("/sso/login");
        Page api = browser.send(HttpRequest.newBuilder(url).header("Accept", "application/json").GET(), url);
        assertThat(api.status()).isEqualTo(503);
        assertThat(JSONObjectUtils.parse(api.body())).containsEntry("error", "sso_unavailable");
    }

    @Test
    void aCorsPreflightToAProtectedPathReachesTheApplication() {
        scenario = Scenario.start();
        for (Browser who : new Browser[] {browser, new Browser()}) {
            if (who == browser) {
                scenario.logIn(browser); // logged in or not: a preflight carries no cookie anyway
            }
            URI api = scenario.url("/protected/api");
            Page preflight = who.send(HttpRequest.newBuilder(api).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://localhost:3000")
                    .header("Access-Control-Request-Method", "POST"), api);

            assertThat(preflight.status()).isEqualTo(200);
            assertThat(preflight.line("method")).as("the application answered it").isEqualTo("OPTIONS");
            assertThat(preflight.line("principal")).isEmpty();
        }
    }

    @Test
    void anOptionsRequestThatIsNoPreflightStillNeedsALogin() {
        scenario = Scenario.start();

        URI api = scenario.url("/protected/api");
        Page options = browser.send(HttpRequest.newBuilder(api).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000").header("Accept", "application/json"), api);

        assertThat(options.status()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//app", "/%61pp", "/app;x=y", "/./app"})
    void redirectsUseTheApplicationsContextPathNotTheClientsSpellingOfIt(String spelling) {
        scenario = Scenario.start();
        URI base = scenario.url("/");
        String root = "http://" + base.getHost() + ":" + base.getPort();

        Page login = browser.getNoFollow(URI.create(root + spelling + "/sso/login"));
        Page logout = browser.postNoFollow(URI.create(root + spelling + "/sso/logout"), Map.of());
        Page api = browser.ajax(URI.create(root + spelling + "/protected/x"));

        for (Page page : List.of(login, logout, api)) {
            assertThat(page.status()).as(page.toString()).isIn(302, 303, 401);
        }
        assertRedirectsToSso(login);
        assertThat(logout.header("Location")).isEqualTo("/app/");
        assertThat(api.header(EveSso.LOGIN_URL_HEADER)).isEqualTo("/app/sso/login");
    }
}
