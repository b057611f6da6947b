package io.github.evesso.internal.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.RecordedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SsoEndpoints} against the local EVE SSO on a test clock, without a servlet container: the metadata document is
 * fetched lazily, once per cache TTL, re-fetched with back-off (2 s doubling, capped, or the SSO's {@code Retry-After})
 * after a failure while a stale document keeps serving, and configured endpoints and issuers need no document at all.
 */
@Timeout(60)
class SsoEndpointsTest {
    private static final Duration TTL = Duration.ofMinutes(10);

    @AutoClose
    private final LocalSsoFixture local = new LocalSsoFixture();
    private final LocalEveSso sso = local.sso;

    private SsoEndpoints endpoints() {
        return local.endpoints(local.config(b -> b.metadataCacheTtl(TTL)));
    }

    private int metadataFetches() {
        return sso.requestCount(Endpoint.METADATA);
    }

    private void advance(Duration d) {
        local.clock.advance(d);
    }

    /** The local SSO's metadata document with {@code field} set to {@code value} ({@code null}: left out). */
    private Fault document(String field, Object value) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", sso.issuer());
        doc.put("authorization_endpoint", sso.authorizeUrl());
        doc.put("token_endpoint", sso.tokenUrl());
        doc.put("jwks_uri", sso.jwksUrl());
        doc.put("revocation_endpoint", sso.revokeUrl());
        doc.remove(field);
        if (value != null) {
            doc.put(field, value);
        }
        return Fault.status(200).withBody("application/json", JSONObjectUtils.toJSONString(doc));
    }

    // ---------------------------------------------------------------- fetching and caching

    @Test
    void nothingIsFetchedUntilAnEndpointIsNeeded() throws Exception {
        SsoEndpoints endpoints = endpoints();
        assertThat(metadataFetches()).isZero();

        endpoints.token();

        assertThat(metadataFetches()).isEqualTo(1);
    }

    @Test
    void endpointsAndIssuerComeFromOneFetchOfTheMetadataDocument() throws Exception {
        SsoEndpoints endpoints = endpoints();

        assertThat(endpoints.authorization()).isEqualTo(URI.create(sso.authorizeUrl()));
        assertThat(endpoints.token()).isEqualTo(URI.create(sso.tokenUrl()));
        assertThat(endpoints.jwks()).isEqualTo(URI.create(sso.jwksUrl()));
        assertThat(endpoints.revocation()).isEqualTo(URI.create(sso.revokeUrl()));
        assertThat(endpoints.acceptedIssuers()).containsAll(EveSsoConfig.EVE_ISSUERS).contains(sso.issuer())
                .hasSize(EveSsoConfig.EVE_ISSUERS.size() + 1);

        assertThat(metadataFetches()).isEqualTo(1);
        RecordedRequest fetch = sso.takeRequest(Endpoint.METADATA);
        assertThat(fetch.method()).isEqualTo("GET");
        assertThat(fetch.header("Accept")).isEqualTo("application/json");
    }

    @Test
    void documentIsCachedForItsTtlThenFetchedAgain() throws Exception {
        SsoEndpoints endpoints = endpoints();
        endpoints.token();
        advance(TTL.minusSeconds(1));
        assertThat(endpoints.token()).isEqualTo(URI.create(sso.tokenUrl()));
        assertThat(metadataFetches()).as("within the TTL").isEqualTo(1);

        String moved = sso.baseUrl() + "/v3/oauth/token";
        sso.enqueue(Endpoint.METADATA, document("token_endpoint", moved));
        advance(Duration.ofSeconds(1));

        assertThat(endpoints.token()).isEqualTo(URI.create(moved));
        assertThat(metadataFetches()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- failures and back-off

    @Test
    void failedFetchesBackOffTwoSecondsDoublingBeforeTryingAgain() throws Exception {
        sso.failUntilCleared(Endpoint.METADATA, Fault.status(503));
        SsoEndpoints endpoints = endpoints();

        assertThat(catchThrowableOfType(SsoUnavailableException.class, endpoints::token)).isNotNull();
        SsoUnavailableException waiting = catchThrowableOfType(SsoUnavailableException.class, endpoints::token);
        assertThat(waiting).hasMessageContaining("retrying after");
        assertThat(metadataFetches()).as("no fetch during the first 2 s").isEqualTo(1);

        advance(Duration.ofSeconds(2));
        assertThat(catchThrowableOfType(SsoUnavailableException.class, endpoints::token)).isNotNull();
        assertThat(metadataFetches()).isEqualTo(2);
        advance(Duration.ofSeconds(2));
        assertThat(catchThrowableOfType(SsoUnavailableException.class, endpoints::token)).isNotNull();
        assertThat(metadataFetches()).as("the second wait is 4 s").isEqualTo(2);
        advance(Duration.ofSeconds(2));
        assertThat(catchThrowableOfType(SsoUnavailableException.class, endpoints::token)).isNotNull();
        assertThat(metadataFetches()).isEqualTo(3);

        sso.clearFaults();
        advance(Duration.ofSeconds(8));
        assertThat(endpoints.token()).isEqualTo(URI.create(sso.tokenUrl()));
        assertThat(metadataFetches()).isEqualTo(4);
    }

    @Test
    void backOffIsCappedByTheConfiguredMaximum() {
        sso.failUntilCleared(Endpoint.METADATA, Fault.status(500));
        SsoEndpoints endpoints = local.endpoints(local.config(b -> b.maxRetryBackoff(Duration.ofSeconds(5))));
        catchThrowableOfType(SsoUnavailableException.class, endpoints::token);
        advance(Duration.ofSeconds(2));
        catchThrowableOfType(SsoUnavailableException.class, endpoints::token);
        advance(Duration.ofSeconds(4));
        catchThrowableOfType(SsoUnavailableException.class, endpoints::token);
        assertThat(metadataFetches()).isEqualTo(3);

        advance(Duration.ofSeconds(5).minusMillis(1));
        catchThrowableOfType(SsoUnavailableException.class, endpoints::token);
        assertThat(metadataFetches()).isEqualTo(3);
        advance(Duration.ofMillis(1));
        catchThrowableOfType(SsoUnavailableException.class, endpoints::token);
        assertThat(metadataFetches()).as("after 5 s, not 8 s").isEqualTo(4);
    }

    @Test
    void retryAfterLengthensTheBackOff() throws Exception {
        sso.enqueue(Endpoint.METADATA, Fault.status(503).withRetryAfter(Duration.ofSeconds(60)));
        SsoEndpoints endpoints = endpoints();
        catchThrowableOfType(SsoUnavailableException.class, endpoints::token);

        advance(Duration.ofSeconds(59));
        assertThat(catchThrowableOfType(SsoUnavailableException.class, endpoints::token)).isNotNull();
        assertThat(metadataFetches()).isEqualTo(1);
        advance(Duration.ofSeconds(1));
        assertThat(endpoints.token()).isEqualTo(URI.create(sso.tokenUrl()));
        assertThat(metadataFetches()).isEqualTo(2);
    }

    @Test
    void staleDocumentKeepsServingWhileTheRefetchFails() throws Exception {
        SsoEndpoints endpoints = endpoints();
        endpoints.token();
        sso.failUntilCleared(Endpoint.METADATA, Fault.status(503));
        advance(TTL);

        assertThat(endpoints.token()).isEqualTo(URI.create(sso.tokenUrl()));
        assertThat(endpoints.acceptedIssuers()).contains(sso.issuer());
        assertThat(metadataFetches()).as("one refetch, then the back-off").isEqualTo(2);
    }

    @Test
    void issuersFallBackToEvesOwnWhileTheMetadataIsUnavailable() {
        sso.failUntilCleared(Endpoint.METADATA, Fault.status(503));

        assertThat(endpoints().acceptedIssuers()).isEqualTo(EveSsoConfig.EVE_ISSUERS);
    }

    @Test
    void answerOtherThan200IsUnavailable() {
        sso.enqueue(Endpoint.METADATA, Fault.status(404));

        assertThat(catchThrowableOfType(SsoUnavailableException.class, endpoints()::token))
                .hasMessage("SSO metadata: HTTP 404");
    }

    static Stream<Arguments> unusableDocuments() {
        return Stream.of(
                Arguments.of("token_endpoint", null),
                Arguments.of("token_endpoint", " "),
                Arguments.of("token_endpoint", "/v2/oauth/token"),
                Arguments.of("token_endpoint", "ftp://127.0.0.1/v2/oauth/token"),
                Arguments.of("token_endpoint", "http://127.0.0.1:9/a b"),
                Arguments.of("token_endpoint", 42));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("unusableDocuments")
    void documentWithoutAUsableEndpointIsABadResponse(String field, Object value) {
        sso.enqueue(Endpoint.METADATA, document(field, value));

        assertThat(catchThrowableOfType(SsoBadResponseException.class, endpoints()::token)).isNotNull();
    }

    @Test
    void documentThatIsNotJsonIsABadResponseAndBacksOff() {
        sso.enqueue(Endpoint.METADATA, Fault.garbage());
        SsoEndpoints endpoints = endpoints();

        assertThat(catchThrowableOfType(SsoBadResponseException.class, endpoints::token))
                .hasMessage("SSO metadata is not a JSON document");
        assertThat(catchThrowableOfType(SsoUnavailableException.class, endpoints::token)).isNotNull();
        assertThat(metadataFetches()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- overrides

    @Test
    void configuredEndpointsAndIssuersWinAndNeedNoMetadata() throws Exception {
        URI authorize = URI.create("https://login.eveonline.com/v2/oauth/authorize");
        URI token = URI.create("https://login.eveonline.com/v2/oauth/token");
        URI jwks = URI.create("https://login.eveonline.com/oauth/jwks");
        URI revoke = URI.create("https://login.eveonline.com/v2/oauth/revoke");
        SsoEndpoints endpoints = local.endpoints(local.config(b -> b.authorizationEndpoint(authorize)
                .tokenEndpoint(token).jwksUri(jwks).revocationEndpoint(revoke)
                .acceptedIssuers(Set.of("https://login.eveonline.com"))));

        assertThat(endpoints.authorization()).isEqualTo(authorize);
        assertThat(endpoints.token()).isEqualTo(token);
        assertThat(endpoints.jwks()).isEqualTo(jwks);
        assertThat(endpoints.revocation()).isEqualTo(revoke);
        assertThat(endpoints.acceptedIssuers()).containsExactly("https://login.eveonline.com");
        assertThat(metadataFetches()).isZero();
    }

    @Test
    void endpointsNotConfiguredStillComeFromTheMetadata() throws Exception {
        URI token = URI.create(sso.baseUrl() + "/custom/token");
        SsoEndpoints endpoints = local.endpoints(local.config(b -> b.tokenEndpoint(token)));

        assertThat(endpoints.token()).isEqualTo(token);
        assertThat(metadataFetches()).isZero();
        assertThat(endpoints.jwks()).isEqualTo(URI.create(sso.jwksUrl()));
        assertThat(metadataFetches()).isEqualTo(1);
    }
}
