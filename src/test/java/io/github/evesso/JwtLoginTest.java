package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.support.TestApp;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.JwtMinter;
import io.github.evesso.testing.RecordedRequest;
import io.github.evesso.testing.TestCharacter;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Access-token validation through the whole browser login: a forged or broken token from the token endpoint
 * ({@link Fault#accessToken}) ends the login with 401 {@code token_invalid} and no session login, and a rotation of
 * the SSO's signing key is picked up without a restart, for new logins and for refreshes of existing ones.
 */
class JwtLoginTest {
    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();


    /** Broken access tokens the SSO could hand out; each must refuse the login. */
    enum BadToken {
        BAD_SIGNATURE {
            @Override
            String mint(JwtMinter jwt, JWTClaimsSet.Builder claims, Instant now) {
                return jwt.signWithUnpublishedKey(claims.build());
            }
        },
        WRONG_ISSUER {
            @Override
            String mint(JwtMinter jwt, JWTClaimsSet.Builder claims, Instant now) {
                return jwt.sign(claims.issuer("https://login.evil.example").build());
            }
        },
        AUDIENCE_WITHOUT_EVE_ONLINE {
            @Override
            String mint(JwtMinter jwt, JWTClaimsSet.Builder claims, Instant now) {
                return jwt.sign(claims.audience(List.of(TestApp.CLIENT_ID)).build());
            }
        },
        EXPIRED {
            @Override
            String mint(JwtMinter jwt, JWTClaimsSet.Builder claims, Instant now) {
                return jwt.sign(claims.issueTime(Date.from(now.minus(Duration.ofMinutes(30))))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(10)))).build());
            }
        },
        ALG_NONE {
            @Override
            String mint(JwtMinter jwt, JWTClaimsSet.Builder claims, Instant now) {
                return jwt.unsecured(claims.build());
            }
        },
        HS256_WITH_PUBLIC_KEY {
            @Override
            String mint(JwtMinter jwt, JWTClaimsSet.Builder claims, Instant now) {
                return jwt.signHs256WithPublicKey(claims.build());
            }
        },
        MALFORMED_SUBJECT {
            @Override
            String mint(JwtMinter jwt, JWTClaimsSet.Builder claims, Instant now) {
                return jwt.sign(claims.subject("CHARACTER:EVE:abc").build());
            }
        },
        UNKNOWN_KID {
            @Override
            String mint(JwtMinter jwt, JWTClaimsSet.Builder claims, Instant now) {
                return jwt.signWithUnknownKid(claims.build());
            }
        };

        abstract String mint(JwtMinter jwt, JWTClaimsSet.Builder claims, Instant now);
    }

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void badAccessTokenRefusesTheLoginWith401AndLeavesNoLogin(BadToken kind) {
        scenario = Scenario.start();
        TestCharacter pilot = scenario.sso.characters().get(0);
        String bad = kind.mint(scenario.sso.jwt(),
                scenario.sso.jwt().standardClaims(pilot, TestApp.CLIENT_ID, TestApp.SCOPES), scenario.clock.instant());
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.accessToken(bad));

        Page page = browser.get(scenario.url("/protected/home"));

        assertThat(page.status()).isEqualTo(401);
        assertThat(page.uri().getPath()).isEqualTo(TestApp.CONTEXT + "/sso/callback");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.body()).contains("token_invalid")
                .doesNotContain(TestApp.CLIENT_SECRET)
                .doesNotContain(bad)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        for (String part : bad.split("\\.")) {
            if (part.length() >= 12) {
                assertThat(page.body()).doesNotContain(part);
            }
        }
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isEqualTo(1); // the token really came from the SSO
        // the refused login leaves no live grant: the refresh token issued with the bad access token is revoked
        assertThat(scenario.sso.revokedTokens()).hasSize(1);

        Page session = browser.get(scenario.url("/public/whoami"));
        assertThat(session.line("sessionCharacter")).isEmpty();
        assertThat(session.line("remoteUser")).isEqualTo("null");
        Page next = browser.getNoFollow(scenario.url("/protected/home"));
        assertThat(next.status()).isEqualTo(302);
        assertThat(next.header("Location")).startsWith(scenario.sso.authorizeUrl() + "?");
    }

    @Test
    void loginSucceedsAgainOnceTheSsoSendsAGoodToken() {
        scenario = Scenario.start();
        TestCharacter pilot = scenario.sso.characters().get(0);
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.accessToken(scenario.sso.jwt().signWithUnpublishedKey(
                scenario.sso.jwt().standardClaims(pilot, TestApp.CLIENT_ID, TestApp.SCOPES).build())));
        assertThat(browser.get(scenario.url("/protected/home")).status()).isEqualTo(401);

        Page page = scenario.logIn(browser);

        assertThat(page.line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
    }

    @Test
    void keyRotationWhileLoggedInNeedsNoRestartForNewLoginsNorForRefreshes() {
        scenario = Scenario.start();
        TestCharacter pilot = scenario.sso.characters().get(0);
        TestCharacter other = scenario.sso.characters().get(1);
        Page before = scenario.logIn(browser);
        String initialKid = scenario.sso.jwt().currentKid();
        int fetches = scenario.sso.requestCount(Endpoint.JWKS);

        scenario.sso.rotateKey();
        String newKid = scenario.sso.jwt().currentKid();
        assertThat(newKid).isNotEqualTo(initialKid);
        Browser second = new Browser();
        scenario.sso.nextLoginAs(other.id());
        Page secondLogin = scenario.logIn(second);

        assertThat(secondLogin.line("principal")).isEqualTo(other.id() + ":" + other.name());
        assertThat(scenario.sso.requestCount(Endpoint.JWKS)).isEqualTo(fetches + 1);

        scenario.clock.advance(Duration.ofMinutes(19).plusSeconds(30)); // inside the 60 s refresh window
        Page refreshed = browser.get(scenario.url("/protected/home"));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.redirects()).isEmpty();
        assertThat(refreshed.line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
        assertThat(refreshed.line("token")).isNotEqualTo(before.line("token"));
        assertThat(refreshed.line("expiresAt")).as("now + expires_in").isEqualTo(scenario.clock.instant()
                .plus(Duration.ofMinutes(20)).minusSeconds(1).toString());
        RecordedRequest refresh = lastTokenRequest();
        assertThat(refresh.formValue("grant_type")).isEqualTo("refresh_token");
        assertThat(scenario.sso.requestCount(Endpoint.JWKS)).isEqualTo(fetches + 1);
    }

    @Test
    void refreshSignedByARotatedKeyIsAcceptedWithoutAnyOtherLogin() {
        scenario = Scenario.start();
        TestCharacter pilot = scenario.sso.characters().get(0);
        Page before = scenario.logIn(browser);

        scenario.sso.rotateKey();
        scenario.sso.dropOldKeys();
        scenario.clock.advance(Duration.ofMinutes(19).plusSeconds(30));
        Page refreshed = browser.get(scenario.url("/protected/home"));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.redirects()).isEmpty();
        assertThat(refreshed.line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
        assertThat(refreshed.line("token")).isNotEqualTo(before.line("token"));
        assertThat(lastTokenRequest().formValue("grant_type")).isEqualTo("refresh_token");
        assertThat(scenario.sso.requestCount(Endpoint.JWKS)).isEqualTo(2); // refetched for the new kid
    }

    private RecordedRequest lastTokenRequest() {
        RecordedRequest last = null;
        for (Optional<RecordedRequest> next = scenario.sso.pollRequest(Endpoint.TOKEN); next.isPresent();
                next = scenario.sso.pollRequest(Endpoint.TOKEN)) {
            last = next.get();
        }
        assertThat(last).isNotNull();
        return last;
    }
}
