package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ESI client's typed builder: the required user agent and CCP's rule for it, ranges, immutability. */
class EsiClientBuilderTest {
    private static final String USER_AGENT = "my-app/1.2 (me@example.com)";

    @Test
    void aUserAgentIsRequired() {
        assertThatThrownBy(() -> EsiClient.builder().build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("userAgent is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-app/1.2", "my-app", "me@example.com", "(me@example.com)", " ", "",
            "my-app/1.2 (me@example.com)\r\nX-Injected: 1", "mon-appli/1.0 (moi@exemple.fr) é"})
    void aUserAgentMustNameTheApplicationAndAContactInPrintableAscii(String userAgent) {
        assertThatThrownBy(() -> EsiClient.builder().userAgent(userAgent).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userAgent");
    }

    @ParameterizedTest
    @ValueSource(strings = {USER_AGENT, "my-app/1.2 (+https://example.com/my-app)", "MyApp 3 (Discord: @maker)",
            "  my-app/1.2 me@example.com  "})
    void aUserAgentWithANameAndAContactIsAccepted(String userAgent) {
        try (EsiClient esi = EsiClient.builder().userAgent(userAgent).build()) {
            assertThat(esi.toString()).contains(EsiClient.DEFAULT_BASE_URL, "2025-09-30");
        }
    }

    @Test
    void outOfRangeSettingsAreRefusedNamingTheSetting() {
        assertRefused(b -> b.readTimeout(Duration.ZERO), "readTimeout");
        assertRefused(b -> b.connectTimeout(Duration.ofMinutes(6)), "connectTimeout");
        assertRefused(b -> b.maxWait(Duration.ofSeconds(-1)), "maxWait");
        assertRefused(b -> b.maxResponseBytes(10), "maxResponseBytes");
        assertRefused(b -> b.cacheEntries(-1), "cacheEntries");
        assertRefused(b -> b.cacheBytes(-1), "cacheBytes");
        assertRefused(b -> b.retries(11), "retries");
        assertRefused(b -> b.errorLimitMargin(100), "errorLimitMargin");
        assertRefused(b -> b.baseUrl(URI.create("ftp://esi.evetech.net")), "baseUrl");
        assertRefused(b -> b.baseUrl(URI.create("https://esi.evetech.net/?datasource=tranquility")), "baseUrl");
        assertRefused(b -> b.baseUrl(URI.create("https://user:pw@esi.evetech.net")), "baseUrl");
        assertRefused(b -> b.baseUrl(URI.create("/latest")), "baseUrl");
    }

    @Test
    void eachSettingMakesANewBuilderAndLeavesTheOldOneAsItWas() {
        EsiClient.Builder base = EsiClient.builder().userAgent(USER_AGENT);
        EsiClient.Builder test = base.baseUrl(URI.create("https://esi.test.example/"));

        try (EsiClient production = base.build(); EsiClient other = test.build()) {
            assertThat(production.toString()).contains("https://esi.evetech.net,");
            assertThat(other.toString()).contains("https://esi.test.example,"); // the trailing slash dropped
        }
    }

    @Test
    void pathsMustStartWithASingleSlash() {
        try (EsiClient esi = EsiClient.builder().userAgent(USER_AGENT).build()) {
            for (String path : new String[] {"status/", "//evil.example/status/", "/status/#x"}) {
                assertThatThrownBy(() -> esi.get(path, String.class)).as(path)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> esi.get("/characters/1/wallet/", String.class, null))
                    .isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void theReadmeDocumentsTheDefaultCompatibilityDateAndBaseUrl() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(readme).contains("`X-Compatibility-Date`", "`" + EsiClient.DEFAULT_COMPATIBILITY_DATE + "`",
                "`" + EsiClient.DEFAULT_BASE_URL + "`");
    }

    private static void assertRefused(UnaryOperator<EsiClient.Builder> setting, String name) {
        assertThatThrownBy(() -> setting.apply(EsiClient.builder().userAgent(USER_AGENT)).build()).as(name)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }
}
