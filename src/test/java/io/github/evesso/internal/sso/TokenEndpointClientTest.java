package io.github.evesso.internal.sso;

import static io.github.evesso.internal.sso.LocalSsoFixture.CLIENT_ID;
import static io.github.evesso.internal.sso.LocalSsoFixture.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.evesso.support.LogCapture;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.Pkce;
import io.github.evesso.testing.RecordedRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TokenEndpointClient} against the local EVE SSO over real loopback HTTP, without a servlet container: what the
 * code exchange, the refresh and the revocation send (HTTP Basic as EVE wants it, form fields, the PKCE verifier), and
 * what each kind of answer becomes: a dead grant or another refusal ({@link SsoRejectedException}), an SSO that is
 * down or rate-limiting ({@link SsoUnavailableException}, with its {@code Retry-After}), a success that is no token
 * response ({@link SsoBadResponseException}).
 */
@Timeout(60)
class TokenEndpointClientTest {
    private static final List<String> SCOPES = List.of("esi-skills.read_skills.v1", LocalEveSso.WALLET_SCOPE);
    private static final long PILOT = 90000001L;
    /** {@code Basic base64(id ":" secret)}: standard Base64 with padding, credentials not URL-encoded (EVE's form). */
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));

    @AutoClose
    private final LocalSsoFixture local = new LocalSsoFixture();
    private final LocalEveSso sso = local.sso;
    private final TokenEndpointClient client = local.tokenClient(local.config());

    private String refreshToken() {
        return sso.issueRefreshToken(PILOT, CLIENT_ID, SCOPES);
    }

    // ---------------------------------------------------------------- what is sent

    @Test
    void codeExchangeSendsBasicAuthTheCodeAndThePkceVerifierAsAForm() throws Exception {
        Pkce pkce = Pkce.create();
        String code = sso.issueAuthorizationCode(PILOT, CLIENT_ID, SCOPES, pkce.challenge());

        TokenResponse tokens = client.exchangeCode(code, pkce.verifier());

        RecordedRequest sent = sso.takeRequest(Endpoint.TOKEN);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(sent.header("Authorization")).isEqualTo(BASIC).endsWith("=");
        assertThat(sent.form()).containsOnlyKeys("grant_type", "code", "redirect_uri", "code_verifier");
        assertThat(sent.formValue("grant_type")).isEqualTo("authorization_code");
        assertThat(sent.formValue("code")).isEqualTo(code);
        assertThat(sent.formValue("redirect_uri")).isEqualTo(LocalSsoFixture.CALLBACK.toString());
        assertThat(sent.formValue("code_verifier")).isEqualTo(pkce.verifier());
        assertThat(tokens.accessToken()).isEqualTo(sso.issuedAccessTokens().get(0));
        assertThat(tokens.refreshToken()).isEqualTo(sso.issuedRefreshTokens().get(0));
        assertThat(tokens.expiresIn()).isEqualTo(1199);
    }

    @Test
    void codeExchangeWithoutPkceSendsNoVerifier() throws Exception {
        String code = sso.issueAuthorizationCode(PILOT, CLIENT_ID, SCOPES, null);

        TokenResponse tokens = client.exchangeCode(code, null);

        assertThat(sso.takeRequest(Endpoint.TOKEN).form()).containsOnlyKeys("grant_type", "code", "redirect_uri");
        assertThat(tokens.refreshToken()).isNotNull();
    }

    @Test
    void loginWithoutScopesGetsNoRefreshToken() throws Exception {
        String code = sso.issueAuthorizationCode(PILOT, CLIENT_ID, List.of(), null);

        assertThat(client.exchangeCode(code, null).refreshToken()).isNull();
    }

    @Test
    void refreshSendsTheUrlEncodedRefreshTokenWithBasicAuthAndReturnsTheRotatedOne() throws Exception {
        String token = refreshToken();
        assertThat(token).as("padded Base64: needs URL-encoding").endsWith("=");

        TokenResponse tokens = client.refresh(token);

        RecordedRequest sent = sso.takeRequest(Endpoint.TOKEN);
        assertThat(sent.header("Authorization")).isEqualTo(BASIC);
        assertThat(sent.form()).containsOnlyKeys("grant_type", "refresh_token");
        assertThat(sent.formValue("grant_type")).isEqualTo("refresh_token");
        assertThat(sent.body()).endsWith("refresh_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        assertThat(tokens.refreshToken()).isNotEqualTo(token);
        assertThat(sso.isRefreshTokenValid(token)).isFalse();
        assertThat(sso.isRefreshTokenValid(tokens.refreshToken())).isTrue();
        assertThat(tokens.toString()).doesNotContain(tokens.refreshToken()).doesNotContain(tokens.accessToken());
    }

    @Test
    void revocationSendsTheRefreshTokenWithItsTypeHintAndKillsIt() throws Exception {
        String token = refreshToken();

        client.revoke(token);

        RecordedRequest sent = sso.takeRequest(Endpoint.REVOKE);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.header("Authorization")).isEqualTo(BASIC);
        assertThat(sent.form()).containsOnlyKeys("token_type_hint", "token");
        assertThat(sent.formValue("token_type_hint")).isEqualTo("refresh_token");
        assertThat(sent.formValue("token")).isEqualTo(token);
        assertThat(sso.revokedTokens()).containsExactly(token);
        assertThat(sso.isRefreshTokenValid(token)).isFalse();
    }

    @Test
    void revocationOfAnUnknownTokenSucceedsAsOnEve() throws Exception {
        client.revoke("never-issued");

        assertThat(sso.requestCount(Endpoint.REVOKE)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void spentCodeIsARejectionOfADeadGrant() throws Exception {
        String code = sso.issueAuthorizationCode(PILOT, CLIENT_ID, SCOPES, null);
        client.exchangeCode(code, null);

        SsoRejectedException e = catchThrowableOfType(SsoRejectedException.class,
                () -> client.exchangeCode(code, null));

        assertThat(e.isGrantRevoked()).isTrue();
        assertThat(e.error()).isEqualTo("invalid_grant");
    }

    @Test
    void refreshOfARevokedTokenIsARejectionOfADeadGrant() throws Exception {
        String token = refreshToken();
        client.revoke(token);

        SsoRejectedException e = catchThrowableOfType(SsoRejectedException.class, () -> client.refresh(token));

        assertThat(e.isGrantRevoked()).isTrue();
        assertThat(e.getMessage()).doesNotContain(token);
    }

    static Stream<Arguments> deadGrantErrors() {
        return Stream.of(
                Arguments.of("invalid_grant", Fault.invalidGrant()),
                Arguments.of("invalid_grant: Token is expired or invalid.",
                        Fault.error(400, "invalid_grant: Token is expired or invalid.", "Expired.")),
                Arguments.of("invalid_token", Fault.error(400, "invalid_token", "The token was revoked.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deadGrantErrors")
    void errorsThatKillTheGrantAreRecognisedByTheirPrefix(String error, Fault fault) {
        sso.enqueue(Endpoint.TOKEN, fault);

        SsoRejectedException e = catchThrowableOfType(SsoRejectedException.class,
                () -> client.refresh(refreshToken()));

        assertThat(e.isGrantRevoked()).isTrue();
        assertThat(e.error()).isEqualTo(error);
    }

    static Stream<Arguments> refusalsThatKeepTheGrant() {
        return Stream.of(
                Arguments.of("invalid_scope", Fault.error(400, "invalid_scope", "Scope not allowed.")),
                Arguments.of("invalid_request", Fault.error(400, "invalid_request", null)),
                Arguments.of("unknown", Fault.status(400).withBody("text/html", "<h1>Bad Request</h1>")),
                Arguments.of("unknown", Fault.status(403).withBody("application/json", "[]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusalsThatKeepTheGrant")
    void otherRefusalsAreRejectionsThatKeepTheGrant(String error, Fault fault) {
        sso.enqueue(Endpoint.TOKEN, fault);

        SsoRejectedException e = catchThrowableOfType(SsoRejectedException.class,
                () -> client.refresh(refreshToken()));

        assertThat(e.isGrantRevoked()).isFalse();
        assertThat(e.error()).isEqualTo(error);
    }

    @Test
    void wrongClientCredentialsAreARejectionLoggedAsAConfigurationProblem() {
        TokenEndpointClient wrong = local.tokenClient(local.config(b -> b.clientSecret("not-the-secret")));
        String token = refreshToken();
        try (LogCapture log = LogCapture.start()) {
            SsoRejectedException e = catchThrowableOfType(SsoRejectedException.class, () -> wrong.refresh(token));

            assertThat(e.error()).isEqualTo("invalid_client");
            assertThat(e.isGrantRevoked()).isFalse();
            assertThat(log.text()).contains("check eve.sso.client-id and eve.sso.client-secret")
                    .doesNotContain("not-the-secret").doesNotContain(token);
        }
        assertThat(sso.isRefreshTokenValid(token)).isTrue();
    }

    @Test
    void revocationRefusalIsARejection() {
        sso.enqueue(Endpoint.REVOKE, Fault.error(400, "invalid_request", "token is required."));

        SsoRejectedException e = catchThrowableOfType(SsoRejectedException.class, () -> client.revoke(refreshToken()));

        assertThat(e.error()).isEqualTo("invalid_request");
    }

    // ---------------------------------------------------------------- the SSO down or rate-limiting

    static Stream<Arguments> outages() {
        return Stream.of(
                Arguments.of("500", Fault.status(500)),
                Arguments.of("502", Fault.status(502)),
                Arguments.of("503", Fault.status(503)),
                Arguments.of("504", Fault.status(504)),
                Arguments.of("429 without Retry-After", Fault.status(429)),
                Arguments.of("420", Fault.status(420)),
                Arguments.of("disconnect", Fault.disconnect()),
                Arguments.of("disconnect after the headers", Fault.disconnectAfterHeaders()),
                Arguments.of("502 after a delay", Fault.status(502).afterDelay(Duration.ofMillis(200))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outages")
    void outagesAreUnavailableNeverARejection(String name, Fault fault) {
        sso.enqueue(Endpoint.TOKEN, fault);

        SsoUnavailableException e = catchThrowableOfType(SsoUnavailableException.class,
                () -> client.refresh(refreshToken()));

        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage()).startsWith("token refresh: ");
    }

    @Test
    void answerSlowerThanTheReadTimeoutIsUnavailable() {
        TokenEndpointClient impatient = local.tokenClient(local.config(b -> b.readTimeout(Duration.ofMillis(500))));
        sso.enqueue(Endpoint.TOKEN, Fault.delay(Duration.ofSeconds(2)));

        assertThat(catchThrowableOfType(SsoUnavailableException.class, () -> impatient.refresh(refreshToken())))
                .hasMessage("token refresh: read timeout");
    }

    @Test
    void retryAfterOfA429IsReportedAndHoldsBackEveryCallUntilItPasses() throws Exception {
        String token = refreshToken();
        String another = refreshToken();
        sso.enqueue(Endpoint.TOKEN, Fault.status(429).withRetryAfter(Duration.ofSeconds(120)));

        SsoUnavailableException limited = catchThrowableOfType(SsoUnavailableException.class,
                () -> client.refresh(token));
        assertThat(limited.retryAfter()).hasValue(Duration.ofSeconds(120));

        SsoUnavailableException held = catchThrowableOfType(SsoUnavailableException.class,
                () -> client.refresh(another));
        assertThat(held.retryAfter()).hasValue(Duration.ofSeconds(120));
        assertThat(catchThrowableOfType(SsoUnavailableException.class, () -> client.revoke(another))).isNotNull();
        local.clock.advance(Duration.ofSeconds(119));
        assertThat(catchThrowableOfType(SsoUnavailableException.class, () -> client.exchangeCode("c", null))
                .retryAfter()).hasValue(Duration.ofSeconds(1));
        assertThat(sso.requestCount(Endpoint.TOKEN)).as("held calls never left").isEqualTo(1);
        assertThat(sso.requestCount(Endpoint.REVOKE)).isZero();

        local.clock.advance(Duration.ofSeconds(1));
        assertThat(client.refresh(token).refreshToken()).isNotNull();
        assertThat(sso.requestCount(Endpoint.TOKEN)).isEqualTo(2);
    }

    @Test
    void retryAfterOfA429OnACodeExchangeHoldsBackCodeExchangesOnlyNotRefreshesNorRevocations() throws Exception {
        String junk = "junk-code";
        String code = sso.issueAuthorizationCode(PILOT, CLIENT_ID, SCOPES, null);
        sso.enqueue(Endpoint.TOKEN, Fault.status(429).withRetryAfter(Duration.ofSeconds(120)));

        SsoUnavailableException limited = catchThrowableOfType(SsoUnavailableException.class,
                () -> client.exchangeCode(junk, null));
        assertThat(limited.retryAfter()).hasValue(Duration.ofSeconds(120));
        SsoUnavailableException held = catchThrowableOfType(SsoUnavailableException.class,
                () -> client.exchangeCode(code, null));
        assertThat(held.retryAfter()).hasValue(Duration.ofSeconds(120));
        assertThat(held).hasMessageStartingWith("code exchange: EVE SSO asked to wait until");
        assertThat(sso.requestCount(Endpoint.TOKEN)).as("the held exchange never left").isEqualTo(1);

        String token = refreshToken();
        assertThat(client.refresh(token).refreshToken()).as("a logged-in user still refreshes").isNotNull();
        client.revoke(refreshToken());
        assertThat(sso.requestCount(Endpoint.REVOKE)).isEqualTo(1);

        local.clock.advance(Duration.ofSeconds(120));
        assertThat(client.exchangeCode(code, null).accessToken()).isNotBlank();
    }

    @Test
    void aLongerWaitIsNotShortenedByALaterShorterOne() throws Exception {
        sso.enqueue(Endpoint.TOKEN, Fault.status(429).withRetryAfter(Duration.ofSeconds(600)));
        catchThrowableOfType(SsoUnavailableException.class, () -> client.exchangeCode("junk", null));
        sso.enqueue(Endpoint.TOKEN, Fault.status(429).withRetryAfter(Duration.ofSeconds(10)));
        catchThrowableOfType(SsoUnavailableException.class, () -> client.refresh(refreshToken()));

        local.clock.advance(Duration.ofSeconds(10));
        assertThat(client.refresh(refreshToken()).refreshToken()).as("the refresh's own wait is over").isNotNull();
        assertThat(catchThrowableOfType(SsoUnavailableException.class, () -> client.exchangeCode("junk", null))
                .retryAfter()).as("the exchange's longer wait still holds").hasValue(Duration.ofSeconds(590));
    }

    @Test
    void retryAfterOfA503IsReported() {
        sso.enqueue(Endpoint.TOKEN, Fault.status(503).withRetryAfter(Duration.ofSeconds(30)));

        assertThat(catchThrowableOfType(SsoUnavailableException.class, () -> client.refresh(refreshToken()))
                .retryAfter()).hasValue(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterBeyondAnHourHoldsCallsBackForAnHourOnly() throws Exception {
        String token = refreshToken();
        sso.enqueue(Endpoint.TOKEN, Fault.status(503).withRetryAfter(Duration.ofDays(2)));
        catchThrowableOfType(SsoUnavailableException.class, () -> client.refresh(token));

        assertThat(catchThrowableOfType(SsoUnavailableException.class, () -> client.refresh(token)).retryAfter())
                .hasValue(Duration.ofHours(1));
        local.clock.advance(Duration.ofHours(1));
        assertThat(client.refresh(token).refreshToken()).isNotNull();
    }

    @Test
    void codeExchangeSendsTheExactCallbackUrlThatAStrictServerRequires() throws Exception {
        try (LocalSsoFixture strict = new LocalSsoFixture(b -> b.strictRedirectUri(true))) {
            TokenEndpointClient strictClient = strict.tokenClient(strict.config());
            String code = strict.sso.issueAuthorizationCode(PILOT, CLIENT_ID, SCOPES, null);

            assertThat(strictClient.exchangeCode(code, null).refreshToken()).isNotNull();
            assertThat(strict.sso.takeRequest(Endpoint.TOKEN).formValue("redirect_uri"))
                    .isEqualTo(LocalSsoFixture.CALLBACK.toString());
        }
    }

    @Test
    void codeExchangeWithAnotherCallbackUrlIsRefusedByTheServer() {
        TokenEndpointClient elsewhere = local.tokenClient(local.config(
                b -> b.callbackUrl(URI.create("http://localhost:8080/other/callback"))));
        String code = sso.issueAuthorizationCode(PILOT, CLIENT_ID, SCOPES, null);

        SsoRejectedException e = catchThrowableOfType(SsoRejectedException.class,
                () -> elsewhere.exchangeCode(code, null));

        assertThat(e.error()).isEqualTo("invalid_grant");
    }

    @Test
    void revocationDuringAnOutageIsUnavailableAndRevokeQuietlyOnlyLogsIt() {
        String token = refreshToken();
        sso.failUntilCleared(Endpoint.REVOKE, Fault.status(503));

        assertThat(catchThrowableOfType(SsoUnavailableException.class, () -> client.revoke(token))).isNotNull();
        try (LogCapture log = LogCapture.start()) {
            client.revokeQuietly(token, "logout");

            assertThat(log.text()).contains("Revoking the EVE refresh token (logout) failed").doesNotContain(token);
        }
        assertThat(sso.requestCount(Endpoint.REVOKE)).isEqualTo(2);
        assertThat(sso.isRefreshTokenValid(token)).isTrue();
    }

    // ---------------------------------------------------------------- a success that is no token response

    static Stream<Arguments> unusableSuccesses() {
        return Stream.of(
                Arguments.of("an HTML page", Fault.garbage()),
                Arguments.of("an empty body", Fault.status(200).withBody("application/json", "")),
                Arguments.of("a JSON array", Fault.status(200).withBody("application/json", "[1,2,3]")),
                Arguments.of("truncated JSON",
                        Fault.status(200).withBody("application/json", "{\"access_token\":\"ey")),
                Arguments.of("no access_token", json(Map.of("token_type", "Bearer", "expires_in", 1199))),
                Arguments.of("a blank access_token", json(tokenResponse("access_token", " "))),
                Arguments.of("an access_token over 16 KiB", json(tokenResponse("access_token", "a".repeat(17 * 1024)))),
                Arguments.of("token_type mac", json(tokenResponse("token_type", "mac"))),
                Arguments.of("no expires_in", json(tokenResponse("expires_in", null))),
                Arguments.of("expires_in 0", json(tokenResponse("expires_in", 0))),
                Arguments.of("expires_in as text", json(tokenResponse("expires_in", "soon"))),
                Arguments.of("a blank refresh_token", json(tokenResponse("refresh_token", " "))),
                Arguments.of("a body over 256 KiB",
                        json(tokenResponse("padding", "x".repeat(SsoHttp.MAX_BODY_BYTES)))),
                Arguments.of("a redirect", Fault.status(302).withHeader("Location", "http://127.0.0.1:1/elsewhere")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableSuccesses")
    void successThatIsNoUsableTokenResponseIsABadResponse(String name, Fault fault) {
        sso.enqueue(Endpoint.TOKEN, fault);
        String code = sso.issueAuthorizationCode(PILOT, CLIENT_ID, SCOPES, null);

        SsoBadResponseException e = catchThrowableOfType(SsoBadResponseException.class,
                () -> client.exchangeCode(code, null));

        assertThat(e.getMessage()).doesNotContain("aaaaaaaa");
    }

    /** A well-formed token response with {@code field} set to {@code value} ({@code null}: left out). */
    private static Map<String, Object> tokenResponse(String field, Object value) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl");
        json.put("expires_in", 1199);
        json.put("token_type", "Bearer");
        json.put("refresh_token", "cmVmcmVzaA==");
        json.remove(field);
        if (value != null) {
            json.put(field, value);
        }
        return json;
    }

    private static Fault json(Map<String, ?> body) {
        return Fault.status(200).withBody("application/json", JSONObjectUtils.toJSONString(body));
    }
}
