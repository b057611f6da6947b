package io.github.evesso.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.github.evesso.support.TestClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Drives the local EVE SSO over real loopback HTTP, as the library under test will. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalEveSsoTest {

    private static final String CLIENT_ID = "test-client";
    private static final String SECRET = "test-secret";
    private static final String CALLBACK = "http://localhost:8080/app/callback";
    private static final List<String> TWO_SCOPES =
            List.of("esi-skills.read_skills.v1", LocalEveSso.WALLET_SCOPE);

    private final TestClock clock = new TestClock();
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private LocalEveSso sso;

    @BeforeEach
    void start() {
        sso = LocalEveSso.builder().clock(clock).client(CLIENT_ID, SECRET, CALLBACK).build().start();
    }

    @AfterEach
    void stop() {
        sso.close();
    }

    // ------------------------------------------------------------------ metadata and URLs

    @Test
    void metadataDescribesEveShapedEndpointsOnLoopback() throws Exception {
        assertThat(sso.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        HttpResponse<String> r = get(sso.metadataUrl());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        Map<String, Object> m = json(r);
        String base = sso.baseUrl();
        assertThat(m).containsEntry("issuer", base)
                .containsEntry("authorization_endpoint", base + "/v2/oauth/authorize")
                .containsEntry("token_endpoint", base + "/v2/oauth/token")
                .containsEntry("jwks_uri", base + "/oauth/jwks")
                .containsEntry("revocation_endpoint", base + "/v2/oauth/revoke")
                .containsEntry("response_types_supported", List.of("code", "token"))
                .containsEntry("code_challenge_methods_supported", List.of("S256"))
                .containsEntry("token_endpoint_auth_methods_supported",
                        List.of("client_secret_basic", "client_secret_post"))
                .containsEntry("revocation_endpoint_auth_methods_supported",
                        List.of("client_secret_basic", "client_secret_post"));
        assertThat(sso.authorizeUrl()).isEqualTo(base + "/v2/oauth/authorize");
        assertThat(sso.tokenUrl()).isEqualTo(base + "/v2/oauth/token");
        assertThat(sso.jwksUrl()).isEqualTo(base + "/oauth/jwks");
        assertThat(sso.revokeUrl()).isEqualTo(base + "/v2/oauth/revoke");
        assertThat(sso.esiBaseUrl()).isEqualTo(base + "/latest");
        assertThat(sso.requestCount(Endpoint.METADATA)).isEqualTo(1);
    }

    @Test
    void configuredIssuerIsUsedInMetadataAndTokens() throws Exception {
        try (LocalEveSso other = LocalEveSso.builder().issuer("https://login.eveonline.com")
                .client(CLIENT_ID, SECRET, CALLBACK).build().start()) {
            assertThat(json(get(other.metadataUrl()))).containsEntry("issuer", "https://login.eveonline.com");
            String token = other.jwt().sign(other.jwt().standardClaims(other.characters().get(0), CLIENT_ID,
                    List.of()).build());
            assertThat(SignedJWT.parse(token).getJWTClaimsSet().getIssuer()).isEqualTo("https://login.eveonline.com");
        }
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        assertThat(get(sso.baseUrl() + "/v1/oauth/whatever").statusCode()).isEqualTo(404);
        assertThat(get(sso.esiBaseUrl() + "/characters/90000001/skills/").statusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ the code flow

    @Test
    void authorizationCodeFlowWithPkceIssuesEveShapedTokens() throws Exception {
        Pkce pkce = Pkce.create();
        String code = authorize(TWO_SCOPES, "st4te", pkce.challenge());

        HttpResponse<String> r = postToken(basic(CLIENT_ID, SECRET),
                "grant_type=authorization_code&code=" + enc(code) + "&code_verifier=" + pkce.verifier());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        Map<String, Object> body = json(r);
        assertThat(body.keySet()).containsExactly("access_token", "expires_in", "token_type", "refresh_token");
        assertThat(body).containsEntry("expires_in", 1199L).containsEntry("token_type", "Bearer");
        assertThat((String) body.get("refresh_token")).endsWith("=");

        String accessToken = (String) body.get("access_token");
        JWTClaimsSet claims = verifyAgainstPublishedJwks(accessToken);
        TestCharacter aura = sso.characters().get(0);
        assertThat(SignedJWT.parse(accessToken).getHeader().toJSONObject())
                .isEqualTo(Map.of("alg", "RS256", "kid", "JWT-Signature-Key", "typ", "JWT"));
        assertThat(claims.getClaim("scp")).isEqualTo(TWO_SCOPES);
        assertThat(claims.getJWTID()).matches("[0-9a-f-]{36}");
        assertThat(claims.getClaim("kid")).isEqualTo("JWT-Signature-Key");
        assertThat(claims.getSubject()).isEqualTo("CHARACTER:EVE:90000001");
        assertThat(claims.getClaim("azp")).isEqualTo(CLIENT_ID);
        assertThat(claims.getClaim("tenant")).isEqualTo("tranquility");
        assertThat(claims.getClaim("tier")).isEqualTo("live");
        assertThat(claims.getClaim("region")).isEqualTo("world");
        assertThat(claims.getAudience()).containsExactly(CLIENT_ID, "EVE Online");
        assertThat(claims.getClaim("name")).isEqualTo("Aura Testpilot");
        assertThat(claims.getClaim("owner")).isEqualTo(aura.ownerHash());
        assertThat(aura.ownerHash()).matches("[A-Za-z0-9+/]{27}=");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(20));
        assertThat(claims.getIssuer()).isEqualTo(sso.baseUrl());

        RecordedRequest recorded = sso.takeRequest(Endpoint.TOKEN);
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/v2/oauth/token");
        assertThat(recorded.header("authorization")).isEqualTo(basic(CLIENT_ID, SECRET));
        assertThat(recorded.formValue("code")).isEqualTo(code);
        assertThat(recorded.form()).containsKeys("grant_type", "code", "code_verifier");
        assertThat(recorded.toString()).doesNotContain(code);
        assertThat(sso.pollRequest(Endpoint.TOKEN)).isEmpty();
        RecordedRequest authorize = sso.takeRequest(Endpoint.AUTHORIZE);
        assertThat(authorize.query().get("scope")).containsExactly(String.join(" ", TWO_SCOPES));
        assertThat(authorize.queryValue("state")).isEqualTo("st4te");
    }

    @Test
    void singleScopeIsAPlainStringClaim() throws Exception {
        String token = accessToken(tokens(List.of(LocalEveSso.WALLET_SCOPE)));
        assertThat(verifyAgainstPublishedJwks(token).getClaim("scp")).isEqualTo(LocalEveSso.WALLET_SCOPE);
    }

    @Test
    void loginWithoutScopesHasNoScpClaimAndNoRefreshToken() throws Exception {
        Map<String, Object> body = tokens(List.of());
        assertThat(body).doesNotContainKey("refresh_token");
        JWTClaimsSet claims = verifyAgainstPublishedJwks(accessToken(body));
        assertThat(claims.getClaims()).doesNotContainKey("scp");
    }

    @Test
    void authorizationCodeIsSingleUse() throws Exception {
        Pkce pkce = Pkce.create();
        String code = authorize(TWO_SCOPES, "s", pkce.challenge());
        String form = "grant_type=authorization_code&code=" + enc(code) + "&code_verifier=" + pkce.verifier();
        assertThat(postToken(basic(CLIENT_ID, SECRET), form).statusCode()).isEqualTo(200);

        HttpResponse<String> again = postToken(basic(CLIENT_ID, SECRET), form);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again)).containsEntry("error", "invalid_grant");
    }

    @Test
    void authorizationCodeExpiresAfterFiveMinutesByTheClock() throws Exception {
        String code = authorize(TWO_SCOPES, "s", null);
        clock.advance(LocalEveSso.CODE_LIFETIME.plusSeconds(1));
        HttpResponse<String> r = postToken(basic(CLIENT_ID, SECRET),
                "grant_type=authorization_code&code=" + enc(code));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r)).containsEntry("error", "invalid_grant");
    }

    @Test
    void wrongOrMissingCodeVerifierIsRejected() throws Exception {
        Pkce pkce = Pkce.create();
        String code = authorize(TWO_SCOPES, "s", pkce.challenge());
        HttpResponse<String> wrong = postToken(basic(CLIENT_ID, SECRET), "grant_type=authorization_code&code="
                + enc(code) + "&code_verifier=" + Pkce.create().verifier());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json(wrong)).containsEntry("error", "invalid_grant");

        String code2 = authorize(TWO_SCOPES, "s", pkce.challenge());
        HttpResponse<String> missing = postToken(basic(CLIENT_ID, SECRET),
                "grant_type=authorization_code&code=" + enc(code2));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing)).containsEntry("error", "invalid_grant");
    }

    @Test
    void codeIssuedToAnotherClientIsRejected() throws Exception {
        sso.registerClient("other", "other-secret", "http://localhost:9999/cb");
        String code = authorize(TWO_SCOPES, "s", null);
        HttpResponse<String> r = postToken(basic("other", "other-secret"),
                "grant_type=authorization_code&code=" + enc(code));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r)).containsEntry("error", "invalid_grant");
    }

    @Test
    void badBasicAuthIsRejectedWithEveChallenge() throws Exception {
        String code = authorize(TWO_SCOPES, "s", null);
        String form = "grant_type=authorization_code&code=" + enc(code);
        String unpadded = basic(CLIENT_ID, SECRET).replace("=", "");
        assertThat(basic(CLIENT_ID, SECRET)).endsWith("=");
        for (String authorization : new String[] {basic(CLIENT_ID, "wrong"), basic("nobody", SECRET), unpadded,
                null, "Bearer " + SECRET}) {
            HttpResponse<String> r = postToken(authorization, form);
            assertThat(r.statusCode()).as(String.valueOf(authorization != null)).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"login.eveonline.com\"");
            assertThat(json(r)).containsEntry("error", "invalid_client");
        }
        assertThat(postToken(basic(CLIENT_ID, SECRET), form).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenEndpointRejectsNonFormBodiesAndUnknownGrants() throws Exception {
        HttpResponse<String> jsonBody = send(HttpRequest.newBuilder(URI.create(sso.tokenUrl()))
                .header("Authorization", basic(CLIENT_ID, SECRET)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"authorization_code\"}")));
        assertThat(jsonBody.statusCode()).isEqualTo(400);
        assertThat(json(jsonBody)).containsEntry("error", "invalid_request");

        HttpResponse<String> unknown = postToken(basic(CLIENT_ID, SECRET), "grant_type=password");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown)).containsEntry("error", "unsupported_grant_type");
    }

    @Test
    void publicClientUsesPkceInsteadOfASecret() throws Exception {
        sso.registerClient("native-app", null, "http://localhost:7000/cb");
        Pkce pkce = Pkce.create();
        HttpResponse<String> r = get(sso.authorizeUrl() + "?response_type=code&client_id=native-app"
                + "&redirect_uri=" + enc("http://localhost:7000/cb") + "&scope=" + enc(LocalEveSso.WALLET_SCOPE)
                + "&state=x&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256");
        String code = query(location(r)).get("code");
        HttpResponse<String> t = postToken(null, "grant_type=authorization_code&client_id=native-app&code="
                + enc(code) + "&code_verifier=" + pkce.verifier());
        assertThat(t.statusCode()).isEqualTo(200);
    }

    @Test
    void issuedAuthorizationCodeIsExchangedLikeOneFromTheBrowserLeg() throws Exception {
        Pkce pkce = Pkce.create();
        String code = sso.issueAuthorizationCode(90000002L, CLIENT_ID, TWO_SCOPES, pkce.challenge());
        String form = "grant_type=authorization_code&code=" + enc(code) + "&code_verifier=" + pkce.verifier()
                + "&redirect_uri=" + enc(CALLBACK);

        HttpResponse<String> r = postToken(basic(CLIENT_ID, SECRET), form);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(subjectOf(json(r))).isEqualTo("CHARACTER:EVE:90000002");
        assertThat(postToken(basic(CLIENT_ID, SECRET), form).statusCode()).as("single use").isEqualTo(400);
        assertThatThrownBy(() -> sso.issueAuthorizationCode(90000001L, "nobody", TWO_SCOPES, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ client authentication

    @Test
    void everyAdvertisedClientAuthenticationMethodIsAcceptedAtTheTokenAndRevocationEndpoints() throws Exception {
        Map<String, Object> metadata = json(get(sso.metadataUrl()));
        assertThat(metadata.get("revocation_endpoint_auth_methods_supported"))
                .isEqualTo(metadata.get("token_endpoint_auth_methods_supported"));

        for (Object method : (List<?>) metadata.get("token_endpoint_auth_methods_supported")) {
            String[] auth = credentials((String) method);
            String token = sso.issueRefreshToken(90000001L, CLIENT_ID, TWO_SCOPES);
            HttpResponse<String> refreshed = postForm(sso.tokenUrl(), auth[0],
                    auth[1] + "grant_type=refresh_token&refresh_token=" + enc(token));
            assertThat(refreshed.statusCode()).as("refresh with %s", method).isEqualTo(200);
            String next = (String) json(refreshed).get("refresh_token");
            HttpResponse<String> revoked = postForm(sso.revokeUrl(), auth[0],
                    auth[1] + "token_type_hint=refresh_token&token=" + enc(next));
            assertThat(revoked.statusCode()).as("revoke with %s", method).isEqualTo(200);
            assertThat(sso.isRefreshTokenValid(next)).as("revoked with %s", method).isFalse();
        }
    }

    @Test
    void clientSecretPostWithAWrongSecretOrWithoutOneIsRejected() throws Exception {
        sso.registerClient("native-app", null, "http://localhost:7000/cb");
        for (String fields : List.of("client_id=" + CLIENT_ID + "&client_secret=wrong",
                "client_id=nobody&client_secret=" + SECRET, "client_id=" + CLIENT_ID,
                "client_id=native-app&client_secret=anything")) {
            HttpResponse<String> r = postToken(null, fields + "&grant_type=refresh_token&refresh_token=x");
            assertThat(r.statusCode()).as(fields).isEqualTo(401);
            assertThat(json(r)).containsEntry("error", "invalid_client");
        }
    }

    @Test
    void basicAndPostCredentialsInOneRequestAreRefused() throws Exception {
        HttpResponse<String> r = postToken(basic(CLIENT_ID, SECRET),
                "client_id=" + CLIENT_ID + "&client_secret=" + SECRET + "&grant_type=refresh_token&refresh_token=x");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r)).containsEntry("error", "invalid_request");
    }

    @Test
    void basicCredentialsAreUrlDecodedAsRfc6749Section231HasClientsEncodeThem() throws Exception {
        sso.registerClient("dev-client", "dev-secret", CALLBACK);
        String special = "p@ss word+/=%";
        sso.registerClient("special-client", special, CALLBACK);

        // a standards client that percent-encodes all but letters and digits before Base64
        assertThat(refreshWith("Basic " + base64("dev%2Dclient:dev%2Dsecret"), "dev-client")).isEqualTo(200);
        // form-urlencoded as RFC 6749 Appendix B says
        assertThat(refreshWith(basic(URLEncoder.encode("special-client", StandardCharsets.UTF_8),
                URLEncoder.encode(special, StandardCharsets.UTF_8)), "special-client")).isEqualTo(200);
        // EVE's own form, as the library sends it: plain characters need no encoding
        assertThat(refreshWith(basic("dev-client", "dev-secret"), "dev-client")).isEqualTo(200);
        assertThat(refreshWith("Basic " + base64("dev-client:dev%ZZsecret"), "dev-client")).as("malformed escape")
                .isEqualTo(401);
    }

    // ------------------------------------------------------------------ refresh and revoke

    @Test
    void refreshTokenIsSingleUseWhenRotationIsOn() throws Exception {
        String first = (String) tokens(TWO_SCOPES).get("refresh_token");

        HttpResponse<String> r = refresh(first, null);
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Object> body = json(r);
        String second = (String) body.get("refresh_token");
        assertThat(second).isNotEqualTo(first);
        assertThat(verifyAgainstPublishedJwks(accessToken(body)).getClaim("scp")).isEqualTo(TWO_SCOPES);
        assertThat(sso.isRefreshTokenValid(first)).isFalse();
        assertThat(sso.isRefreshTokenValid(second)).isTrue();

        HttpResponse<String> reuse = refresh(first, null);
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(json(reuse)).containsEntry("error", "invalid_grant")
                .containsEntry("error_description", "Invalid refresh token.");
        assertThat(sso.takeRequest(Endpoint.TOKEN).formValue("grant_type")).isEqualTo("authorization_code");
        assertThat(sso.takeRequest(Endpoint.TOKEN).formValue("refresh_token")).isEqualTo(first);
    }

    @Test
    void aSpentRefreshTokenPresentedAgainIsCountedAsReusedButARevokedOneIsNot() throws Exception {
        String first = (String) tokens(TWO_SCOPES).get("refresh_token");
        String second = (String) json(refresh(first, null)).get("refresh_token");
        assertThat(sso.reusedRefreshTokens()).isEmpty();

        assertThat(refresh(first, null).statusCode()).isEqualTo(400);
        assertThat(refresh(first, null).statusCode()).isEqualTo(400);
        assertThat(sso.reusedRefreshTokens()).containsExactly(first, first);

        send(HttpRequest.newBuilder(URI.create(sso.revokeUrl())).header("Authorization", basic(CLIENT_ID, SECRET))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(second))));
        assertThat(refresh(second, null).statusCode()).isEqualTo(400);
        assertThat(refresh("never-issued", null).statusCode()).isEqualTo(400);
        assertThat(sso.reusedRefreshTokens()).containsExactly(first, first);
    }

    @Test
    void refreshTokenIsReusableWhenRotationIsOff() throws Exception {
        try (LocalEveSso stable = LocalEveSso.builder().rotateRefreshTokens(false)
                .client(CLIENT_ID, SECRET, CALLBACK).build().start()) {
            String token = stable.issueRefreshToken(90000002L, CLIENT_ID, TWO_SCOPES);
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(stable.tokenUrl()))
                        .header("Authorization", basic(CLIENT_ID, SECRET))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                                + enc(token))));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(json(r)).containsEntry("refresh_token", token);
            }
        }
    }

    @Test
    void refreshCanNarrowButNotWidenScopes() throws Exception {
        String token = sso.issueRefreshToken(90000001L, CLIENT_ID, TWO_SCOPES);
        HttpResponse<String> narrowed = refresh(token, LocalEveSso.WALLET_SCOPE);
        assertThat(narrowed.statusCode()).isEqualTo(200);
        assertThat(verifyAgainstPublishedJwks(accessToken(json(narrowed))).getClaim("scp"))
                .isEqualTo(LocalEveSso.WALLET_SCOPE);

        HttpResponse<String> widened = refresh((String) json(narrowed).get("refresh_token"),
                LocalEveSso.WALLET_SCOPE + " esi-mail.send_mail.v1");
        assertThat(widened.statusCode()).isEqualTo(400);
        assertThat(json(widened)).containsEntry("error", "invalid_scope");
    }

    @Test
    void refreshTokensArePaddedStandardBase64SoClientsMustUrlEncodeThem() throws Exception {
        String token = sso.issueRefreshToken(90000001L, CLIENT_ID, TWO_SCOPES);
        assertThat(token).matches("[A-Za-z0-9+/]{43}=");
        String mangled = token.replace('=', ' ').trim() + "%2B";
        assertThat(refresh(null, null, "grant_type=refresh_token&refresh_token=" + mangled).statusCode())
                .isEqualTo(400);
        assertThat(refresh(token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void revokedRefreshTokenIsDeadAndRecorded() throws Exception {
        String token = (String) tokens(TWO_SCOPES).get("refresh_token");
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(sso.revokeUrl()))
                .header("Authorization", basic(CLIENT_ID, SECRET))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token_type_hint=refresh_token&token=" + enc(token))));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sso.revokedTokens()).containsExactly(token);
        assertThat(sso.isRefreshTokenValid(token)).isFalse();
        assertThat(refresh(token, null).statusCode()).isEqualTo(400);
        assertThat(sso.takeRequest(Endpoint.REVOKE).formValue("token")).isEqualTo(token);
    }

    @Test
    void revokeAnswersOkForUnknownTokensButNeedsClientAuth() throws Exception {
        HttpRequest.Builder unknown = HttpRequest.newBuilder(URI.create(sso.revokeUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token_type_hint=refresh_token&token=nope"));
        assertThat(send(unknown.copy().header("Authorization", basic(CLIENT_ID, SECRET))).statusCode())
                .isEqualTo(200);
        HttpResponse<String> unauthenticated = send(unknown.copy().header("Authorization", basic(CLIENT_ID, "x")));
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(sso.revokedTokens()).isEmpty();
    }

    @Test
    void transferredCharacterGetsNewOwnerHashAndLosesItsRefreshTokens() throws Exception {
        String token = (String) tokens(TWO_SCOPES).get("refresh_token");
        String oldOwner = sso.character(90000001L).ownerHash();

        TestCharacter moved = sso.transferCharacter(90000001L);

        assertThat(moved.ownerHash()).isNotEqualTo(oldOwner);
        assertThat(sso.characters().get(0)).isEqualTo(moved);
        assertThat(sso.isRefreshTokenValid(token)).isFalse();
        assertThat(refresh(token, null).statusCode()).isEqualTo(400);
        assertThat(verifyAgainstPublishedJwks(accessToken(tokens(TWO_SCOPES))).getClaim("owner"))
                .isEqualTo(moved.ownerHash());
    }

    // ------------------------------------------------------------------ faults

    @Test
    void statusFaultAnswersEveErrorBodyOnceThenRecovers() throws Exception {
        sso.enqueue(Endpoint.METADATA, Fault.status(502));
        HttpResponse<String> failed = get(sso.metadataUrl());
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.body()).isEqualTo("{\"Message\":\"An error has occurred.\"}");
        assertThat(get(sso.metadataUrl()).statusCode()).isEqualTo(200);
        assertThat(sso.requestCount(Endpoint.METADATA)).isEqualTo(2);
    }

    @Test
    void oneShotFaultsArePlayedInOrderPerEndpoint() throws Exception {
        sso.enqueue(Endpoint.JWKS, Fault.status(500));
        sso.enqueue(Endpoint.JWKS, Fault.status(503));
        sso.enqueue(Endpoint.METADATA, Fault.status(504));
        assertThat(get(sso.jwksUrl()).statusCode()).isEqualTo(500);
        assertThat(get(sso.jwksUrl()).statusCode()).isEqualTo(503);
        assertThat(get(sso.jwksUrl()).statusCode()).isEqualTo(200);
        assertThat(get(sso.metadataUrl()).statusCode()).isEqualTo(504);
    }

    @Test
    void tooManyRequestsSendsRetryAfter() throws Exception {
        sso.enqueue(Endpoint.TOKEN, Fault.status(429).withRetryAfter(Duration.ofSeconds(7)));
        HttpResponse<String> r = postToken(basic(CLIENT_ID, SECRET), "grant_type=refresh_token&refresh_token=x");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void delayFaultAnswersNormallyAfterTheDelay() throws Exception {
        sso.enqueue(Endpoint.JWKS, Fault.delay(Duration.ofMillis(300)));
        long start = System.nanoTime();
        HttpResponse<String> r = get(sso.jwksUrl());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JWKSet.parse(r.body()).getKeys()).hasSize(2);
        assertThatThrownBy(() -> Fault.delay(Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void garbageBodyAndErrorFaultsAnswerExactly() throws Exception {
        sso.enqueue(Endpoint.TOKEN, Fault.garbage());
        sso.enqueue(Endpoint.TOKEN, Fault.status(503).withBody("text/plain", "down"));
        sso.enqueue(Endpoint.TOKEN, Fault.error(400, "invalid_grant: Token is expired or invalid.", null));
        sso.enqueue(Endpoint.TOKEN, Fault.invalidGrant());
        String form = "grant_type=refresh_token&refresh_token=x";

        HttpResponse<String> garbage = postToken(basic(CLIENT_ID, SECRET), form);
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(garbage.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThatThrownBy(() -> JSONObjectUtils.parse(garbage.body())).isInstanceOf(java.text.ParseException.class);

        HttpResponse<String> body = postToken(basic(CLIENT_ID, SECRET), form);
        assertThat(body.statusCode()).isEqualTo(503);
        assertThat(body.body()).isEqualTo("down");
        assertThat(body.headers().firstValue("Content-Type")).hasValue("text/plain");

        HttpResponse<String> error = postToken(basic(CLIENT_ID, SECRET), form);
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(json(error)).isEqualTo(Map.of("error", "invalid_grant: Token is expired or invalid."));

        HttpResponse<String> invalidGrant = postToken(basic(CLIENT_ID, SECRET), form);
        assertThat(invalidGrant.body())
                .isEqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token.\"}");
        assertThat(sso.requestCount(Endpoint.TOKEN)).isEqualTo(4);
    }

    @Test
    void disconnectFaultClosesTheConnectionWithoutAnswer() throws Exception {
        sso.enqueue(Endpoint.TOKEN, Fault.disconnect());
        HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(sso.tokenUrl())).timeout(Duration.ofSeconds(10))
                .header("Authorization", basic(CLIENT_ID, SECRET))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=x")).build();
        assertThatThrownBy(() -> fresh.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(sso.requestCount(Endpoint.TOKEN)).isEqualTo(1);
        assertThat(fresh.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
    }

    @Test
    void accessTokenFaultConsumesTheGrantButAnswersTheGivenJwt() throws Exception {
        String refreshToken = sso.issueRefreshToken(90000001L, CLIENT_ID, TWO_SCOPES);
        String forged = sso.jwt().signWithUnpublishedKey(
                sso.jwt().standardClaims(sso.character(90000001L), CLIENT_ID, TWO_SCOPES).build());
        sso.enqueue(Endpoint.TOKEN, Fault.accessToken(forged));

        Map<String, Object> body = json(refresh(refreshToken, null));

        assertThat(body).containsEntry("access_token", forged).containsKey("refresh_token");
        assertThat(sso.isRefreshTokenValid(refreshToken)).isFalse();
        assertThat(sso.isRefreshTokenValid((String) body.get("refresh_token"))).isTrue();
        assertThatThrownBy(() -> verifyAgainstPublishedJwks(forged)).isInstanceOf(BadJOSEException.class);
        assertThatThrownBy(() -> sso.enqueue(Endpoint.JWKS, Fault.accessToken(forged)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failUntilClearedAppliesToEveryRequestUntilCleared() throws Exception {
        sso.failUntilCleared(Endpoint.JWKS, Fault.status(500));
        for (int i = 0; i < 3; i++) {
            assertThat(get(sso.jwksUrl()).statusCode()).isEqualTo(500);
        }
        sso.clearFaults();
        assertThat(get(sso.jwksUrl()).statusCode()).isEqualTo(200);
        assertThat(sso.requestCount(Endpoint.JWKS)).isEqualTo(4);
    }

    @Test
    void statusAfterADelayWaitsThenAnswersTheStatus() throws Exception {
        sso.enqueue(Endpoint.JWKS, Fault.status(502).afterDelay(Duration.ofMillis(300)));
        long start = System.nanoTime();

        HttpResponse<String> r = get(sso.jwksUrl());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).isEqualTo("{\"Message\":\"An error has occurred.\"}");
    }

    @Test
    void retryAfterAndOtherHeadersAreAddedToTheAnswer() throws Exception {
        sso.enqueue(Endpoint.TOKEN, Fault.status(503).withRetryAfter(Duration.ofSeconds(30))
                .withHeader("X-Edge", "lb-2"));

        HttpResponse<String> r = postToken(basic(CLIENT_ID, SECRET), "grant_type=refresh_token&refresh_token=x");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(r.headers().firstValue("X-Edge")).hasValue("lb-2");
        assertThat(r.body()).isEqualTo("{\"Message\":\"An error has occurred.\"}");
    }

    @Test
    void disconnectAfterHeadersSendsTheRealAnswersHeadersThenDropsTheConnectionWithTheGrantSpent()
            throws Exception {
        String token = sso.issueRefreshToken(90000001L, CLIENT_ID, TWO_SCOPES);
        sso.enqueue(Endpoint.TOKEN, Fault.disconnectAfterHeaders());
        HttpRequest request = tokenRequest(basic(CLIENT_ID, SECRET),
                "grant_type=refresh_token&refresh_token=" + enc(token)).build();
        AtomicReference<HttpResponse.ResponseInfo> head = new AtomicReference<>();

        Throwable failure = catchThrowable(() -> fresh().sendAsync(request, headersThenBody(head))
                .get(10, TimeUnit.SECONDS));

        assertThat(failure).as("the connection dropped, no timeout").isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(head.get().statusCode()).isEqualTo(200);
        assertThat(head.get().headers().firstValue("Content-Type")).hasValue(Http.JSON);
        assertThat(sso.isRefreshTokenValid(token)).as("the SSO did its work; its answer was lost").isFalse();
        assertThat(sso.issuedRefreshTokens()).hasSize(2);
    }

    @Test
    void disconnectAfterHeadersOfAReplacedAnswer() throws Exception {
        sso.enqueue(Endpoint.METADATA, Fault.disconnectAfterHeaders().withStatus(502)
                .withRetryAfter(Duration.ofSeconds(5)));
        AtomicReference<HttpResponse.ResponseInfo> head = new AtomicReference<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(sso.metadataUrl())).timeout(Duration.ofSeconds(10))
                .build();

        Throwable failure = catchThrowable(() -> fresh().sendAsync(request, headersThenBody(head))
                .get(10, TimeUnit.SECONDS));

        assertThat(failure).as("the connection dropped, no timeout").isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(head.get().statusCode()).isEqualTo(502);
        assertThat(head.get().headers().firstValue("Retry-After")).hasValue("5");
        assertThat(get(sso.metadataUrl()).statusCode()).isEqualTo(200);
    }

    @Test
    void faultsAreImmutableValuesDescribedWithoutBodiesOrTokens() {
        Fault base = Fault.status(502);
        Fault slow = base.afterDelay(Duration.ofSeconds(2));

        assertThat(slow).isNotSameAs(base);
        assertThat(base.toString()).contains("status 502").doesNotContain("after");
        assertThat(slow.toString()).contains("status 502", "after PT2S");
        assertThat(Fault.error(400, "invalid_grant", "Some text.").toString()).doesNotContain("invalid_grant", "Some");
        assertThat(Fault.accessToken("eyJhbGciOi.x.y").toString()).doesNotContain("eyJ");
        assertThat(Fault.disconnectAfterHeaders().toString()).contains("disconnect after headers");
    }

    @Test
    void contradictoryOrOutOfRangeFaultSettingsAreRefused() {
        assertThatThrownBy(() -> Fault.disconnect().withStatus(502)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Fault.disconnect().withRetryAfter(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Fault.accessToken("x").withStatus(500)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Fault.status(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.status(502).afterDelay(Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.delay(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.status(429).withRetryAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ redirect_uri, rate limits, concurrency

    @Test
    void codeExchangeWithoutRedirectUriIsAcceptedByDefaultAsEveDocumentsIt() throws Exception {
        String code = authorize(TWO_SCOPES, "s", null);

        assertThat(postToken(basic(CLIENT_ID, SECRET), "grant_type=authorization_code&code=" + enc(code))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void codeExchangeWithAnotherRedirectUriIsRefused() throws Exception {
        String code = authorize(TWO_SCOPES, "s", null);

        HttpResponse<String> r = postToken(basic(CLIENT_ID, SECRET), "grant_type=authorization_code&code="
                + enc(code) + "&redirect_uri=" + enc("http://localhost:8080/app/other"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r)).containsEntry("error", "invalid_grant")
                .containsEntry("error_description", "redirect_uri does not match the authorization request.");
    }

    @Test
    void strictRedirectUriModeRefusesACodeExchangeWithoutItAndAcceptsTheExactOne() throws Exception {
        try (LocalEveSso strict = LocalEveSso.builder().clock(clock).client(CLIENT_ID, SECRET, CALLBACK)
                .strictRedirectUri(true).build().start()) {
            String code = strict.issueAuthorizationCode(90000001L, CLIENT_ID, TWO_SCOPES, null);
            HttpResponse<String> without = send(HttpRequest.newBuilder(URI.create(strict.tokenUrl()))
                    .header("Authorization", basic(CLIENT_ID, SECRET))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + enc(code))));
            assertThat(without.statusCode()).isEqualTo(400);
            assertThat(json(without)).containsEntry("error", "invalid_grant")
                    .containsEntry("error_description",
                            "redirect_uri is required: the authorization request carried one.");

            String another = strict.issueAuthorizationCode(90000001L, CLIENT_ID, TWO_SCOPES, null);
            HttpResponse<String> with = send(HttpRequest.newBuilder(URI.create(strict.tokenUrl()))
                    .header("Authorization", basic(CLIENT_ID, SECRET))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + enc(another)
                            + "&redirect_uri=" + enc(CALLBACK))));
            assertThat(with.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void failedTokenRequestsBeyondTheRateLimitMakeEveryTokenRequestA429UntilTheyLeaveTheWindow() throws Exception {
        sso.close();
        sso = LocalEveSso.builder().clock(clock).client(CLIENT_ID, SECRET, CALLBACK)
                .rateLimitFailedRequests(3, Duration.ofMinutes(1)).build().start();
        String token = sso.issueRefreshToken(90000001L, CLIENT_ID, TWO_SCOPES);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(10));
            assertThat(postToken(basic(CLIENT_ID, SECRET), "grant_type=authorization_code&code=junk" + i)
                    .statusCode()).as("failure %d", i).isEqualTo(400);
        }

        HttpResponse<String> limited = refresh(token, null);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).as("until the first failure is a minute old")
                .hasValue("40");
        assertThat(json(limited)).containsEntry("error", "too_many_requests");
        assertThat(postToken(basic(CLIENT_ID, "wrong"), "grant_type=refresh_token&refresh_token=x").statusCode())
                .as("even a request that would fail").isEqualTo(429);
        assertThat(sso.isRefreshTokenValid(token)).as("a refused request is not processed").isTrue();

        clock.advance(Duration.ofSeconds(40));
        assertThat(refresh(token, null).statusCode()).as("one failure left the window").isEqualTo(200);
        assertThat(sso.requestCount(Endpoint.TOKEN)).isEqualTo(6);
    }

    @Test
    void withoutARateLimitFailedRequestsAreNeverAnswered429() throws Exception {
        for (int i = 0; i < 30; i++) {
            assertThat(postToken(basic(CLIENT_ID, SECRET), "grant_type=authorization_code&code=junk" + i)
                    .statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aSixthConcurrentRefreshIsAnswered500WithEvesErrorBodyAndKeepsItsGrant() throws Exception {
        List<String> tokens = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i <= LocalEveSso.DEFAULT_CONCURRENT_REFRESHES; i++) {
            sso.enqueue(Endpoint.TOKEN, Fault.delay(Duration.ofSeconds(4))); // the refreshes overlap
            tokens.add(sso.issueRefreshToken(90000001L, CLIENT_ID, TWO_SCOPES));
        }
        for (String token : tokens) {
            answers.add(http.sendAsync(tokenRequest(basic(CLIENT_ID, SECRET), "grant_type=refresh_token"
                    + "&refresh_token=" + enc(token)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> r = answers.get(i).get(30, TimeUnit.SECONDS);
            statuses.add(r.statusCode());
            if (r.statusCode() == 500) {
                assertThat(r.body()).isEqualTo("{\"Message\":\"An error has occurred.\"}");
                assertThat(sso.isRefreshTokenValid(tokens.get(i))).as("the refused refresh's grant").isTrue();
            }
        }

        assertThat(statuses).as("five run at once, the sixth is refused")
                .containsOnly(200, 500).filteredOn(status -> status == 500).hasSize(1);
        sso.clearFaults();
        assertThat(refresh(sso.issueRefreshToken(90000001L, CLIENT_ID, TWO_SCOPES), null).statusCode())
                .as("served again once they ended").isEqualTo(200);
    }

    @Test
    void aConcurrentRefreshLimitOfZeroServesEveryRefreshAndNonsenseLimitsAreRefused() throws Exception {
        sso.close();
        sso = LocalEveSso.builder().clock(clock).client(CLIENT_ID, SECRET, CALLBACK).concurrentRefreshLimit(0)
                .build().start();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sso.enqueue(Endpoint.TOKEN, Fault.delay(Duration.ofSeconds(1)));
            String token = sso.issueRefreshToken(90000001L, CLIENT_ID, TWO_SCOPES);
            answers.add(http.sendAsync(tokenRequest(basic(CLIENT_ID, SECRET), "grant_type=refresh_token"
                    + "&refresh_token=" + enc(token)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThatThrownBy(() -> LocalEveSso.builder().concurrentRefreshLimit(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalEveSso.builder().rateLimitFailedRequests(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ recorded requests

    @Test
    void pollRequestDoesNotWaitAndTakeRequestWaitsForTheNextOne() throws Exception {
        assertThat(sso.pollRequest(Endpoint.JWKS)).isEmpty();
        assertThat(sso.takeRequest(Endpoint.JWKS, Duration.ofMillis(50))).isNull();
        sso.enqueue(Endpoint.JWKS, Fault.delay(Duration.ofMillis(300)));

        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(HttpRequest.newBuilder(
                URI.create(sso.jwksUrl())).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        RecordedRequest taken = sso.takeRequest(Endpoint.JWKS); // recorded before the delay and the answer

        assertThat(taken.method()).isEqualTo("GET");
        assertThat(pending.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        get(sso.jwksUrl());
        assertThat(sso.pollRequest(Endpoint.JWKS))
                .hasValueSatisfying(r -> assertThat(r.path()).isEqualTo("/oauth/jwks"));
        assertThat(sso.pollRequest(Endpoint.JWKS)).isEmpty();
        assertThat(sso.requestCount(Endpoint.JWKS)).as("taken ones still count").isEqualTo(2);
    }

    @Test
    void takeRequestFailsClearlyWhenNothingCameInTime() {
        try (LocalEveSso quick = LocalEveSso.builder().takeRequestTimeout(Duration.ofMillis(100)).build().start()) {
            assertThatThrownBy(() -> quick.takeRequest(Endpoint.TOKEN)).isInstanceOf(AssertionError.class)
                    .hasMessage("no request to TOKEN within 100 ms (0 received, all taken before)");
        }
    }

    // ------------------------------------------------------------------ keys

    @Test
    void jwksPublishesRs256AndEs256KeysLikeEve() throws Exception {
        JWKSet jwks = JWKSet.parse(get(sso.jwksUrl()).body());
        assertThat(jwks.getKeys()).hasSize(2);
        JWK rsa = jwks.getKeyByKeyId("JWT-Signature-Key");
        assertThat(rsa).isInstanceOf(RSAKey.class);
        assertThat(rsa.isPrivate()).isFalse();
        assertThat(rsa.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(rsa.getKeyUse().identifier()).isEqualTo("sig");
        JWK ec = jwks.getKeys().get(1);
        assertThat(ec.getKeyID()).matches("[0-9a-f-]{36}");
        assertThat(ec.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(ec.isPrivate()).isFalse();
    }

    @Test
    void rotateKeyPublishesBothKidsAndSignsWithTheNewOne() throws Exception {
        String oldToken = accessToken(tokens(TWO_SCOPES));
        String unknownKidToken = sso.jwt().signWithUnknownKid(
                sso.jwt().standardClaims(sso.character(90000001L), CLIENT_ID, TWO_SCOPES).build());
        assertThatThrownBy(() -> verifyAgainstPublishedJwks(unknownKidToken)).isInstanceOf(BadJOSEException.class);

        sso.rotateKey();

        String newKid = sso.jwt().currentKid();
        assertThat(newKid).isNotEqualTo("JWT-Signature-Key");
        JWKSet jwks = JWKSet.parse(get(sso.jwksUrl()).body());
        assertThat(jwks.getKeys()).extracting(JWK::getKeyID).contains(newKid, "JWT-Signature-Key").hasSize(3);
        String newToken = accessToken(tokens(TWO_SCOPES));
        assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo(newKid);
        verifyAgainstPublishedJwks(newToken);
        verifyAgainstPublishedJwks(oldToken);
        verifyAgainstPublishedJwks(unknownKidToken); // the unknown kid was the next key

        sso.dropOldKeys();
        assertThat(JWKSet.parse(get(sso.jwksUrl()).body()).getKeys()).extracting(JWK::getKeyID)
                .doesNotContain("JWT-Signature-Key").contains(newKid).hasSize(2);
        assertThatThrownBy(() -> verifyAgainstPublishedJwks(oldToken)).isInstanceOf(BadJOSEException.class);
    }

    @Test
    void minterMakesTokensThatValidatorsMustReject() throws Exception {
        JWTClaimsSet claims = sso.jwt().standardClaims(sso.character(90000002L), CLIENT_ID, TWO_SCOPES).build();
        verifyAgainstPublishedJwks(sso.jwt().sign(claims));
        String unpublished = sso.jwt().signWithUnpublishedKey(claims);
        assertThat(SignedJWT.parse(unpublished).getHeader().getKeyID()).isEqualTo(sso.jwt().currentKid());
        assertThatThrownBy(() -> verifyAgainstPublishedJwks(unpublished)).isInstanceOf(BadJOSEException.class);
        assertThatThrownBy(() -> verifyAgainstPublishedJwks(sso.jwt().unsecured(claims)))
                .isInstanceOf(BadJOSEException.class);
        assertThatThrownBy(() -> verifyAgainstPublishedJwks(sso.jwt().signHs256WithPublicKey(claims)))
                .isInstanceOf(BadJOSEException.class);

        String withJku = sso.jwt().sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(sso.jwt().currentKid())
                .type(JOSEObjectType.JWT).jwkURL(URI.create("https://attacker.example/jwks")).build(), claims);
        assertThat(SignedJWT.parse(withJku).getHeader().getJWKURL()).hasHost("attacker.example");
        String es256 = sso.jwt().sign(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(sso.jwt().es256PublicKey().getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        assertThat(SignedJWT.parse(es256).verify(new com.nimbusds.jose.crypto.ECDSAVerifier(
                sso.jwt().es256PublicKey()))).isTrue();
        assertThat(sso.jwt().currentPublicKey().isPrivate()).isFalse();
    }

    // ------------------------------------------------------------------ authorize modes and validation

    @Test
    void autoApproveLogsInAsTheChosenCharacter() throws Exception {
        sso.nextLoginAs(90000003L);
        assertThat(subjectOf(tokens(TWO_SCOPES))).isEqualTo("CHARACTER:EVE:90000003");
        assertThat(subjectOf(tokens(TWO_SCOPES))).isEqualTo("CHARACTER:EVE:90000001");
        TestCharacter added = sso.addCharacter(2112625428L, "CCP Zoetrope");
        sso.autoApproveAs(added.id());
        assertThat(subjectOf(tokens(TWO_SCOPES))).isEqualTo("CHARACTER:EVE:2112625428");
        assertThatThrownBy(() -> sso.autoApproveAs(1L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void denyModeRedirectsWithAccessDenied() throws Exception {
        sso.authorizeMode(AuthorizeMode.DENY);
        HttpResponse<String> r = get(authorizeQuery(CLIENT_ID, CALLBACK, TWO_SCOPES, "a b&c", null));
        assertThat(r.statusCode()).isEqualTo(302);
        String location = location(r);
        assertThat(location).startsWith(CALLBACK + "?");
        Map<String, String> q = query(location);
        assertThat(q).containsEntry("error", "access_denied").containsEntry("state", "a b&c")
                .containsKey("error_description").doesNotContainKey("code");
    }

    @Test
    void malformedAuthorizeRequestsGetAnErrorPageNeverARedirect() throws Exception {
        List<String> bad = List.of(
                authorizeQuery("nobody", CALLBACK, TWO_SCOPES, "s", null),
                authorizeQuery(CLIENT_ID, CALLBACK + "/", TWO_SCOPES, "s", null),
                authorizeQuery(CLIENT_ID, "http://evil.example/cb", TWO_SCOPES, "s", null),
                authorizeQuery(CLIENT_ID, CALLBACK, TWO_SCOPES, "s", null).replace("response_type=code",
                        "response_type=token"),
                authorizeQuery(CLIENT_ID, CALLBACK, TWO_SCOPES, null, null),
                authorizeQuery(CLIENT_ID, CALLBACK, TWO_SCOPES, "s", null)
                        + "&code_challenge=abc&code_challenge_method=plain");
        for (String url : bad) {
            HttpResponse<String> r = get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(400);
            assertThat(r.headers().firstValue("Location")).isEmpty();
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        }
        assertThat(sso.requestCount(Endpoint.AUTHORIZE)).isEqualTo(bad.size());
    }

    @Test
    void interactivePageListsCharactersAndEscapesEverythingEchoed() throws Exception {
        sso.authorizeMode(AuthorizeMode.INTERACTIVE);
        String state = "<script>alert(1)</script>\"'";
        HttpResponse<String> r = get(authorizeQuery(CLIENT_ID, CALLBACK, TWO_SCOPES, state, Pkce.create().challenge()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(r.body()).contains("Aura Testpilot", "Kestrel Vance", "Mira Solenne", "90000002", CLIENT_ID,
                        "esi-skills.read_skills.v1", LocalEveSso.WALLET_SCOPE, "Decline",
                        "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;")
                .doesNotContain("<script>").contains("action=\"/v2/oauth/authorize\"");
    }

    @Test
    void interactivePickerPostApprovesAsTheChosenCharacterOrDeclines() throws Exception {
        sso.authorizeMode(AuthorizeMode.INTERACTIVE);
        Pkce pkce = Pkce.create();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("response_type", "code");
        fields.put("client_id", CLIENT_ID);
        fields.put("redirect_uri", CALLBACK);
        fields.put("scope", String.join(" ", TWO_SCOPES));
        fields.put("state", "xyz");
        fields.put("code_challenge", pkce.challenge());
        fields.put("code_challenge_method", "S256");
        fields.put("action", "approve");
        fields.put("character_id", "90000002");
        HttpResponse<String> approved = postForm(sso.authorizeUrl(), null, FormEncoding.encode(fields));
        assertThat(approved.statusCode()).isEqualTo(302);
        Map<String, String> q = query(location(approved));
        assertThat(q).containsEntry("state", "xyz");
        HttpResponse<String> t = postToken(basic(CLIENT_ID, SECRET), "grant_type=authorization_code&code="
                + enc(q.get("code")) + "&code_verifier=" + pkce.verifier());
        assertThat(subjectOf(json(t))).isEqualTo("CHARACTER:EVE:90000002");

        fields.put("action", "deny");
        fields.remove("character_id");
        HttpResponse<String> denied = postForm(sso.authorizeUrl(), null, FormEncoding.encode(fields));
        assertThat(query(location(denied))).containsEntry("error", "access_denied").containsEntry("state", "xyz");

        fields.put("action", "approve");
        fields.put("character_id", "12345");
        assertThat(postForm(sso.authorizeUrl(), null, FormEncoding.encode(fields)).statusCode()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ fake ESI

    @Test
    void esiWalletNeedsAValidTokenOfThatCharacterWithTheWalletScope() throws Exception {
        String token = accessToken(tokens(TWO_SCOPES));
        String wallet = sso.esiBaseUrl() + "/characters/90000001/wallet/";

        HttpResponse<String> ok = esi(wallet, token);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).matches("\\d+(\\.\\d+)?").isEqualTo(esi(wallet, token).body());
        assertThat(esi(sso.esiBaseUrl() + "/characters/90000002/wallet/", token).statusCode()).isEqualTo(403);
        assertThat(esi(wallet, accessToken(tokens(List.of("esi-skills.read_skills.v1")))).statusCode())
                .isEqualTo(403);
        assertThat(esi(wallet, null).statusCode()).isEqualTo(401);
        String forged = sso.jwt().signWithUnpublishedKey(
                sso.jwt().standardClaims(sso.character(90000001L), CLIENT_ID, TWO_SCOPES).build());
        assertThat(esi(wallet, forged).statusCode()).isEqualTo(401);
        clock.advance(Duration.ofMinutes(21));
        HttpResponse<String> expired = esi(wallet, token);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired)).containsKey("error");
    }

    // ------------------------------------------------------------------ load and dev mode

    @Test
    void servesFiveHundredConcurrentLogins() throws Exception {
        List<CompletableFuture<String>> logins = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Pkce pkce = Pkce.create();
            String state = "s" + i;
            HttpRequest authorize = HttpRequest.newBuilder(URI.create(
                    authorizeQuery(CLIENT_ID, CALLBACK, TWO_SCOPES, state, pkce.challenge())))
                    .timeout(Duration.ofSeconds(30)).build();
            logins.add(http.sendAsync(authorize, HttpResponse.BodyHandlers.ofString())
                    .thenCompose(r -> {
                        Map<String, String> q = query(location(r));
                        assertThat(q).containsEntry("state", state);
                        return http.sendAsync(tokenRequest(basic(CLIENT_ID, SECRET),
                                "grant_type=authorization_code&code=" + enc(q.get("code")) + "&code_verifier="
                                        + pkce.verifier()).build(), HttpResponse.BodyHandlers.ofString());
                    })
                    .thenApply(r -> {
                        assertThat(r.statusCode()).isEqualTo(200);
                        return r.body();
                    }));
        }
        CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).get(45, TimeUnit.SECONDS);
        assertThat(sso.requestCount(Endpoint.TOKEN)).isEqualTo(500);
    }

    @Test
    void devModeStartsAnInteractiveServerWithOneClient() throws Exception {
        try (LocalEveSso dev = LocalEveSsoMain.startForDevMode(0, "dev-client", "dev-secret",
                "http://localhost:8080/callback", true)) {
            assertThat(dev.authorizeMode()).isEqualTo(AuthorizeMode.INTERACTIVE);
            HttpResponse<String> page = get(dev.authorizeUrl() + "?response_type=code&client_id=dev-client"
                    + "&redirect_uri=" + enc("http://localhost:8080/callback") + "&state=s");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("dev-client", "identity only");
        }
    }

    @Test
    void jdkServerPropertiesAreSetWhenAServerStartsUnlessAlreadySet() {
        String idle = System.getProperty(LocalEveSso.MAX_IDLE_PROPERTY);
        String nodelay = System.getProperty(LocalEveSso.NODELAY_PROPERTY);
        try {
            System.clearProperty(LocalEveSso.NODELAY_PROPERTY);
            System.setProperty(LocalEveSso.MAX_IDLE_PROPERTY, "1234");
            LocalEveSso built = LocalEveSso.builder().build();
            assertThat(System.getProperty(LocalEveSso.NODELAY_PROPERTY)).as("building sets nothing").isNull();

            try (LocalEveSso started = built.start()) {
                assertThat(System.getProperty(LocalEveSso.NODELAY_PROPERTY)).isEqualTo("true");
                assertThat(System.getProperty(LocalEveSso.MAX_IDLE_PROPERTY)).as("already set").isEqualTo("1234");
            }
        } finally {
            restore(LocalEveSso.MAX_IDLE_PROPERTY, idle);
            restore(LocalEveSso.NODELAY_PROPERTY, nodelay);
        }
    }

    @Test
    void closeStopsServing() throws Exception {
        String url = sso.metadataUrl();
        sso.close();
        sso.close();
        HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> fresh.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThatThrownBy(sso::start).isInstanceOf(IllegalStateException.class);
    }

    // ------------------------------------------------------------------ helpers

    /** The Authorization header ({@code null} for none) and form fields to prefix, for client auth {@code method}. */
    private static String[] credentials(String method) {
        return switch (method) {
            case "client_secret_basic" -> new String[] {basic(CLIENT_ID, SECRET), ""};
            case "client_secret_post" -> new String[] {null,
                    "client_id=" + enc(CLIENT_ID) + "&client_secret=" + enc(SECRET) + "&"};
            default -> throw new AssertionError("advertised, but unknown to this test: " + method);
        };
    }

    /** The status of a refresh of a fresh refresh token of {@code clientId}, authenticated by {@code authorization}. */
    private int refreshWith(String authorization, String clientId) throws Exception {
        String token = sso.issueRefreshToken(90000001L, clientId, TWO_SCOPES);
        return postToken(authorization, "grant_type=refresh_token&refresh_token=" + enc(token)).statusCode();
    }

    /** A body handler that keeps the status and headers before the body is read. */
    private static HttpResponse.BodyHandler<String> headersThenBody(AtomicReference<HttpResponse.ResponseInfo> head) {
        return info -> {
            head.set(info);
            return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        };
    }

    /** A client with no pooled connection, for requests whose connection the server drops. */
    private static HttpClient fresh() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** Runs the browser leg (auto-approve) and returns the code. */
    private String authorize(List<String> scopes, String state, String challenge) throws Exception {
        HttpResponse<String> r = get(authorizeQuery(CLIENT_ID, CALLBACK, scopes, state, challenge));
        assertThat(r.statusCode()).isEqualTo(302);
        Map<String, String> q = query(location(r));
        assertThat(q).containsEntry("state", state);
        assertThat(q.get("code")).matches("[A-Za-z0-9_-]{22,}");
        return q.get("code");
    }

    /** A whole login (PKCE) returning the token response. */
    private Map<String, Object> tokens(List<String> scopes) throws Exception {
        Pkce pkce = Pkce.create();
        String code = authorize(scopes, "s", pkce.challenge());
        HttpResponse<String> r = postToken(basic(CLIENT_ID, SECRET),
                "grant_type=authorization_code&code=" + enc(code) + "&code_verifier=" + pkce.verifier());
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r);
    }

    private String authorizeQuery(String clientId, String redirect, List<String> scopes, String state,
                                  String challenge) {
        StringBuilder url = new StringBuilder(sso.authorizeUrl()).append("?response_type=code&redirect_uri=")
                .append(enc(redirect)).append("&client_id=").append(enc(clientId));
        if (!scopes.isEmpty()) {
            url.append("&scope=").append(enc(String.join(" ", scopes)));
        }
        if (state != null) {
            url.append("&state=").append(enc(state));
        }
        if (challenge != null) {
            url.append("&code_challenge=").append(challenge).append("&code_challenge_method=S256");
        }
        return url.toString();
    }

    private HttpResponse<String> refresh(String token, String scope) throws Exception {
        return refresh(token, scope, null);
    }

    private HttpResponse<String> refresh(String token, String scope, String rawForm) throws Exception {
        String form = rawForm != null ? rawForm : "grant_type=refresh_token&refresh_token=" + enc(token)
                + (scope == null ? "" : "&scope=" + enc(scope));
        return postToken(basic(CLIENT_ID, SECRET), form);
    }

    private HttpResponse<String> esi(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    private HttpRequest.Builder tokenRequest(String authorization, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sso.tokenUrl())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private HttpResponse<String> postToken(String authorization, String form) throws Exception {
        return send(tokenRequest(authorization, form));
    }

    private HttpResponse<String> postForm(String url, String authorization, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Verifies like a relying party would, against the JWKS fetched over HTTP right now. */
    private JWTClaimsSet verifyAgainstPublishedJwks(String token) throws Exception {
        JWKSet jwks = JWKSet.parse(get(sso.jwksUrl()).body());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("EVE Online",
                new JWTClaimsSet.Builder().issuer(sso.issuer()).build(), Set.of("sub", "exp", "iat", "name", "owner")));
        return processor.process(token, null);
    }

    private static String subjectOf(Map<String, Object> tokenResponse) throws Exception {
        return SignedJWT.parse(accessToken(tokenResponse)).getJWTClaimsSet().getSubject();
    }

    private static String accessToken(Map<String, Object> tokenResponse) {
        return (String) tokenResponse.get("access_token");
    }

    private static Map<String, Object> json(HttpResponse<String> r) throws Exception {
        return JSONObjectUtils.parse(r.body());
    }

    private static String location(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> q = new LinkedHashMap<>();
        FormEncoding.decode(URI.create(url).getRawQuery()).forEach((k, v) -> q.put(k, v.get(0)));
        return q;
    }

    private static String enc(String s) {
        return FormEncoding.encode(s);
    }

    private static String basic(String id, String secret) {
        return "Basic " + base64(id + ":" + secret);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
