package io.github.evesso;

import java.util.Optional;

/**
 * The table of {@link EveSsoConfig}'s setting keys, in a file of its own so that the configuration value stays short
 * to read. Refer to it as {@code EveSsoConfig.Key} (the configuration inherits it); nothing else implements this
 * interface, which has no other member.
 */
public sealed interface EveSsoConfigKeys permits EveSsoConfig {
    /**
     * The string key of every setting and its default in string form ({@code null}: none), the one place both are
     * written. What each setting means is on the {@link EveSsoConfig.Builder} method of the same name and in the
     * README's table, in the order and groups of this table.
     */
    enum Key {
        // the application at CCP
        CLIENT_ID("eve.sso.client-id", null),
        CLIENT_SECRET("eve.sso.client-secret", null),
        CALLBACK_URL("eve.sso.callback-url", null),
        SCOPES("eve.sso.scopes", null),
        // paths and pages
        PROTECTED_PATHS("eve.sso.protected-paths", "/*"),
        EXCLUDED_PATHS("eve.sso.excluded-paths", null),
        DEFAULT_URL("eve.sso.default-url", "/"),
        POST_LOGOUT_URL("eve.sso.post-logout-url", "/"),
        LOGIN_PATH("eve.sso.login-path", "/sso/login"),
        LOGOUT_PATH("eve.sso.logout-path", "/sso/logout"),
        LOGOUT_ALLOW_GET("eve.sso.logout-allow-get", "false"),
        ERROR_PAGE("eve.sso.error-page", null),
        // endpoints
        METADATA_URL("eve.sso.metadata-url", "https://login.eveonline.com/.well-known/oauth-authorization-server"),
        AUTHORIZATION_ENDPOINT("eve.sso.authorization-endpoint", null),
        TOKEN_ENDPOINT("eve.sso.token-endpoint", null),
        JWKS_URI("eve.sso.jwks-uri", null),
        REVOCATION_ENDPOINT("eve.sso.revocation-endpoint", null),
        // token checks
        ACCEPTED_ISSUERS("eve.sso.accepted-issuers", null),
        ES256_ENABLED("eve.sso.es256-enabled", "false"),
        CLOCK_SKEW("eve.sso.clock-skew", "60s"),
        REFRESH_WINDOW("eve.sso.refresh-window", "60s"),
        // timeouts and caching
        CONNECT_TIMEOUT("eve.sso.connect-timeout", "5s"),
        READ_TIMEOUT("eve.sso.read-timeout", "10s"),
        METADATA_CACHE_TTL("eve.sso.metadata-cache-ttl", "1h"),
        JWKS_REFETCH_INTERVAL("eve.sso.jwks-refetch-interval", "30s"),
        MAX_RETRY_BACKOFF("eve.sso.max-retry-backoff", "5m"),
        // logins: pending state and the callback's budget of SSO calls
        STATE_TTL("eve.sso.state-ttl", "10m"),
        STATE_SLOTS("eve.sso.state-slots", "5"),
        PKCE("eve.sso.pkce", "true"),
        LOGIN_MIN_AGE("eve.sso.login-min-age", "1s"),
        FAILED_LOGINS_PER_SESSION("eve.sso.failed-logins-per-session", "5"),
        FAILED_LOGINS_PER_ADDRESS("eve.sso.failed-logins-per-address", "20"),
        FAILED_LOGIN_WINDOW("eve.sso.failed-login-window", "10m"),
        // listeners
        LISTENERS("eve.sso.listeners", null);

        private final String property;
        private final String defaultValue;

        Key(String property, String defaultValue) {
            this.property = property;
            this.defaultValue = defaultValue;
        }

        /** The property name, e.g. {@code eve.sso.client-id}. */
        public String property() {
            return property;
        }

        /** The default in the string form a property takes (e.g. {@code 60s}), or empty when there is none. */
        public Optional<String> defaultValue() {
            return Optional.ofNullable(defaultValue);
        }

        @Override
        public String toString() {
            return property;
        }
    }
}
