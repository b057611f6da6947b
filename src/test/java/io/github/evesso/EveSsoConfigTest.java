package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.evesso.EveSsoConfigKeys.Key;
import io.github.evesso.internal.config.PropertyBinder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EveSsoConfig}: the documented defaults, parsing of every string form, and validation — every missing or
 * invalid value is reported, all of them together in one {@link EveSsoConfigException}, and the client secret never
 * shows in {@code toString()} or in a message.
 */
class EveSsoConfigTest {
    private static final String SECRET = "s3cr3t-value-never-shown";
    private static final String CALLBACK = "https://app.example.com/app/sso/callback";

    /** A builder with the three required settings filled in (as strings, like every deployment style). */
    private static EveSsoConfig.Builder minimal() {
        return EveSsoConfig.builder()
                .property("eve.sso.client-id", "my-client")
                .property("eve.sso.client-secret", SECRET)
                .property("eve.sso.callback-url", CALLBACK);
    }

    /** Builds {@code minimal()} plus one property; returns the problems (empty when it builds). */
    private static List<String> problemsWith(String key, String value) {
        return problemsOf(minimal().property(key, value));
    }

    private static List<String> problemsOf(EveSsoConfig.Builder builder) {
        try {
            builder.build();
            return List.of();
        } catch (EveSsoConfigException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET);
            assertThat(e.problems()).noneMatch(p -> p.contains(SECRET));
            return e.problems();
        }
    }

    private static EveSsoConfig build(Consumer<EveSsoConfig.Builder> settings) {
        EveSsoConfig.Builder builder = minimal();
        settings.accept(builder);
        return builder.build();
    }

    // ---------------------------------------------------------------- defaults

    private final EveSsoConfig defaults = minimal().build();

    @Test
    void requiredValuesAreTakenAsGiven() {
        assertThat(defaults.clientId()).isEqualTo("my-client");
        assertThat(defaults.clientSecret()).isEqualTo(SECRET);
        assertThat(defaults.callbackUrl()).isEqualTo(URI.create(CALLBACK));
    }

    @Test
    void pathsAndPagesHaveTheDocumentedDefaults() {
        assertThat(defaults.scopes()).isEmpty();
        assertThat(defaults.protectedPaths()).containsExactly("/*");
        assertThat(defaults.excludedPaths()).isEmpty();
        assertThat(defaults.defaultUrl()).isEqualTo("/");
        assertThat(defaults.postLogoutUrl()).isEqualTo("/");
        assertThat(defaults.loginPath()).isEqualTo("/sso/login");
        assertThat(defaults.logoutPath()).isEqualTo("/sso/logout");
        assertThat(defaults.logoutAllowGet()).isFalse();
        assertThat(defaults.errorPage()).isEmpty();
    }

    @Test
    void endpointsDefaultToEveMetadataWithoutOverrides() {
        assertThat(defaults.metadataUrl()).isEqualTo(EveSsoConfig.EVE_METADATA_URL)
                .hasToString("https://login.eveonline.com/.well-known/oauth-authorization-server");
        assertThat(defaults.authorizationEndpoint()).isEmpty();
        assertThat(defaults.tokenEndpoint()).isEmpty();
        assertThat(defaults.jwksUri()).isEmpty();
        assertThat(defaults.revocationEndpoint()).isEmpty();
        assertThat(defaults.acceptedIssuers()).isEmpty();
        assertThat(EveSsoConfig.EVE_ISSUERS).containsExactly(
                "login.eveonline.com", "https://login.eveonline.com", "https://login.eveonline.com/");
        assertThat(defaults.es256Enabled()).isFalse();
    }

    @Test
    void timingsHaveTheDocumentedDefaults() {
        assertThat(defaults.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.refreshWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.stateTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.jwksRefetchInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.metadataCacheTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.maxRetryBackoff()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void loginStateAndPkceHaveTheDocumentedDefaults() {
        assertThat(defaults.stateSlots()).isEqualTo(5);
        assertThat(defaults.pkce()).isTrue();
        assertThat(defaults.listenerClassNames()).isEmpty();
        assertThat(defaults.listeners()).isEmpty();
        assertThat(defaults.clock()).isNotNull();
    }

    @Test
    void theCallbacksBudgetHasTheDocumentedDefaults() {
        assertThat(defaults.loginMinAge()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.failedLoginsPerSession()).isEqualTo(5);
        assertThat(defaults.failedLoginsPerAddress()).isEqualTo(20);
        assertThat(defaults.failedLoginWindow()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theCallbacksBudgetIsReadFromStringsAndZeroTurnsEachCheckOff() {
        EveSsoConfig off = build(b -> b.property("eve.sso.login-min-age", "0")
                .property("eve.sso.failed-logins-per-session", "0")
                .property("eve.sso.failed-logins-per-address", "0")
                .property("eve.sso.failed-login-window", "1h"));
        assertThat(off.loginMinAge()).isZero();
        assertThat(off.failedLoginsPerSession()).isZero();
        assertThat(off.failedLoginsPerAddress()).isZero();
        assertThat(off.failedLoginWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(build(b -> b.loginMinAge(Duration.ofMillis(2500)).failedLoginsPerAddress(1000))
                .failedLoginsPerAddress()).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "eve.sso.login-min-age | -1s | eve.sso.login-min-age must not be negative, not PT-1S",
            "eve.sso.login-min-age | 10m | eve.sso.login-min-age must be shorter than eve.sso.state-ttl (PT10M), not"
                    + " PT10M (0 turns the check off)",
            "eve.sso.failed-logins-per-session | -1 | eve.sso.failed-logins-per-session must be between 0 and 1000,"
                    + " not -1",
            "eve.sso.failed-logins-per-address | 1001 | eve.sso.failed-logins-per-address must be between 0 and"
                    + " 1000, not 1001",
            "eve.sso.failed-logins-per-address | many | eve.sso.failed-logins-per-address must be a whole number,"
                    + " not many",
            "eve.sso.failed-login-window | 0 | eve.sso.failed-login-window must be a positive duration, not PT0S",
            "eve.sso.failed-login-window | 25h | eve.sso.failed-login-window must be at most 86400 s, not 90000 s",
            "eve.sso.failed-login-window | soon | eve.sso.failed-login-window must be a duration such as 60, 30s,"
                    + " 10m or PT1M, not soon",
    })
    void impossibleBudgetSettingsAreReported(String key, String value, String problem) {
        assertThat(problemsWith(key, value)).containsExactly(problem);
    }

    @Test
    void everyKeyHasAnEveSsoPropertyName() {
        assertThat(Key.values()).allSatisfy(k -> {
            assertThat(k.property()).matches("eve\\.sso\\.[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(k).hasToString(k.property());
        });
        assertThat(Arrays.stream(Key.values()).map(Key::property).distinct()).hasSize(Key.values().length);
    }

    @Test
    void blankValuesLeaveTheDefault() {
        EveSsoConfig c = build(b -> b.property("eve.sso.scopes", "   ")
                .property("eve.sso.state-slots", "")
                .property("eve.sso.login-path", null)
                .property("eve.sso.clock-skew", " \t "));
        assertThat(c.scopes()).isEmpty();
        assertThat(c.stateSlots()).isEqualTo(5);
        assertThat(c.loginPath()).isEqualTo("/sso/login");
        assertThat(c.clockSkew()).isEqualTo(Duration.ofSeconds(60));
    }

    // ---------------------------------------------------------------- parsing

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "60, PT60S",
            "30s, PT30S",
            "500ms, PT0.5S",
            "10m, PT10M",
            "1h, PT1H",
            "PT1M, PT1M",
            "pt2m30s, PT2M30S",
            "' 45s ', PT45S",
            "0, PT0S",
            "90S, PT1M30S",
    })
    void durationsAcceptSecondsUnitsAndIso8601(String text, String expected) {
        // a cache longer than every interval tried: the refetch interval must stay shorter than the cache TTL
        EveSsoConfig c = build(b -> b.property("eve.sso.metadata-cache-ttl", "PT24H")
                .property("eve.sso.jwks-refetch-interval", text));
        assertThat(c.jwksRefetchInterval()).isEqualTo(Duration.parse(expected));
    }

    @Test
    void clockSkewAndRefreshWindowHaveUpperLimits() {
        assertThat(problemsOf(minimal().clockSkew(Duration.ofMinutes(10)).refreshWindow(Duration.ofMinutes(20))))
                .containsExactly("eve.sso.clock-skew must be at most 300 s, not 600 s",
                        "eve.sso.refresh-window must be at most 600 s, not 1200 s");
        assertThat(build(b -> b.clockSkew(Duration.ofMinutes(5)).refreshWindow(Duration.ofMinutes(10))).clockSkew())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void loginAndLogoutPathsMustDiffer() {
        assertThat(problemsOf(minimal().loginPath("/sso/x").logoutPath("/sso/x")))
                .containsExactly("eve.sso.login-path and eve.sso.logout-path must differ, both are /sso/x");
    }

    @Test
    void everyDurationKeyUsesTheSameFormats() {
        EveSsoConfig c = build(b -> b.property("eve.sso.clock-skew", "1m")
                .property("eve.sso.refresh-window", "2m")
                .property("eve.sso.connect-timeout", "750ms")
                .property("eve.sso.read-timeout", "PT20S")
                .property("eve.sso.state-ttl", "15m")
                .property("eve.sso.jwks-refetch-interval", "0")
                .property("eve.sso.metadata-cache-ttl", "2h")
                .property("eve.sso.max-retry-backoff", "120"));
        assertThat(c.clockSkew()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.refreshWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.stateTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.jwksRefetchInterval()).isEqualTo(Duration.ZERO);
        assertThat(c.metadataCacheTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(c.maxRetryBackoff()).isEqualTo(Duration.ofMinutes(2));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "esi-skills.read_skills.v1 esi-wallet.read_character_wallet.v1",
            "esi-skills.read_skills.v1,esi-wallet.read_character_wallet.v1",
            "esi-skills.read_skills.v1, esi-wallet.read_character_wallet.v1",
            "  esi-skills.read_skills.v1 ,\t esi-wallet.read_character_wallet.v1 , ",
            ",esi-skills.read_skills.v1\n\nesi-wallet.read_character_wallet.v1",
    })
    void scopesAreSeparatedBySpacesAndOrCommas(String text) {
        EveSsoConfig c = build(b -> b.property("eve.sso.scopes", text));
        assertThat(c.scopes()).containsExactly("esi-skills.read_skills.v1", "esi-wallet.read_character_wallet.v1");
    }

    @Test
    void pathListsAreCommaSeparatedAndTrimmed() {
        EveSsoConfig c = build(b -> b.property("eve.sso.protected-paths", "/admin/*, /account/* ,*.do")
                .property("eve.sso.excluded-paths", " /public/*,/health"));
        assertThat(c.protectedPaths()).containsExactly("/admin/*", "/account/*", "*.do");
        assertThat(c.excludedPaths()).containsExactly("/public/*", "/health");
    }

    @Test
    void booleansAreCaseInsensitive() {
        EveSsoConfig c = build(b -> b.property("eve.sso.pkce", "FALSE")
                .property("eve.sso.logout-allow-get", "True")
                .property("eve.sso.es256-enabled", " true "));
        assertThat(c.pkce()).isFalse();
        assertThat(c.logoutAllowGet()).isTrue();
        assertThat(c.es256Enabled()).isTrue();
    }

    @Test
    void urlsPagesIssuersAndListenersAreRead() {
        EveSsoConfig c = build(b -> b.property("eve.sso.metadata-url", "http://127.0.0.1:8999/.well-known/x")
                .property("eve.sso.authorization-endpoint", "https://sso.example/authorize")
                .property("eve.sso.token-endpoint", "https://sso.example/token")
                .property("eve.sso.jwks-uri", "https://sso.example/jwks")
                .property("eve.sso.revocation-endpoint", "https://sso.example/revoke")
                .property("eve.sso.accepted-issuers", "https://sso.example, sso.example")
                .property("eve.sso.default-url", "/home")
                .property("eve.sso.post-logout-url", "/bye?x=1")
                .property("eve.sso.login-path", "/auth/in")
                .property("eve.sso.logout-path", "/auth/out")
                .property("eve.sso.error-page", "/error.jsp")
                .property("eve.sso.state-slots", "50")
                .property("eve.sso.listeners", "com.example.A, com.example.B"));
        assertThat(c.metadataUrl()).hasToString("http://127.0.0.1:8999/.well-known/x");
        assertThat(c.authorizationEndpoint()).contains(URI.create("https://sso.example/authorize"));
        assertThat(c.tokenEndpoint()).contains(URI.create("https://sso.example/token"));
        assertThat(c.jwksUri()).contains(URI.create("https://sso.example/jwks"));
        assertThat(c.revocationEndpoint()).contains(URI.create("https://sso.example/revoke"));
        assertThat(c.acceptedIssuers()).contains(Set.of("https://sso.example", "sso.example"));
        assertThat(c.defaultUrl()).isEqualTo("/home");
        assertThat(c.postLogoutUrl()).isEqualTo("/bye?x=1");
        assertThat(c.loginPath()).isEqualTo("/auth/in");
        assertThat(c.logoutPath()).isEqualTo("/auth/out");
        assertThat(c.errorPage()).contains("/error.jsp");
        assertThat(c.stateSlots()).isEqualTo(50);
        assertThat(c.listenerClassNames()).containsExactly("com.example.A", "com.example.B");
    }

    @Test
    void propertiesMapIsTheSameAsOnePropertyAtATime() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("eve.sso.client-id", "my-client");
        map.put("eve.sso.client-secret", SECRET);
        map.put("eve.sso.callback-url", CALLBACK);
        map.put("eve.sso.scopes", "a.b c.d");
        map.put("eve.sso.state-ttl", "5m");
        EveSsoConfig c = EveSsoConfig.builder().properties(map).build();
        assertThat(c.clientId()).isEqualTo("my-client");
        assertThat(c.scopes()).containsExactly("a.b", "c.d");
        assertThat(c.stateTtl()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void valuesAreStripped() {
        EveSsoConfig c = EveSsoConfig.builder()
                .property("eve.sso.client-id", "  my-client\n")
                .property("eve.sso.client-secret", "\t" + SECRET + " ")
                .property("eve.sso.callback-url", " " + CALLBACK + " ")
                .build();
        assertThat(c.clientId()).isEqualTo("my-client");
        assertThat(c.clientSecret()).isEqualTo(SECRET);
        assertThat(c.callbackUrl()).hasToString(CALLBACK);
    }

    // ---------------------------------------------------------------- missing values

    @Test
    void anEmptyBuilderReportsTheThreeRequiredKeys() {
        EveSsoConfigException e = catchThrowableOfType(EveSsoConfigException.class,
                () -> EveSsoConfig.builder().build());
        assertThat(e.problems()).containsExactly(
                "eve.sso.client-id is missing",
                "eve.sso.client-secret is missing",
                "eve.sso.callback-url is missing");
        assertThat(e.getMessage()).startsWith("EVE SSO configuration is invalid (3 problems):")
                .contains("eve.sso.client-id is missing", "eve.sso.client-secret is missing",
                        "eve.sso.callback-url is missing");
    }

    @Test
    void eachRequiredKeyIsReportedAlone() {
        assertThat(problemsOf(EveSsoConfig.builder().property("eve.sso.client-secret", SECRET)
                .property("eve.sso.callback-url", CALLBACK))).containsExactly("eve.sso.client-id is missing");
        assertThat(problemsOf(EveSsoConfig.builder().property("eve.sso.client-id", "c")
                .property("eve.sso.callback-url", CALLBACK))).containsExactly("eve.sso.client-secret is missing");
        assertThat(problemsOf(EveSsoConfig.builder().property("eve.sso.client-id", "c")
                .property("eve.sso.client-secret", SECRET))).containsExactly("eve.sso.callback-url is missing");
    }

    @Test
    void blankRequiredValuesCountAsMissing() {
        assertThat(problemsOf(EveSsoConfig.builder().clientId("  ").clientSecret("").callbackUrl(URI.create(CALLBACK))))
                .containsExactly("eve.sso.client-id is missing", "eve.sso.client-secret is missing");
    }

    @Test
    void typedSettersRejectNullsAtBuildNotWithANullPointer() {
        List<String> problems = problemsOf(minimal().metadataUrl(null).clockSkew(null).stateTtl(null).clock(null));
        assertThat(problems).containsExactlyInAnyOrder(
                "eve.sso.metadata-url is missing",
                "eve.sso.clock-skew must not be negative, not null",
                "eve.sso.state-ttl must be a positive duration, not null",
                "clock must not be null");
    }

    // ---------------------------------------------------------------- invalid values

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://exa mple.com/cb | eve.sso.callback-url is not a valid URL: http://exa mple.com/cb",
            "/app/sso/callback | eve.sso.callback-url must be an absolute http(s) URL: /app/sso/callback",
            "sso/callback | eve.sso.callback-url must be an absolute http(s) URL: sso/callback",
            "ftp://app.example.com/cb | eve.sso.callback-url must be an absolute http(s) URL: ftp://app.example.com/cb",
            "javascript:alert(1) | eve.sso.callback-url must be an absolute http(s) URL: javascript:alert(1)",
            "https:///no-host | eve.sso.callback-url must be an absolute http(s) URL: https:///no-host",
            "https://app.example.com/cb?x=1 | eve.sso.callback-url must not have a query or fragment: https://app.example.com/cb?x=1",
            "https://app.example.com/cb#top | eve.sso.callback-url must not have a query or fragment: https://app.example.com/cb#top",
    })
    void badCallbackUrlsAreReportedOnce(String url, String problem) {
        assertThat(problemsWith("eve.sso.callback-url", url)).containsExactly(problem);
    }

    @Test
    void callbackUrlSetWithTheTypedSetterIsCheckedToo() {
        assertThat(problemsOf(minimal().callbackUrl(URI.create("/relative"))))
                .containsExactly("eve.sso.callback-url must be an absolute http(s) URL: /relative");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "eve.sso.metadata-url | not a url",
            "eve.sso.metadata-url | file:///etc/passwd",
            "eve.sso.metadata-url | /.well-known/oauth-authorization-server",
            "eve.sso.authorization-endpoint | ldap://sso.example/authorize",
            "eve.sso.token-endpoint | token",
            "eve.sso.jwks-uri | http://[bad/jwks",
            "eve.sso.revocation-endpoint | mailto:revoke@example.com",
    })
    void badEndpointUrlsAreReported(String key, String value) {
        assertThat(problemsWith(key, value)).singleElement().asString().startsWith(key + " ").contains(value);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "eve.sso.clock-skew | soon",
            "eve.sso.refresh-window | 10 minutes",
            "eve.sso.connect-timeout | 5sec",
            "eve.sso.read-timeout | P1X",
            "eve.sso.state-ttl | 1.5m",
            "eve.sso.jwks-refetch-interval | 30d",
            "eve.sso.metadata-cache-ttl | h",
            "eve.sso.max-retry-backoff | ms",
    })
    void badDurationsAreReported(String key, String value) {
        assertThat(problemsWith(key, value))
                .containsExactly(key + " must be a duration such as 60, 30s, 10m or PT1M, not " + value);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "eve.sso.clock-skew | -1 | must not be negative",
            "eve.sso.refresh-window | -5s | must not be negative",
            "eve.sso.jwks-refetch-interval | PT-1S | must not be negative",
            "eve.sso.connect-timeout | 0 | must be a positive duration",
            "eve.sso.read-timeout | -10s | must be a positive duration",
            "eve.sso.state-ttl | 0m | must be a positive duration",
            "eve.sso.metadata-cache-ttl | -1h | must be a positive duration",
            "eve.sso.max-retry-backoff | 0ms | must be a positive duration",
    })
    void negativeOrZeroDurationsAreReportedWhereNotAllowed(String key, String value, String problem) {
        assertThat(problemsWith(key, value)).singleElement().asString().startsWith(key + " " + problem);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "eve.sso.pkce | yes",
            "eve.sso.logout-allow-get | 1",
            "eve.sso.es256-enabled | on",
    })
    void badBooleansAreReported(String key, String value) {
        assertThat(problemsWith(key, value)).containsExactly(key + " must be true or false, not " + value);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"five", "5.0", "0x5", "99999999999"})
    void badIntegersAreReported(String value) {
        assertThat(problemsWith("eve.sso.state-slots", value))
                .containsExactly("eve.sso.state-slots must be a whole number, not " + value);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"0", "51", "-1"})
    void stateSlotsMustBeBetweenOneAndFifty(String value) {
        assertThat(problemsWith("eve.sso.state-slots", value))
                .containsExactly("eve.sso.state-slots must be between 1 and 50, not " + value);
    }

    @Test
    void stateSlotsAtTheLimitsAreAccepted() {
        assertThat(build(b -> b.property("eve.sso.state-slots", "1")).stateSlots()).isEqualTo(1);
        assertThat(build(b -> b.stateSlots(50)).stateSlots()).isEqualTo(50);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"esi-skills\"x", "esi\\skills", "esi-skillsé", "esi-skills\u0000"})
    void scopesWithInvalidCharactersAreReported(String scope) {
        assertThat(problemsWith("eve.sso.scopes", "publicData " + scope))
                .containsExactly("eve.sso.scopes has an invalid scope: " + scope);
    }

    @Test
    void scopesSetAsAListCannotHideSpaces() {
        assertThat(problemsOf(minimal().scopes(List.of("a b", "ok.scope"))))
                .containsExactly("eve.sso.scopes has an invalid scope: a b");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"admin/*", "/a/*/b", "/a*", "*.do/x", "/*.do", "**", "*"})
    void badUrlPatternsAreReported(String pattern) {
        assertThat(problemsWith("eve.sso.protected-paths", "/ok/*, " + pattern))
                .containsExactly("eve.sso.protected-paths has an invalid servlet URL pattern: " + pattern);
        assertThat(problemsWith("eve.sso.excluded-paths", pattern))
                .containsExactly("eve.sso.excluded-paths has an invalid servlet URL pattern: " + pattern);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"/", "/*", "/exact", "/dir/*", "*.jsp"})
    void validUrlPatternsAreAccepted(String pattern) {
        assertThat(problemsWith("eve.sso.excluded-paths", pattern)).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"//evil.example", "https://x", "\\x", "/\\evil.example", "home", "/a\tb", "/a\u007f"})
    void defaultAndPostLogoutUrlsMustStayInTheApplication(String url) {
        assertThat(problemsWith("eve.sso.default-url", url)).containsExactly(
                "eve.sso.default-url must be an application-relative path starting with a single '/': " + url);
        assertThat(problemsWith("eve.sso.post-logout-url", url)).containsExactly(
                "eve.sso.post-logout-url must be an application-relative path starting with a single '/': " + url);
    }

    @Test
    void loginLogoutAndErrorPagePathsMustStayInTheApplicationToo() {
        assertThat(problemsOf(minimal().property("eve.sso.login-path", "//x")
                .property("eve.sso.logout-path", "logout")
                .property("eve.sso.error-page", "https://evil.example/error")))
                .containsExactly(
                        "eve.sso.login-path must be an application-relative path starting with a single '/': //x",
                        "eve.sso.logout-path must be an application-relative path starting with a single '/': logout",
                        "eve.sso.error-page must be an application-relative path starting with a single '/':"
                                + " https://evil.example/error");
    }

    @Test
    void anEmptyAcceptedIssuerSetIsReported() {
        assertThat(problemsOf(minimal().acceptedIssuers(Set.of())))
                .containsExactly("eve.sso.accepted-issuers must not be empty");
        assertThat(problemsWith("eve.sso.accepted-issuers", " , ,"))
                .containsExactly("eve.sso.accepted-issuers must not be empty");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"eve.sso.clientid", "eve.sso.client_id", "eve.sso.scope", "eve.sso.Client-Id"})
    void unknownEveSsoKeysAreReported(String key) {
        assertThat(problemsWith(key, "x")).containsExactly(key + " is not a known setting");
    }

    @Test
    void anUnknownKeyIsReportedEvenWithABlankValue() {
        assertThat(problemsWith("eve.sso.excluded-path", "")).containsExactly(
                "eve.sso.excluded-path is not a known setting");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "eve.sso.default-url | /a/../b | must not contain a '.' or '..' path segment, not even percent-encoded",
            "eve.sso.post-logout-url | /./x | must not contain a '.' or '..' path segment, not even percent-encoded",
            "eve.sso.login-path | /sso/%2e%2e/login | must not contain a '.' or '..' path segment, not even percent-encoded",
            "eve.sso.logout-path | /%2F%2Fevil.example | must not percent-encode a leading '//', a backslash or a control character",
            "eve.sso.error-page | /errors/%5Cpage | must not percent-encode a leading '//', a backslash or a control character",
            "eve.sso.post-logout-url | /bye?x=%0d%0aSet-Cookie:a=b | must not percent-encode a leading '//', a backslash or a control character",
            "eve.sso.default-url | /100% | has a malformed or too deeply nested percent-encoding",
            "eve.sso.default-url | //host | must be an application-relative path starting with a single '/'",
            "eve.sso.error-page | /\\error.jsp | must be an application-relative path starting with a single '/'",
    })
    void pagesAndPathsFollowTheOneApplicationRelativeRule(String key, String value, String rule) {
        assertThat(problemsWith(key, value)).containsExactly(key + " " + rule + ": " + value);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "eve.sso.default-url | /home/./../../other",
            "eve.sso.login-path | /sso/../../login",
            "eve.sso.error-page | /%252e%252e/error.jsp",
    })
    void dotSegmentsThatUsedToPassAreNowAStartUpProblem(String key, String value) {
        assertThat(problemsWith(key, value)).singleElement().asString()
                .startsWith(key + " must not contain a '.' or '..' path segment").endsWith(": " + value);
    }

    // ---------------------------------------------------------------- combinations

    @ParameterizedTest(name = "refetch {0}, cache {1}")
    @CsvSource({"1h, 1h", "2h, 1h", "30s, 30s", "10m, 5m"})
    void aJwksRefetchIntervalNotShorterThanTheCacheTtlIsRefused(String refetch, String ttl) {
        EveSsoConfig.Builder builder = minimal().property("eve.sso.jwks-refetch-interval", refetch)
                .property("eve.sso.metadata-cache-ttl", ttl);
        List<String> problems = problemsOf(builder);
        assertThat(problems).singleElement().asString()
                .startsWith("eve.sso.jwks-refetch-interval must be shorter than eve.sso.metadata-cache-ttl (")
                .endsWith(" (0 turns the limit off)");
    }

    @Test
    void theRefetchProblemNamesBothValues() {
        assertThat(problemsOf(minimal().jwksRefetchInterval(Duration.ofHours(2)).metadataCacheTtl(Duration.ofHours(1))))
                .containsExactly("eve.sso.jwks-refetch-interval must be shorter than eve.sso.metadata-cache-ttl (PT1H),"
                        + " not PT2H (0 turns the limit off)");
    }

    @Test
    void aJwksRefetchIntervalShorterThanTheCacheTtlOrZeroIsAccepted() {
        assertThat(build(b -> b.jwksRefetchInterval(Duration.ofSeconds(59)).metadataCacheTtl(Duration.ofMinutes(1)))
                .jwksRefetchInterval()).isEqualTo(Duration.ofSeconds(59));
        assertThat(build(b -> b.jwksRefetchInterval(Duration.ZERO).metadataCacheTtl(Duration.ofSeconds(1)))
                .jwksRefetchInterval()).isZero();
    }

    @Test
    void anInvalidRefetchIntervalOrTtlIsReportedOnlyOnItsOwn() {
        assertThat(problemsOf(minimal().jwksRefetchInterval(Duration.ofHours(2)).metadataCacheTtl(Duration.ZERO)))
                .containsExactly("eve.sso.metadata-cache-ttl must be a positive duration, not PT0S");
    }

    @Test
    void theDefaultPageAfterLoginMustNotStartAnotherLoginOrLogOut() {
        assertThat(problemsWith("eve.sso.default-url", "/sso/login")).containsExactly(
                "eve.sso.default-url must not be eve.sso.login-path (/sso/login): every login would start another");
        assertThat(problemsWith("eve.sso.default-url", "/sso/login?return=/home")).containsExactly(
                "eve.sso.default-url must not be eve.sso.login-path (/sso/login): every login would start another");
        assertThat(problemsOf(minimal().logoutPath("/bye").defaultUrl("/bye"))).containsExactly(
                "eve.sso.default-url must not be eve.sso.logout-path (/bye): every login would end there");
    }

    @Test
    void thePageAfterLogoutMustNotBeTheLogoutPath() {
        assertThat(problemsWith("eve.sso.post-logout-url", "/sso/logout")).containsExactly(
                "eve.sso.post-logout-url must not be eve.sso.logout-path (/sso/logout): a logout would end on the"
                        + " logout path");
    }

    @Test
    void thePageAfterLogoutMayStartANewLoginToSwitchCharacters() {
        assertThat(build(b -> b.postLogoutUrl("/sso/login")).postLogoutUrl()).isEqualTo("/sso/login");
        assertThat(build(b -> b.defaultUrl("/sso/login-help")).defaultUrl()).isEqualTo("/sso/login-help");
    }

    // ---------------------------------------------------------------- the key table

    @Test
    void everyDefaultOfTheKeyTableReadsWithoutAProblem() {
        assertThat(Key.values()).allSatisfy(key -> key.defaultValue().ifPresent(text ->
                assertThat(problemsWith(key.property(), text)).as(key + " = " + text).isEmpty()));
    }

    @Test
    void theBuilderStartsFromTheDefaultsOfTheKeyTable() {
        assertThat(Key.METADATA_URL.defaultValue()).contains(EveSsoConfig.EVE_METADATA_URL.toString());
        assertThat(Key.CLOCK_SKEW.defaultValue()).contains("60s");
        assertThat(Key.STATE_SLOTS.defaultValue()).contains("5");
        assertThat(Key.LOGIN_PATH.defaultValue()).contains(defaults.loginPath());
        assertThat(Key.CLIENT_ID.defaultValue()).isEmpty();
    }

    @Test
    void keysAreFoundByTheirPropertyName() {
        assertThat(Arrays.stream(Key.values()))
                .allSatisfy(key -> assertThat(PropertyBinder.key(key.property())).contains(key));
        assertThat(PropertyBinder.key("eve.sso.clientid")).isEmpty();
    }

    // ---------------------------------------------------------------- all problems at once

    @Test
    void oneBuildWithManyProblemsReportsEveryOneInOneException() {
        EveSsoConfig.Builder builder = EveSsoConfig.builder()
                .property("eve.sso.client-secret", SECRET)
                .property("eve.sso.callback-url", "/relative/callback")
                .property("eve.sso.metadata-url", "ftp://sso.example/meta")
                .property("eve.sso.scopes", "ok.scope bad\"scope")
                .property("eve.sso.protected-paths", "admin")
                .property("eve.sso.default-url", "//evil.example")
                .property("eve.sso.post-logout-url", "https://x")
                .property("eve.sso.clock-skew", "-1s")
                .property("eve.sso.connect-timeout", "soon")
                .property("eve.sso.pkce", "maybe")
                .property("eve.sso.state-slots", "51")
                .property("eve.sso.clientid", "typo");

        EveSsoConfigException e = catchThrowableOfType(EveSsoConfigException.class, builder::build);

        List<String> expected = List.of(
                "eve.sso.connect-timeout must be a duration such as 60, 30s, 10m or PT1M, not soon",
                "eve.sso.pkce must be true or false, not maybe",
                "eve.sso.clientid is not a known setting",
                "eve.sso.client-id is missing",
                "eve.sso.callback-url must be an absolute http(s) URL: /relative/callback",
                "eve.sso.metadata-url must be an absolute http(s) URL: ftp://sso.example/meta",
                "eve.sso.scopes has an invalid scope: bad\"scope",
                "eve.sso.protected-paths has an invalid servlet URL pattern: admin",
                "eve.sso.default-url must be an application-relative path starting with a single '/': //evil.example",
                "eve.sso.post-logout-url must be an application-relative path starting with a single '/': https://x",
                "eve.sso.clock-skew must not be negative, not PT-1S",
                "eve.sso.state-slots must be between 1 and 50, not 51");
        assertThat(e.problems()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(e.getMessage()).startsWith("EVE SSO configuration is invalid (12 problems):\n  - ");
        assertThat(e.getMessage().lines().skip(1)).containsExactlyElementsOf(
                e.problems().stream().map(p -> "  - " + p).toList());
        assertThat(e.getMessage()).doesNotContain(SECRET);
    }

    @Test
    void problemsKeepAStableOrder() {
        EveSsoConfig.Builder b1 = EveSsoConfig.builder().property("eve.sso.pkce", "x").property("eve.sso.state-slots", "0");
        EveSsoConfig.Builder b2 = EveSsoConfig.builder().property("eve.sso.pkce", "x").property("eve.sso.state-slots", "0");
        assertThat(problemsOf(b1)).containsExactlyElementsOf(problemsOf(b2));
    }

    @Test
    void aSingleProblemIsWorded() {
        assertThatThrownBy(() -> minimal().property("eve.sso.pkce", "nope").build())
                .isInstanceOf(EveSsoConfigException.class)
                .hasMessage("EVE SSO configuration is invalid (1 problem):\n  - eve.sso.pkce must be true or false, not nope");
    }

    @Test
    void theProblemListCannotBeChangedAfterwards() {
        EveSsoConfigException e = catchThrowableOfType(EveSsoConfigException.class, () -> EveSsoConfig.builder().build());
        assertThatThrownBy(() -> e.problems().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---------------------------------------------------------------- secret

    @Test
    void toStringNeverShowsTheSecret() {
        EveSsoConfig c = build(b -> b.property("eve.sso.scopes", "a.b"));
        assertThat(c.toString()).doesNotContain(SECRET).contains("clientSecret=(hidden)")
                .contains("my-client", CALLBACK, "a.b");
    }

    @Test
    void noProblemMessageShowsTheSecretEvenWhenEverythingElseIsWrong() {
        EveSsoConfig.Builder builder = EveSsoConfig.builder().clientSecret(SECRET);
        for (Key key : Key.values()) {
            if (key != Key.CLIENT_SECRET && key != Key.CLIENT_ID) {
                builder.property(key.property(), "\\bad value//");
            }
        }
        EveSsoConfigException e = catchThrowableOfType(EveSsoConfigException.class, builder::build);
        assertThat(e.problems()).hasSizeGreaterThan(15);
        assertThat(e.getMessage()).doesNotContain(SECRET);
        assertThat(e.toString()).doesNotContain(SECRET);
    }

    @Test
    void typedBuilderAndStringPropertiesGiveEqualResults() {
        EveSsoConfig typed = EveSsoConfig.builder().clientId("my-client").clientSecret(SECRET)
                .callbackUrl(URI.create(CALLBACK)).scopes(List.of("a.b")).clock(Clock.systemUTC()).build();
        EveSsoConfig strings = build(b -> b.property("eve.sso.scopes", "a.b"));
        assertThat(typed.toString()).isEqualTo(strings.toString());
    }

    @Test
    void bearerSettingsBindFromStrings() {
        EveSsoConfig config = minimal()
                .property("eve.sso.bearer-paths", "/api/*, /v2/*")
                .property("eve.sso.bearer-or-session-paths", "/mixed/*")
                .property("eve.sso.bearer-clients", "my-client, partner-app")
                .property("eve.sso.bearer-required-scopes",
                        "/api/wallet/*=esi-wallet.read_character_wallet.v1; /api/assets/*=a.v1, b.v1")
                .build();

        assertThat(config.bearerPaths()).containsExactly("/api/*", "/v2/*");
        assertThat(config.bearerOrSessionPaths()).containsExactly("/mixed/*");
        assertThat(config.bearerClients()).containsExactlyInAnyOrder("my-client", "partner-app");
        assertThat(config.bearerRequiredScopes()).containsExactly(
                Map.entry("/api/wallet/*", List.of("esi-wallet.read_character_wallet.v1")),
                Map.entry("/api/assets/*", List.of("a.v1", "b.v1")));
    }

    @Test
    void bearerTokensAreForThisApplicationUnlessOtherClientsAreNamed() {
        EveSsoConfig config = minimal().build();

        assertThat(config.bearerClients()).containsExactly("my-client");
        assertThat(config.bearerPaths()).isEmpty();
        assertThat(config.bearerRequiredScopes()).isEmpty();
    }

    @Test
    void badBearerSettingsAreReportedTogether() {
        List<String> problems = problemsOf(minimal()
                .property("eve.sso.bearer-paths", "api/*")
                .property("eve.sso.bearer-required-scopes", "/api/*=")
                .property("eve.sso.bearer-clients", "ok, bad\u0001client"));

        assertThat(problems).contains("eve.sso.bearer-paths has an invalid servlet URL pattern: api/*",
                "eve.sso.bearer-required-scopes names no scope for /api/*",
                "eve.sso.bearer-clients has an invalid client id: bad\u0001client");
    }

    @Test
    void malformedScopeRulesAreRefusedWithTheirGrammar() {
        assertThat(problemsWith("eve.sso.bearer-required-scopes", "/api/* esi-x.v1")).containsExactly(
                "eve.sso.bearer-required-scopes must be 'pattern=scope scope; pattern=scope', not /api/* esi-x.v1");
        assertThat(problemsWith("eve.sso.bearer-required-scopes", "/a/*=x.v1; /a/*=y.v1")).hasSize(1);
        assertThat(problemsWith("eve.sso.bearer-required-scopes", "/a/*=bad\"scope")).containsExactly(
                "eve.sso.bearer-required-scopes has an invalid scope: bad\"scope");
    }

    @Test
    void characterAndStepUpSettingsBindFromStrings() {
        EveSsoConfig config = minimal()
                .property("eve.sso.scopes", "a.v1")
                .property("eve.sso.max-characters", "5")
                .property("eve.sso.required-scopes", "/wallet/*=w.v1; /assets/*=x.v1 a.v1")
                .property("eve.sso.optional-scopes", "m.v1, w.v1")
                .property("eve.sso.switch-path", "/account/switch")
                .property("eve.sso.remove-path", "/account/remove")
                .build();

        assertThat(config.maxCharacters()).isEqualTo(5);
        assertThat(config.requiredScopes()).containsExactly(Map.entry("/wallet/*", List.of("w.v1")),
                Map.entry("/assets/*", List.of("x.v1", "a.v1")));
        assertThat(config.optionalScopes()).containsExactly("m.v1", "w.v1");
        assertThat(config.askableScopes()).containsExactly("a.v1", "w.v1", "x.v1", "m.v1");
        assertThat(config.switchPath()).isEqualTo("/account/switch");
        assertThat(config.removePath()).isEqualTo("/account/remove");
    }

    @Test
    void characterAndStepUpDefaults() {
        EveSsoConfig config = minimal().build();

        assertThat(config.maxCharacters()).isEqualTo(20);
        assertThat(config.requiredScopes()).isEmpty();
        assertThat(config.optionalScopes()).isEmpty();
        assertThat(config.switchPath()).isEqualTo("/sso/switch");
        assertThat(config.removePath()).isEqualTo("/sso/remove");
    }

    @Test
    void badCharacterAndStepUpSettingsAreReportedTogether() {
        List<String> problems = problemsOf(minimal()
                .property("eve.sso.max-characters", "0")
                .property("eve.sso.required-scopes", "wallet/*=w.v1; /assets/*=")
                .property("eve.sso.optional-scopes", "bad\"scope")
                .property("eve.sso.switch-path", "/sso/logout")
                .property("eve.sso.remove-path", "https://evil.example/remove"));

        assertThat(problems).contains("eve.sso.max-characters must be between 1 and 100, not 0",
                "eve.sso.required-scopes has an invalid servlet URL pattern: wallet/*",
                "eve.sso.required-scopes names no scope for /assets/*",
                "eve.sso.optional-scopes has an invalid scope: bad\"scope",
                "eve.sso.logout-path and eve.sso.switch-path must differ, both are /sso/logout");
        assertThat(problems).anyMatch(p -> p.startsWith("eve.sso.remove-path "));
        assertThat(problemsWith("eve.sso.max-characters", "101")).containsExactly(
                "eve.sso.max-characters must be between 1 and 100, not 101");
        assertThat(problemsWith("eve.sso.required-scopes", "/a/* x.v1")).containsExactly(
                "eve.sso.required-scopes must be 'pattern=scope scope; pattern=scope', not /a/* x.v1");
    }

    // ---------------------------------------------------------------- token store

    /** A recognisable AES-256 key: 32 bytes of 0x41 in standard Base64. */
    private static final String KEY_A = base64Of(32, 'A');
    /** Another one: 32 bytes of 0x42. */
    private static final String KEY_B = base64Of(32, 'B');
    private static final String JNDI = "java:comp/env/jdbc/eve";

    private static String base64Of(int length, char fill) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The problems of {@code builder}, none of which (nor the exception's message) holds a key value. */
    private static List<String> tokenStoreProblemsOf(EveSsoConfig.Builder builder) {
        EveSsoConfigException e = catchThrowableOfType(EveSsoConfigException.class, builder::build);
        assertThat(e).as("the build fails").isNotNull();
        assertThat(e.getMessage()).doesNotContain(KEY_A, KEY_B);
        assertThat(e.problems()).noneMatch(p -> p.contains(KEY_A) || p.contains(KEY_B));
        return e.problems();
    }

    @Test
    void withoutTokenStoreSettingsGrantsStayInTheSessionsWithTheDocumentedDefaults() {
        assertThat(defaults.tokenStoreDataSource()).isEmpty();
        assertThat(defaults.tokenStoreKeys()).isEmpty();
        assertThat(defaults.tokenStoreCurrentKey()).isEmpty();
        assertThat(defaults.tokenStorePlaintext()).isFalse();
        assertThat(defaults.refreshConcurrency()).isEqualTo(4);
        assertThat(defaults.tokenStore()).isEmpty();
        assertThat(defaults.toString()).contains("tokenStore=none");
    }

    @Test
    void aJdbcTokenStoreWithSeveralKeysBindsFromStrings() {
        EveSsoConfig c = build(b -> b.property("eve.sso.token-store-datasource", JNDI)
                .property("eve.sso.token-store-keys", " 2026-01 : " + KEY_A + " ,2026.07_b:" + KEY_B + ", ")
                .property("eve.sso.token-store-current-key", "2026.07_b")
                .property("eve.sso.refresh-concurrency", "20"));

        assertThat(c.tokenStoreDataSource()).contains(JNDI);
        assertThat(c.tokenStoreKeys()).containsExactly(Map.entry("2026-01", KEY_A), Map.entry("2026.07_b", KEY_B));
        assertThat(c.tokenStoreCurrentKey()).contains("2026.07_b");
        assertThat(c.tokenStorePlaintext()).isFalse();
        assertThat(c.refreshConcurrency()).isEqualTo(20);
        assertThat(c.tokenStore()).isEmpty();
        assertThat(c.toString()).contains("tokenStore=jdbc(" + JNDI + ")");
        assertThatThrownBy(() -> c.tokenStoreKeys().put("k", KEY_A)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theOnlyKeyIsTheCurrentKeyWithoutBeingNamed() {
        EveSsoConfig c = build(b -> b.tokenStoreDataSource(JNDI).tokenStoreKey("only", " " + KEY_A + "\n"));

        assertThat(c.tokenStoreKeys()).containsExactly(Map.entry("only", KEY_A));
        assertThat(c.tokenStoreCurrentKey()).contains("only");
    }

    @Test
    void plaintextStorageIsAskedForExplicitly() {
        EveSsoConfig c = build(b -> b.property("eve.sso.token-store-datasource", JNDI)
                .property("eve.sso.token-store-plaintext", "TRUE")
                .property("eve.sso.refresh-concurrency", "1"));

        assertThat(c.tokenStorePlaintext()).isTrue();
        assertThat(c.tokenStoreKeys()).isEmpty();
        assertThat(c.tokenStoreCurrentKey()).isEmpty();
        assertThat(c.refreshConcurrency()).isEqualTo(1);
    }

    @Test
    void aProgrammaticTokenStoreIsTakenAsGivenAndMustNotBeNull() {
        EveTokenStore store = EveTokenStores.inMemory();
        EveSsoConfig c = build(b -> b.tokenStore(store).refreshConcurrency(5));

        assertThat(c.tokenStore()).containsSame(store);
        assertThat(c.tokenStoreDataSource()).isEmpty();
        assertThat(c.refreshConcurrency()).isEqualTo(5);
        assertThat(c.toString()).contains("tokenStore=programmatic");
        assertThatThrownBy(() -> minimal().tokenStore(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"0", "21", "-1"})
    void refreshConcurrencyMustBeBetweenOneAndTwenty(String value) {
        assertThat(problemsWith("eve.sso.refresh-concurrency", value))
                .containsExactly("eve.sso.refresh-concurrency must be between 1 and 20, not " + value);
        assertThat(problemsWith("eve.sso.refresh-concurrency", "four"))
                .containsExactly("eve.sso.refresh-concurrency must be a whole number, not four");
    }

    @Test
    void aDataSourceNeedsKeysOrPlaintext() {
        assertThat(tokenStoreProblemsOf(minimal().property("eve.sso.token-store-datasource", JNDI))).containsExactly(
                "eve.sso.token-store-datasource needs eve.sso.token-store-keys (or eve.sso.token-store-plaintext=true"
                        + " to store refresh tokens unencrypted)");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"k1", "k1:", ":SECRETISH", "k1:x,,nocolon", "k1 " + "QUFB"})
    void malformedKeyListsAreRefusedWithoutRepeatingThem(String value) {
        List<String> problems = tokenStoreProblemsOf(minimal().property("eve.sso.token-store-datasource", JNDI)
                .property("eve.sso.token-store-keys", value));

        assertThat(problems).containsExactly("eve.sso.token-store-keys must be comma-separated keyId:base64Key pairs"
                + " (the value is not shown: it holds keys)");
    }

    @Test
    void everyTokenStoreProblemWithADataSourceIsReportedInOneBuild() {
        String shortKey = base64Of(16, 'A');
        EveSsoConfig.Builder builder = minimal()
                .property("eve.sso.token-store-datasource", JNDI)
                .property("eve.sso.token-store-keys", "k1:" + KEY_A + ", k1:" + KEY_B + ", k2:" + shortKey
                        + ", bad/id:" + KEY_A + ", k3:not*base64")
                .property("eve.sso.token-store-plaintext", "true")
                .property("eve.sso.token-store-current-key", "k9")
                .property("eve.sso.refresh-concurrency", "0")
                .property("eve.sso.state-slots", "0")
                .tokenStore(EveTokenStores.inMemory())
                .tokenStoreKey("k4", null);

        List<String> problems = tokenStoreProblemsOf(builder);

        assertThat(problems).doesNotContain(shortKey).containsExactly(
                "eve.sso.refresh-concurrency must be between 1 and 20, not 0",
                "eve.sso.state-slots must be between 1 and 50, not 0",
                "eve.sso.token-store-keys: key 'k1' is given twice",
                "eve.sso.token-store-keys: key 'k2' is not 32 bytes of Base64",
                "eve.sso.token-store-keys: the id of key 4 must be 1 to 64 of A-Z a-z 0-9 . _ -",
                "eve.sso.token-store-keys: key 'k3' is not 32 bytes of Base64",
                "eve.sso.token-store-keys: key 'k4' has no value",
                "eve.sso.token-store-current-key 'k9' is not one of eve.sso.token-store-keys (k1, k2, k3, k4)",
                "eve.sso.token-store-datasource and a programmatic tokenStore(...) cannot both be set: configure one"
                        + " token store",
                "eve.sso.token-store-keys and eve.sso.token-store-plaintext=true cannot both be set: encrypt refresh"
                        + " tokens with the keys or store them unencrypted");
        assertThat(problems.stream().filter(p -> p.contains(shortKey))).isEmpty();
    }

    @Test
    void tokenStoreSettingsWithoutADataSourceAreReportedInOneBuild() {
        EveSsoConfig.Builder builder = minimal()
                .property("eve.sso.token-store-keys", "k1:" + KEY_A + ",k2:" + KEY_B)
                .property("eve.sso.token-store-plaintext", "true");

        assertThat(tokenStoreProblemsOf(builder)).containsExactly(
                "eve.sso.token-store-keys has 2 keys: eve.sso.token-store-current-key must name the one new writes"
                        + " are encrypted with",
                "eve.sso.token-store-keys and eve.sso.token-store-plaintext=true cannot both be set: encrypt refresh"
                        + " tokens with the keys or store them unencrypted",
                "eve.sso.token-store-keys has no effect without eve.sso.token-store-datasource",
                "eve.sso.token-store-plaintext=true has no effect without eve.sso.token-store-datasource");
        assertThat(tokenStoreProblemsOf(minimal().tokenStoreCurrentKey("k1").tokenStore(EveTokenStores.inMemory())))
                .containsExactly(
                        "eve.sso.token-store-current-key 'k1' is not one of eve.sso.token-store-keys (none given)",
                        "eve.sso.token-store-current-key has no effect without eve.sso.token-store-datasource");
    }

    @Test
    void aCurrentKeyThatIsNoKeyIdIsReportedWithoutRepeatingIt() {
        assertThat(tokenStoreProblemsOf(minimal().tokenStoreDataSource(JNDI).tokenStoreKey("k1", KEY_A)
                .tokenStoreCurrentKey(KEY_A))).containsExactly(
                "eve.sso.token-store-current-key must name a key id, not a key's value");
        assertThat(tokenStoreProblemsOf(minimal().tokenStoreDataSource(JNDI).tokenStoreKey("k1", KEY_A)
                .tokenStoreCurrentKey("no spaces allowed"))).containsExactly(
                "eve.sso.token-store-current-key must be a key id: 1 to 64 of A-Z a-z 0-9 . _ -");
    }

    @Test
    void aBlankOrControlCharacterDataSourceNameIsReported() {
        assertThat(problemsOf(minimal().tokenStoreDataSource(" ").tokenStorePlaintext(true))).containsExactly(
                "eve.sso.token-store-datasource must be a JNDI name such as java:comp/env/jdbc/eve, not blank");
        assertThat(problemsOf(minimal().tokenStoreDataSource("java:comp/env/\njdbc").tokenStorePlaintext(true)))
                .containsExactly("eve.sso.token-store-datasource must not contain control characters");
    }

    @Test
    void noKeyValueShowsInToStringOrInAnyProblem() {
        EveSsoConfig valid = build(b -> b.tokenStoreDataSource(JNDI).tokenStoreKey("k1", KEY_A)
                .tokenStoreKey("k2", KEY_B).tokenStoreCurrentKey("k2"));
        assertThat(valid.toString()).doesNotContain(KEY_A, KEY_B, "QUFBQUFB", "QkJCQkJC")
                .contains("tokenStore=jdbc(" + JNDI + ")");

        EveSsoConfig.Builder everythingWrong = EveSsoConfig.builder()
                .property("eve.sso.token-store-keys", "k1:" + KEY_A + ", " + KEY_B)
                .tokenStoreKey(KEY_A, KEY_B)
                .tokenStoreKey("k1", KEY_A + KEY_B)
                .tokenStoreKey("k1", KEY_A)
                .tokenStoreKey("k2", KEY_B)
                .tokenStoreCurrentKey(KEY_B)
                .tokenStorePlaintext(true);
        List<String> problems = tokenStoreProblemsOf(everythingWrong);
        assertThat(problems).hasSizeGreaterThan(5);
        assertThat(problems).noneMatch(p -> p.contains("QUFBQUFB") || p.contains("QkJCQkJC"));
    }
}
