package io.github.evesso.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.sso.LocalSsoFixture;
import io.github.evesso.internal.sso.SsoUnavailableException;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.RecordedRequest;
import java.net.URI;
import java.text.ParseException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SsoJwkSetSource} against the local EVE SSO, without a servlet container: it fetches the JWKS from the URL the
 * metadata (or the configuration) names, through the library's {@code SsoHttp}, on every call (caching, rate limiting
 * and outage tolerance are {@link AccessTokenValidator}'s, tested there), and turns every failure into the
 * {@link JWKSetUnavailableException} Nimbus's outage-tolerant cache falls back on.
 */
@Timeout(60)
class SsoJwkSetSourceTest {
    @AutoClose
    private final LocalSsoFixture local = new LocalSsoFixture();
    private final LocalEveSso sso = local.sso;

    private SsoJwkSetSource source(Consumer<EveSsoConfig.Builder> customize) {
        EveSsoConfig config = local.config(customize);
        return new SsoJwkSetSource(local.endpoints(config), local.http(config));
    }

    private SsoJwkSetSource source() {
        return source(b -> {
        });
    }

    private JWKSet fetch(SsoJwkSetSource source) throws Exception {
        return source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), local.clock.millis(), null);
    }

    @Test
    void fetchesThePublishedKeysFromTheUrlTheMetadataNames() throws Exception {
        SsoJwkSetSource source = source();
        assertThat(source.loaded()).isFalse();

        JWKSet keys = fetch(source);

        assertThat(keys.getKeys()).extracting(JWK::getKeyID)
                .containsExactly("JWT-Signature-Key", sso.jwt().es256PublicKey().getKeyID());
        assertThat(keys.getKeyByKeyId("JWT-Signature-Key").getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(keys.getKeys()).extracting(JWK::getKeyType).containsExactly(KeyType.RSA, KeyType.EC);
        assertThat(keys.getKeys()).noneMatch(JWK::isPrivate);
        assertThat(source.loaded()).isTrue();
        RecordedRequest sent = sso.takeRequest(Endpoint.JWKS);
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.header("Accept")).isEqualTo("application/json");
        assertThat(sso.requestCount(Endpoint.METADATA)).isEqualTo(1);
    }

    @Test
    void everyCallFetchesTheCurrentKeysSoARotationShowsAtOnce() throws Exception {
        SsoJwkSetSource source = source();
        fetch(source);
        sso.rotateKey();

        JWKSet keys = fetch(source);

        assertThat(keys.getKeyByKeyId(sso.jwt().currentKid())).isNotNull();
        assertThat(keys.getKeyByKeyId("JWT-Signature-Key")).as("the retired key stays published").isNotNull();
        assertThat(sso.requestCount(Endpoint.JWKS)).isEqualTo(2);
        assertThat(sso.requestCount(Endpoint.METADATA)).as("the metadata stays cached").isEqualTo(1);
    }

    @Test
    void configuredJwksUrlIsFetchedWithoutTheMetadata() throws Exception {
        SsoJwkSetSource source = source(b -> b.jwksUri(URI.create(sso.jwksUrl())));

        assertThat(fetch(source).getKeys()).hasSize(2);
        assertThat(sso.requestCount(Endpoint.METADATA)).isZero();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("JWKS 503", Endpoint.JWKS, Fault.status(503), SsoUnavailableException.class),
                Arguments.of("JWKS disconnect", Endpoint.JWKS, Fault.disconnect(), SsoUnavailableException.class),
                Arguments.of("JWKS 404", Endpoint.JWKS, Fault.status(404), null),
                Arguments.of("JWKS as HTML", Endpoint.JWKS, Fault.garbage(), ParseException.class),
                Arguments.of("keys not an array", Endpoint.JWKS,
                        Fault.status(200).withBody("application/json", "{\"keys\":\"none\"}"), ParseException.class),
                Arguments.of("metadata 503", Endpoint.METADATA, Fault.status(503), SsoUnavailableException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void everyFailureIsAJwkSetUnavailableExceptionForTheOutageTolerantCache(String name, Endpoint endpoint,
            Fault fault, Class<? extends Throwable> cause) {
        sso.failUntilCleared(endpoint, fault);
        SsoJwkSetSource source = source();

        JWKSetUnavailableException e = catchThrowableOfType(JWKSetUnavailableException.class, () -> fetch(source));

        if (cause == null) {
            assertThat(e).hasMessage("JWKS: HTTP 404").hasNoCause();
        } else {
            assertThat(e).hasCauseInstanceOf(cause);
        }
        assertThat(source.loaded()).isFalse();
    }

    @Test
    void aFailureAfterASuccessLeavesTheSourceLoaded() throws Exception {
        SsoJwkSetSource source = source();
        fetch(source);
        sso.failUntilCleared(Endpoint.JWKS, Fault.status(500));

        assertThat(catchThrowableOfType(JWKSetUnavailableException.class, () -> fetch(source))).isNotNull();
        assertThat(source.loaded()).as("a JWKS was fetched once: the cache holds keys").isTrue();
    }
}
