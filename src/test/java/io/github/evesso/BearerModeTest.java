package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.support.TestApp;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
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
 * Bearer mode on {@code /api/*}: requests carrying {@code Authorization: Bearer <EVE access token>} are logged in
 * statelessly (no session, no cookie, no redirect); every error is RFC 6750's, as JSON; tokens are verified once and
 * remembered until they expire; a flood of unknown key ids does not hammer the JWKS endpoint.
 */
class BearerModeTest {
    private static final List<String> WALLET = List.of(LocalEveSso.WALLET_SCOPE);

    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();
    private TestCharacter pilot;

    private void start(Consumer<EveSsoConfig.Builder> settings) {
        scenario = Scenario.start(b -> {
            b.bearerPaths(List.of("/api/*"));
            settings.accept(b);
        });
        pilot = scenario.sso.characters().get(0);
    }

    private void start() {
        start(b -> {
        });
    }

    private JWTClaimsSet.Builder claims(TestCharacter character, String clientId) {
        return scenario.sso.jwt().standardClaims(character, clientId, WALLET);
    }

    private String token(TestCharacter character) {
        return scenario.sso.jwt().sign(claims(character, TestApp.CLIENT_ID).build());
    }

    private Page call(String path, String authorization) {
        URI url = scenario.url(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return browser.send(request, url);
    }

    private Page bearer(String path, String token) {
        return call(path, "Bearer " + token);
    }

    private static void assertChallenge(Page page, int status, String error) {
        assertThat(page.status()).as(page.body()).isEqualTo(status);
        assertThat(page.header("WWW-Authenticate")).startsWith("Bearer realm=\"EVE Online\"");
        assertThat(page.header("Content-Type")).startsWith("application/json");
        assertThat(page.header("Location")).isNull();
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(page.body()).contains("\"error\":\"" + error + "\"").doesNotContain("Exception");
    }

    @Test
    void aValidTokenLogsTheRequestInWithoutASessionOrACookie() {
        start();

        Page page = bearer("/api/me?role=" + LocalEveSso.WALLET_SCOPE, token(pilot));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
        assertThat(page.line("remoteUser")).isEqualTo(pilot.name());
        assertThat(page.line("requestCharacter")).isEqualTo(Long.toString(pilot.id()));
        assertThat(page.line("inRole")).isEqualTo("true");
        assertThat(page.line("token")).as("the token itself is available").isNotBlank();
        assertThat(page.line("refreshToken")).as("there is none").isEmpty();
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(scenario.app.activeSessions()).isZero();
    }

    @Test
    void aRequestWithoutATokenGets401WithABareChallengeAndNoRedirect() {
        start();

        Page page = call("/api/me", null);

        assertChallenge(page, 401, "token_missing");
        assertThat(page.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"EVE Online\"");
        assertThat(scenario.app.activeSessions()).isZero();
    }

    @Test
    void aBrowserWithoutATokenIsNotRedirectedEither() {
        start();

        Page page = browser.getNoFollow(scenario.url("/api/me"));

        assertChallenge(page, 401, "token_missing");
    }

    @Test
    void aTokenInTheQueryOrAnotherSchemeIsNotReadAsABearerToken() {
        start();
        String token = token(pilot);

        assertChallenge(call("/api/me?access_token=" + token, null), 401, "token_missing");
        assertChallenge(call("/api/me", "Basic " + token), 401, "token_missing");
    }

    @Test
    void malformedForgedForeignOrExpiredTokensAreInvalidAndNeverEchoed() {
        start();
        String expired = scenario.sso.jwt().sign(claims(pilot, TestApp.CLIENT_ID)
                .expirationTime(Date.from(scenario.clock.instant().minus(Duration.ofMinutes(5)))).build());
        Map<String, String> tokens = Map.of(
                "malformed", "not-a-jwt",
                "unpublished key", scenario.sso.jwt().signWithUnpublishedKey(claims(pilot, TestApp.CLIENT_ID).build()),
                "wrong issuer", scenario.sso.jwt().sign(claims(pilot, TestApp.CLIENT_ID).issuer("evil.example").build()),
                "other client", scenario.sso.jwt().sign(claims(pilot, "another-eve-app").build()),
                "expired", expired);

        tokens.forEach((what, token) -> {
            Page page = bearer("/api/me", token);
            assertChallenge(page, 401, "invalid_token");
            assertThat(page.header("WWW-Authenticate")).as(what).contains("error=\"invalid_token\"")
                    .contains("error_description=\"");
            assertThat(page.body()).as(what).doesNotContain(token);
            assertThat(page.header("WWW-Authenticate")).as(what).doesNotContain(token);
        });
        assertThat(scenario.app.activeSessions()).isZero();
    }

    @Test
    void tokensOfAnotherEveApplicationAreAcceptedOnlyWhenTheOperatorTrustsIt() {
        start(b -> b.bearerClients(List.of(TestApp.CLIENT_ID, "another-eve-app")));

        Page page = bearer("/api/me", scenario.sso.jwt().sign(claims(pilot, "another-eve-app").build()));
        Page stranger = bearer("/api/me", scenario.sso.jwt().sign(claims(pilot, "stranger-app").build()));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
        assertChallenge(stranger, 401, "invalid_token");
    }

    @Test
    void aTokenWithoutTheScopesThePathRequiresGets403NamingThem() {
        start(b -> b.bearerRequiredScopes(Map.of("/api/wallet/*", List.of(LocalEveSso.WALLET_SCOPE,
                "esi-assets.read_assets.v1"))));
        String token = token(pilot);

        Page wallet = bearer("/api/wallet/balance", token);
        Page other = bearer("/api/me", token);

        assertChallenge(wallet, 403, "insufficient_scope");
        assertThat(wallet.header("WWW-Authenticate"))
                .contains("error=\"insufficient_scope\", scope=\"esi-assets.read_assets.v1\"");
        assertThat(other.status()).isEqualTo(200);
    }

    @Test
    void aCachedTokenStopsWorkingWhenItExpires() {
        start();
        String token = token(pilot);
        assertThat(bearer("/api/me", token).status()).isEqualTo(200);

        scenario.clock.advance(Duration.ofMinutes(19));
        assertThat(bearer("/api/me", token).status()).as("still valid").isEqualTo(200);
        scenario.clock.advance(Duration.ofMinutes(2).plus(scenario.app.config().clockSkew()));

        assertChallenge(bearer("/api/me", token), 401, "invalid_token");
    }

    @Test
    void aFloodOfTokensWithUnknownKeyIdsFetchesTheJwksAtMostTwice() {
        start();
        assertThat(bearer("/api/me", token(pilot)).status()).isEqualTo(200);
        int fetches = scenario.sso.requestCount(Endpoint.JWKS);

        for (int i = 0; i < 50; i++) {
            String forged = scenario.sso.jwt().signWithUnknownKid(claims(pilot, TestApp.CLIENT_ID).build());
            assertChallenge(bearer("/api/me", forged), 401, "invalid_token");
        }

        assertThat(scenario.sso.requestCount(Endpoint.JWKS) - fetches).isLessThanOrEqualTo(1);
    }

    @Test
    void anUnreachableJwksIsA503NotAnInvalidToken() {
        start();
        scenario.sso.failUntilCleared(Endpoint.JWKS, Fault.status(503));

        Page page = bearer("/api/me", token(pilot));

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.header("Retry-After")).isNotBlank();
        assertThat(page.body()).contains("\"error\":\"sso_unavailable\"");
    }

    @Test
    @Timeout(60)
    void twoHundredParallelRequestsWithTenTokensEachSeeTheirOwnCharacter() throws Exception {
        start();
        List<TestCharacter> characters = scenario.sso.characters().subList(0, Math.min(10,
                scenario.sso.characters().size()));
        List<String> tokens = characters.stream().map(this::token).toList();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Page>> pages = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String token = tokens.get(i % tokens.size());
                pages.add(pool.submit(() -> bearer("/api/me", token)));
            }
            for (int i = 0; i < pages.size(); i++) {
                Page page = pages.get(i).get(30, TimeUnit.SECONDS);
                TestCharacter expected = characters.get(i % characters.size());
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.line("principal")).isEqualTo(expected.id() + ":" + expected.name());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(scenario.app.activeSessions()).isZero();
    }

    @Test
    void aMixedPathUsesTheBearerTokenWhenSentAndTheSessionLoginOtherwise() {
        scenario = Scenario.start(b -> b.bearerOrSessionPaths(List.of("/api/*")));
        TestCharacter first = scenario.sso.characters().get(0);
        TestCharacter second = scenario.sso.characters().get(1);
        scenario.logIn(browser); // the session's character is the first

        Page withSession = browser.ajax(scenario.url("/api/me"));
        Page withBoth = bearer("/api/me", token(second));

        assertThat(withSession.status()).isEqualTo(200);
        assertThat(withSession.line("principal")).isEqualTo(first.id() + ":" + first.name());
        assertThat(withBoth.status()).isEqualTo(200);
        assertThat(withBoth.line("principal")).as("the bearer token wins").isEqualTo(second.id() + ":"
                + second.name());
        Page anonymous = new Browser().ajax(scenario.url("/api/me"));
        assertThat(anonymous.status()).as("neither: the session rules apply").isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("EveSSO");
    }
}
