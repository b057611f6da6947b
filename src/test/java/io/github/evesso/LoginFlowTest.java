package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.support.TestApp;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.RecordedRequest;
import io.github.evesso.testing.TestCharacter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The happy path: protect, redirect, callback, log in, expose the character. */
class LoginFlowTest {
    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();


    private static Map<String, String> query(URI uri) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            map.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return map;
    }

    @Test
    void protectedPageRedirectsToAuthorizeWithEveParametersAndPkce() {
        scenario = Scenario.start();
        Page page = browser.getNoFollow(scenario.url("/protected/home?tab=1"));

        assertThat(page.status()).isEqualTo(302);
        URI location = URI.create(page.header("Location"));
        assertThat(location.toString()).startsWith(scenario.sso.authorizeUrl() + "?");
        assertThat(location.getRawQuery()).contains("scope=esi-skills.read_skills.v1%20esi-wallet.read_character_wallet.v1");
        Map<String, String> q = query(location);
        assertThat(q).containsEntry("response_type", "code")
                .containsEntry("redirect_uri", scenario.app.callbackUrl().toString())
                .containsEntry("client_id", TestApp.CLIENT_ID)
                .containsEntry("code_challenge_method", "S256");
        assertThat(Base64.getUrlDecoder().decode(q.get("state"))).hasSizeGreaterThanOrEqualTo(16);
        assertThat(q.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void fullLoginReturnsToTheOriginalUrlAndExposesTheCharacter() {
        scenario = Scenario.start();
        TestCharacter pilot = scenario.sso.characters().get(0);

        Page page = browser.get(scenario.url("/protected/home?tab=skills&x=%2F"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.uri()).isEqualTo(scenario.url("/protected/home?tab=skills&x=%2F"));
        assertThat(page.line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
        assertThat(page.line("remoteUser")).isEqualTo(pilot.name());
        assertThat(page.line("authType")).isEqualTo(EveSso.AUTH_TYPE);
        assertThat(page.line("owner")).isEqualTo(pilot.ownerHash());
        assertThat(page.line("scopes")).isEqualTo("esi-skills.read_skills.v1 esi-wallet.read_character_wallet.v1");
        assertThat(page.line("sessionCharacter")).isEqualTo(String.valueOf(pilot.id()));
        assertThat(page.line("requestCharacter")).isEqualTo(String.valueOf(pilot.id()));
        assertThat(page.line("sessionToken")).isEqualTo("true");
        assertThat(page.line("token")).isNotBlank();
        assertThat(page.line("refreshToken")).isNotBlank();
    }

    @Test
    void codeExchangeUsesBasicAuthFormBodyAndPkceVerifier() {
        scenario = Scenario.start();
        scenario.logIn(browser);

        RecordedRequest token = scenario.sso.takeRequest(Endpoint.TOKEN);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(token.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                (TestApp.CLIENT_ID + ":" + TestApp.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(token.formValue("grant_type")).isEqualTo("authorization_code");
        assertThat(token.formValue("code")).isNotBlank();
        assertThat(token.formValue("redirect_uri")).isEqualTo(scenario.app.callbackUrl().toString());
        assertThat(token.formValue("code_verifier")).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void loginWorksAgainstAnSsoThatRequiresTheRedirectUriAtTheCodeExchange() {
        scenario = Scenario.start(sso -> sso.strictRedirectUri(true), app -> {
        });

        scenario.logIn(browser);

        assertThat(scenario.sso.takeRequest(Endpoint.TOKEN).formValue("redirect_uri"))
                .isEqualTo(scenario.app.callbackUrl().toString());
    }

    @Test
    void loginChangesTheSessionId() {
        scenario = Scenario.start();
        browser.getNoFollow(scenario.url("/protected/home"));
        String before = browser.cookie(scenario.url("/"), "JSESSIONID");

        scenario.logIn(browser);

        String after = browser.cookie(scenario.url("/"), "JSESSIONID");
        assertThat(before).isNotNull();
        assertThat(after).isNotNull().isNotEqualTo(before);
    }

    @Test
    void scopesAreRolesAndAnyCharacterHasTheStarStarRole() {
        scenario = Scenario.start();
        scenario.logIn(browser);

        assertThat(browser.get(scenario.url("/protected/x?role=" + LocalEveSso.WALLET_SCOPE)).line("inRole")).isEqualTo("true");
        assertThat(browser.get(scenario.url("/protected/x?role=esi-mail.send_mail.v1")).line("inRole")).isEqualTo("false");
        assertThat(browser.get(scenario.url("/protected/x?role=**")).line("inRole")).isEqualTo("true");
    }

    @Test
    void loginWithPkceOffSendsNoChallengeNorVerifier() {
        scenario = Scenario.start(b -> b.pkce(false));
        Page redirect = browser.getNoFollow(scenario.url("/protected/home"));
        assertThat(query(URI.create(redirect.header("Location")))).doesNotContainKeys("code_challenge", "code_challenge_method");

        scenario.logIn(browser);

        assertThat(scenario.sso.takeRequest(Endpoint.TOKEN).form()).doesNotContainKey("code_verifier");
    }

    @Test
    void loggingInAsAnotherCharacterStartsAFreshSessionAndEndsThePreviousLogin() {
        scenario = Scenario.start();
        TestCharacter first = scenario.sso.characters().get(0);
        TestCharacter second = scenario.sso.characters().get(1);
        scenario.logIn(browser);
        browser.get(scenario.url("/protected/x?put=first-users-cart"));
        String firstRefreshToken = scenario.sso.issuedRefreshTokens().get(0);

        scenario.sso.nextLoginAs(second.id());
        Page page = browser.get(scenario.url("/sso/login?return=/protected/home"));

        assertThat(page.line("principal")).isEqualTo(second.id() + ":" + second.name());
        assertThat(page.line("appData")).as("nothing of the previous user carries over").isEmpty();
        assertThat(scenario.sso.revokedTokens()).containsExactly(firstRefreshToken);
        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    void loggingInAgainAsTheSameCharacterKeepsTheSessionDataAndRevokesTheOldGrant() {
        scenario = Scenario.start();
        scenario.logIn(browser);
        browser.get(scenario.url("/protected/x?put=kept"));
        String before = browser.cookie(scenario.url("/"), "JSESSIONID");
        String firstRefreshToken = scenario.sso.issuedRefreshTokens().get(0);

        Page page = browser.get(scenario.url("/sso/login?return=/protected/home"));

        assertThat(page.line("appData")).isEqualTo("kept");
        assertThat(browser.cookie(scenario.url("/"), "JSESSIONID")).isNotEqualTo(before);
        assertThat(scenario.sso.revokedTokens()).containsExactly(firstRefreshToken);
    }

    @Test
    void aHeadRequestToTheCallbackSpendsNeitherStateNorCode() {
        scenario = Scenario.start();
        Page toSso = browser.getNoFollow(scenario.url("/protected/home"));
        Page fromSso = browser.getNoFollow(URI.create(toSso.header("Location")));
        URI callback = URI.create(fromSso.header("Location"));

        Page head = browser.send(java.net.http.HttpRequest.newBuilder(callback)
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()), callback);

        assertThat(head.status()).isEqualTo(405);
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isZero();
        assertThat(browser.get(callback).line("path")).isEqualTo("/protected/home");
    }
}
