package io.github.evesso.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.github.evesso.sample.SampleApp.Style;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.RecordedRequest;
import io.github.evesso.testing.TestCharacter;
import jakarta.servlet.SessionTrackingMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.Rfc6265CookieProcessor;
import org.apache.tomcat.util.http.SameSiteCookies;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlImage;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packaged sample WARs, one per configuration style, on embedded Tomcat with the ready-to-copy
 * {@code server-config/tomcat/context.xml}: a browser (HtmlUnit) logs in through the local EVE SSO, sees the
 * character page, the wallet balance read from ESI with the access token, and logs out.
 */
class SampleLoginFlowIT {
    private SampleApp app;
    private final HtmlBrowsers browsers = new HtmlBrowsers();
    private WebClient browser;

    @AfterEach
    void tearDown() {
        browsers.close();
        if (app != null) {
            app.close();
        }
    }

    private void start(Style style, Map<String, String> overrides) {
        app = SampleApp.start(style, overrides);
        browser = browsers.open();
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void aNewUserLogsInSeesTheCharacterAndWalletAndLogsOut(Style style) throws Exception {
        start(style, Map.of());
        TestCharacter aura = app.sso.characters().get(0);

        HtmlPage landing = browser.getPage(app.url("/").toURL());
        assertThat(landing.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(landing.asNormalizedText()).contains("Log in with EVE Online");
        assertThat(landing.getElementById("logout")).isNull();

        HtmlPage character = landing.getHtmlElementById("login-main").click();
        assertThat(character.getUrl().getPath()).isEqualTo("/character");
        assertThat(character.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(character.getHtmlElementById("character-name").getTextContent()).isEqualTo(aura.name());
        assertThat(character.getHtmlElementById("character-id").getTextContent()).isEqualTo(Long.toString(aura.id()));
        assertThat(character.getHtmlElementById("scopes").getTextContent()).contains(LocalEveSso.WALLET_SCOPE);
        assertThat(character.getHtmlElementById("expires").getTextContent()).matches("in (19|20):\\d\\d");
        assertThat(character.getHtmlElementById("obtained").getTextContent()).matches("\\d\\d:\\d\\d:\\d\\d UTC");
        HtmlImage portrait = character.querySelector("img.portrait");
        assertThat(portrait.getAttribute("src")).isEqualTo("/static/portrait-placeholder.svg");
        assertThat(browser.getPage(app.url("/static/portrait-placeholder.svg").toURL()).getWebResponse()
                .getContentType()).isEqualTo("image/svg+xml");

        assertThat(app.sso.requestCount(Endpoint.TOKEN)).isEqualTo(1); // the code exchange
        HtmlPage refreshed = character.<HtmlButton>getHtmlElementById("refresh-now").click();
        assertThat(refreshed.getUrl().toString()).isEqualTo(app.url("/character?refreshed").toString());
        assertThat(refreshed.getHtmlElementById("refreshed").getTextContent()).isEqualTo("New tokens obtained.");
        assertThat(app.sso.requestCount(Endpoint.TOKEN)).isEqualTo(2);
        app.sso.takeRequest(Endpoint.TOKEN);
        assertThat(app.sso.takeRequest(Endpoint.TOKEN).formValue("grant_type")).isEqualTo("refresh_token");

        HtmlPage wallet = refreshed.getAnchorByText("Wallet").click();
        assertThat(wallet.getWebResponse().getStatusCode()).isEqualTo(200);
        RecordedRequest esiCall = app.sso.takeRequest(Endpoint.ESI);
        assertThat(esiCall.path()).isEqualTo("/latest/characters/" + aura.id() + "/wallet/");
        String bearer = esiCall.header("Authorization").substring("Bearer ".length());
        assertThat(SignedJWT.parse(bearer).getJWTClaimsSet().getSubject()).isEqualTo(aura.subject());
        assertThat(esiCall.header("User-Agent")).startsWith("eve-sso-sample/");
        assertThat(wallet.getHtmlElementById("balance").getTextContent()).isEqualTo(app.expectedBalance(aura));
        assertThat(wallet.getWebResponse().getContentAsString()).doesNotContain(bearer);

        HtmlButton logout = wallet.getHtmlElementById("logout");
        HtmlPage afterLogout = logout.click();
        assertThat(afterLogout.getUrl().getPath()).isEqualTo("/");
        assertThat(afterLogout.getElementById("login-main")).isNotNull();
        assertThat(app.sso.revokedTokens()).hasSize(1);
        browser.getOptions().setRedirectEnabled(false);
        Page again = browser.getPage(app.url("/character").toURL());
        assertThat(again.getWebResponse().getStatusCode()).isEqualTo(302);
        assertThat(again.getWebResponse().getResponseHeaderValue("Location")).startsWith(app.sso.authorizeUrl());
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void theSessionCookieIsHttpOnlyAndSameSiteLaxAndNeverInUrls(Style style) throws Exception {
        start(style, Map.of());
        HttpResponse<String> login = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(app.url("/sso/login?return=/character")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Lax");
        assertThat(app.server.context().getServletContext().getEffectiveSessionTrackingModes())
                .containsExactly(SessionTrackingMode.COOKIE);
        // and server-config/tomcat/context.xml makes Lax the default of every cookie of the application
        assertThat(app.server.context().getCookieProcessor()).isInstanceOfSatisfying(Rfc6265CookieProcessor.class,
                processor -> assertThat(processor.getSameSiteCookies()).isEqualTo(SameSiteCookies.LAX));
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void theApiTakesABearerTokenAndNeitherRedirectsNorCreatesASession(Style style) throws Exception {
        start(style, Map.of());
        TestCharacter pilot = app.sso.characters().get(0);
        String token = app.sso.jwt().sign(app.sso.jwt().standardClaims(pilot, SampleApp.CLIENT_ID,
                List.of(LocalEveSso.WALLET_SCOPE)).build());
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> me = client.send(HttpRequest.newBuilder(app.url("/api/me"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(app.url("/api/me")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"character_id\":" + pilot.id()).contains(LocalEveSso.WALLET_SCOPE)
                .doesNotContain(token);
        assertThat(me.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"EVE Online\"");
        assertThat(anonymous.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void theLandingPageAndStaticFilesArePublicAndTheOtherPagesNeedALogin(Style style) throws Exception {
        start(style, Map.of());
        browser.getOptions().setRedirectEnabled(false);
        assertThat(browser.getPage(app.url("/").toURL()).getWebResponse().getStatusCode()).isEqualTo(200);
        Page css = browser.getPage(app.url("/static/sample.css").toURL());
        assertThat(css.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(css.getWebResponse().getContentType()).isEqualTo("text/css");
        for (String path : List.of("/character", "/wallet", "/character/refresh", "/a-page-added-later")) {
            Page page = browser.getPage(app.url(path).toURL());
            assertThat(page.getWebResponse().getStatusCode()).as(path).isEqualTo(302);
            assertThat(page.getWebResponse().getResponseHeaderValue("Location")).as(path)
                    .startsWith(app.sso.authorizeUrl());
        }
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void anEsiFailureIsExplainedOnTheWalletPageWithoutLeakingTokens(Style style) throws Exception {
        start(style, Map.of());
        HtmlPage character = loginAndOpen("/character");
        // sticky: the ESI client retries a GET's 503 twice before it gives up
        app.sso.failUntilCleared(Endpoint.ESI, Fault.error(503, "ESI is down for maintenance", null));

        HtmlPage wallet = character.getAnchorByText("Wallet").click();
        app.sso.clearFaults();

        assertThat(wallet.getWebResponse().getStatusCode()).isEqualTo(502);
        assertThat(wallet.getHtmlElementById("wallet-error").getTextContent())
                .isEqualTo("ESI answered 503: ESI is down for maintenance");
        assertNothingSecretIn(wallet);
        HtmlPage retried = wallet.getAnchorByText("Wallet").click();
        assertThat(retried.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(retried.getElementById("balance")).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void aSecondWalletVisitIsServedFromTheClientsCacheWithoutCallingEsi(Style style) throws Exception {
        start(style, Map.of());
        HtmlPage character = loginAndOpen("/character");

        HtmlPage first = character.getAnchorByText("Wallet").click();
        HtmlPage second = first.getAnchorByText("Wallet").click();

        assertThat(first.getHtmlElementById("esi-source").getTextContent()).startsWith("Fresh from ESI, cached until");
        assertThat(second.getHtmlElementById("esi-source").getTextContent())
                .startsWith("From the client's cache, no call to ESI");
        assertThat(second.getHtmlElementById("balance").getTextContent())
                .isEqualTo(first.getHtmlElementById("balance").getTextContent());
        assertThat(app.sso.requestCount(Endpoint.ESI)).isEqualTo(1);
        assertThat(app.sso.takeRequest(Endpoint.ESI).header("X-Compatibility-Date")).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void aRefreshTheSsoCannotServeIsExplainedAndTheLoginStays(Style style) throws Exception {
        start(style, Map.of());
        HtmlPage character = loginAndOpen("/character");
        app.sso.enqueue(Endpoint.TOKEN, Fault.status(503));

        HtmlPage failed = character.<HtmlButton>getHtmlElementById("refresh-now").click();

        assertThat(failed.getWebResponse().getStatusCode()).isEqualTo(503);
        assertThat(failed.getWebResponse().getResponseHeaderValue("Retry-After")).isEqualTo("30");
        assertThat(failed.getHtmlElementById("refresh-error").getTextContent())
                .contains("EVE SSO is unavailable to refresh the token");
        assertNothingSecretIn(failed);
        HtmlPage again = failed.getAnchorByText("Back to the character").click();
        assertThat(again.getUrl().getPath()).isEqualTo("/character");
        assertThat(again.getHtmlElementById("character-name").getTextContent()).isNotBlank();
        assertThat(again.getAnchorByText("Wallet").<HtmlPage>click().getElementById("balance")).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void aRefreshTheSsoRefusesEndsTheLogin(Style style) throws Exception {
        start(style, Map.of());
        HtmlPage character = loginAndOpen("/character");
        app.sso.enqueue(Endpoint.TOKEN, Fault.invalidGrant());

        HtmlPage ended = character.<HtmlButton>getHtmlElementById("refresh-now").click();

        // the sample lets EveLoginExpiredException escape: the filter answers the POST with its login-expired page
        assertThat(ended.getWebResponse().getStatusCode()).isEqualTo(401);
        assertThat(ended.asNormalizedText()).contains("Your EVE SSO login has ended").contains("login_expired");
        assertThat(ended.getAnchorByText("Log in with EVE Online").getHrefAttribute()).isEqualTo("/sso/login");
        assertNothingSecretIn(ended);
        browser.getOptions().setRedirectEnabled(false);
        Page protectedPage = browser.getPage(app.url("/character").toURL());
        assertThat(protectedPage.getWebResponse().getStatusCode()).isEqualTo(302);
        assertThat(protectedPage.getWebResponse().getResponseHeaderValue("Location"))
                .startsWith(app.sso.authorizeUrl());
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void withoutTheWalletScopeTheWalletPageSaysWhatIsMissingAndCallsNoEsi(Style style) throws Exception {
        start(style, Map.of("eve.sso.scopes", "esi-skills.read_skills.v1"));
        loginAndOpen("/character");

        HtmlPage wallet = browser.getPage(app.url("/wallet").toURL());

        assertThat(wallet.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(wallet.getHtmlElementById("wallet-error").getTextContent())
                .contains("did not grant " + LocalEveSso.WALLET_SCOPE);
        assertNothingSecretIn(wallet);
        assertThat(app.sso.requestCount(Endpoint.ESI)).isZero();
    }

    private HtmlPage loginAndOpen(String path) throws Exception {
        HtmlPage page = browser.getPage(app.url(path).toURL());
        assertThat(page.getUrl().getPath()).isEqualTo(path);
        assertThat(page.getElementById("logout")).isNotNull();
        return page;
    }

    private void assertNothingSecretIn(HtmlPage page) {
        String body = page.getWebResponse().getContentAsString();
        assertThat(body).doesNotContain(SampleApp.CLIENT_SECRET).doesNotContain("eyJ")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void aUserAddsAnAltSwitchesRemovesItAndASkillsVisitAsksEveForTheExtraScope(Style style) throws Exception {
        start(style, Map.of());
        TestCharacter aura = app.sso.characters().get(0);
        TestCharacter kestrel = app.sso.characters().get(1);
        HtmlPage landing = browser.getPage(app.url("/").toURL());
        landing.getHtmlElementById("login-main").click();

        app.sso.nextLoginAs(kestrel.id());
        HtmlPage characters = browser.getPage(app.url("/characters").toURL());
        characters = characters.getHtmlElementById("add-character").click();
        assertThat(characters.getUrl().getPath()).isEqualTo("/characters");
        assertThat(characters.querySelectorAll("li.character-row")).hasSize(2);
        assertThat(characters.querySelector("li.character-row.active").getTextContent()).contains(kestrel.name());
        assertThat(characters.querySelectorAll("img.portrait.small")).hasSize(2);

        characters = characters.<HtmlButton>getHtmlElementById("switch-" + aura.id()).click();
        assertThat(characters.querySelector("li.character-row.active").getTextContent()).contains(aura.name());
        assertThat(characters.getHtmlElementById("logout").getParentNode().getTextContent()).contains(aura.name());

        characters = characters.<HtmlButton>getHtmlElementById("remove-" + kestrel.id()).click();
        assertThat(characters.querySelectorAll("li.character-row")).hasSize(1);
        assertThat(app.sso.revokedTokens()).hasSize(1);

        int authorizations = app.sso.requestCount(Endpoint.AUTHORIZE);
        HtmlPage skills = browser.getPage(app.url("/skills").toURL());
        assertThat(skills.getUrl().getPath()).as("back on the page after the step-up").isEqualTo("/skills");
        assertThat(app.sso.requestCount(Endpoint.AUTHORIZE)).as("asked EVE again").isEqualTo(authorizations + 1);
        assertThat(skills.getHtmlElementById("granted").getTextContent()).contains("esi-skills.read_skills.v1")
                .contains(LocalEveSso.WALLET_SCOPE);
        browser.getPage(app.url("/skills").toURL());
        assertThat(app.sso.requestCount(Endpoint.AUTHORIZE)).as("granted once, not asked again")
                .isEqualTo(authorizations + 1);
    }
}
