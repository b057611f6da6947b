package io.github.evesso.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.support.LogCapture;
import io.github.evesso.support.Scenario;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Start-up warns about SSO URLs that are plain http to another machine, and stays quiet for https and for loopback
 * (the local EVE SSO). The hosts below end in {@code .invalid}: never resolved, never contacted.
 */
class InsecureEndpointsTest {

    private static EveSsoConfig.Builder config() {
        return EveSsoConfig.builder().clientId("client").clientSecret("secret")
                .callbackUrl(URI.create("http://localhost:8080/app/sso/callback"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://sso.invalid/x", "HTTP://SSO.INVALID/x", "http://10.0.0.1/x",
        "http://128.0.0.1/x", "http://localhost.invalid/x"})
    void plainHttpToAnotherHostIsInsecure(String url) {
        assertThat(InsecureEndpoints.isPlainHttpToAnotherHost(URI.create(url))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://sso.invalid/x", "http://localhost:9090/x", "http://127.0.0.1/x",
        "http://127.1.2.3:80/x", "http://[::1]:9090/x", "http://app.localhost/x"})
    void httpsAndLoopbackAreNot(String url) {
        assertThat(InsecureEndpoints.isPlainHttpToAnotherHost(URI.create(url))).isFalse();
    }

    @Test
    void everyConfiguredPlainHttpUrlToAnotherHostIsNamed() {
        EveSsoConfig insecure = config().metadataUrl(URI.create("http://sso.invalid/.well-known/x"))
                .tokenEndpoint(URI.create("http://sso.invalid/token"))
                .jwksUri(URI.create("https://sso.invalid/jwks")).build();

        assertThat(InsecureEndpoints.warnings(insecure)).hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("eve.sso.metadata-url is plain http to sso.invalid"))
                .anySatisfy(w -> assertThat(w).startsWith("eve.sso.token-endpoint is plain http to sso.invalid"));
        assertThat(InsecureEndpoints.warnings(config().build())).as("EVE's own https metadata").isEmpty();
    }

    @Test
    void theApplicationLogsTheWarningAtStartUpAndStartsAnyway() {
        try (LogCapture log = LogCapture.start();
                Scenario scenario = Scenario.start(b -> b.revocationEndpoint(URI.create("http://sso.invalid/revoke")))) {
            assertThat(scenario.app.runtime()).isNotNull();
            assertThat(log.text()).contains("eve.sso.revocation-endpoint is plain http to sso.invalid")
                    .doesNotContain("eve.sso.metadata-url is plain http"); // the local SSO on 127.0.0.1
        }
    }
}
