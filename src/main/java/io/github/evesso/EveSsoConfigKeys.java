package io.github.evesso;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The nested types of {@link EveSsoConfig}, in a file of their own so that the configuration value stays short to
 * read: the table of setting keys and the builder. Refer to them as {@code EveSsoConfig.Key} and
 * {@code EveSsoConfig.Builder} (the configuration inherits them); nothing else implements this interface, which has
 * no other member.
 */
public sealed interface EveSsoConfigKeys permits EveSsoConfig {
    /**
     * The string key of every setting and its default in string form ({@code null}: none), the one place both are
     * written. What each setting means is on the {@link EveSsoConfig.Builder} method of the same name and in the README's table,
     * in the order and groups of this table.
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
        SWITCH_PATH("eve.sso.switch-path", "/sso/switch"),
        REMOVE_PATH("eve.sso.remove-path", "/sso/remove"),
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
        REVOKE_ON_SESSION_END("eve.sso.revoke-on-session-end", "true"),
        // token store: grants beyond the session
        TOKEN_STORE_DATASOURCE("eve.sso.token-store-datasource", null),
        TOKEN_STORE_KEYS("eve.sso.token-store-keys", null),
        TOKEN_STORE_CURRENT_KEY("eve.sso.token-store-current-key", null),
        TOKEN_STORE_PLAINTEXT("eve.sso.token-store-plaintext", "false"),
        REFRESH_CONCURRENCY("eve.sso.refresh-concurrency", "4"),
        // several characters per session, and scopes asked when a page needs them
        MAX_CHARACTERS("eve.sso.max-characters", "20"),
        REQUIRED_SCOPES("eve.sso.required-scopes", null),
        OPTIONAL_SCOPES("eve.sso.optional-scopes", null),
        // bearer mode: API requests with Authorization: Bearer <EVE access token>
        BEARER_PATHS("eve.sso.bearer-paths", null),
        BEARER_OR_SESSION_PATHS("eve.sso.bearer-or-session-paths", null),
        BEARER_CLIENTS("eve.sso.bearer-clients", null),
        BEARER_REQUIRED_SCOPES("eve.sso.bearer-required-scopes", null),
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

    /**
     * Collects settings for an {@link EveSsoConfig}, starting with the defaults of {@link Key}; not thread-safe.
     * Typed setters take a value as is; {@link #property(String, String)} reads a string form and records a problem
     * instead of throwing; {@link #build()} reports every problem at once. Setters come in the README's groups: the
     * application at CCP, paths and pages, endpoints, token checks, timeouts and caching, logins, the token store,
     * several characters and scopes, bearer mode, listeners.
     */
    public sealed interface Builder permits ConfigBuilder {
        /** Required: the application's client id from CCP's developer site. */
        Builder clientId(String value);

        /** Required: the application's secret key; it is never logged or shown. */
        Builder clientSecret(String value);

        /** Required: the absolute callback URL registered at CCP; its path is served by the callback servlet. */
        Builder callbackUrl(URI value);

        /** ESI scopes to request; none (the default) means identity only, and then EVE issues no refresh token. */
        Builder scopes(List<String> value);

        /**
         * Servlet URL patterns that require a login: exact ({@code /about}; {@code /} is the context root only),
         * prefix ({@code /app/*}; {@code /*} is everything) or extension ({@code *.jsp}).
         */
        Builder protectedPaths(List<String> value);

        /** URL patterns (as for protected paths) that never require a login. */
        Builder excludedPaths(List<String> value);

        /** Application-relative page after login when no return URL is known. */
        Builder defaultUrl(String value);

        /** Application-relative page after logout. */
        Builder postLogoutUrl(String value);

        /**
         * Application-relative path that starts a login ({@code ?return=/path}; {@code ?add} adds another character
         * to a logged-in session; {@code ?scope=a b} asks for more scopes of the active character).
         */
        Builder loginPath(String value);

        /** Application-relative path that logs out (POST). */
        Builder logoutPath(String value);

        /** Whether a GET on the logout path also logs out. */
        Builder logoutAllowGet(boolean value);

        /** Application-relative path that makes another of the session's characters active (POST {@code character}). */
        Builder switchPath(String value);

        /** Application-relative path that removes one of the session's characters (POST {@code character}). */
        Builder removePath(String value);

        /** Application-relative page (servlet or JSP) that renders errors instead of the built-in page. */
        Builder errorPage(String value);

        /** The SSO's RFC 8414 metadata document URL. */
        Builder metadataUrl(URI value);

        /** Overrides the metadata's {@code authorization_endpoint}. */
        Builder authorizationEndpoint(URI value);

        /** Overrides the metadata's {@code token_endpoint}. */
        Builder tokenEndpoint(URI value);

        /** Overrides the metadata's {@code jwks_uri}. */
        Builder jwksUri(URI value);

        /** Overrides the metadata's {@code revocation_endpoint}. */
        Builder revocationEndpoint(URI value);

        /** Exactly which {@code iss} values are accepted, instead of {@link EveSsoConfig#EVE_ISSUERS} plus the metadata's. */
        Builder acceptedIssuers(Set<String> value);

        /** Whether ES256-signed access tokens are accepted besides RS256. */
        Builder es256Enabled(boolean value);

        /** Tolerated clock difference for {@code exp}, at most 5 minutes. */
        Builder clockSkew(Duration value);

        /** An access token expiring within this window (at most 10 minutes) is refreshed before use. */
        Builder refreshWindow(Duration value);

        /** Connect timeout of calls to the SSO. */
        Builder connectTimeout(Duration value);

        /** Timeout of a whole call to the SSO. */
        Builder readTimeout(Duration value);

        /** How long the metadata document and the JWKS are cached. */
        Builder metadataCacheTtl(Duration value);

        /**
         * Minimum time between two JWKS fetches caused by an unknown key id, shorter than the metadata cache TTL;
         * {@link Duration#ZERO} disables the limit.
         */
        Builder jwksRefetchInterval(Duration value);

        /** Longest wait between retries while the SSO is unavailable. */
        Builder maxRetryBackoff(Duration value);

        /** How long a login may take between the redirect to the SSO and the callback. */
        Builder stateTtl(Duration value);

        /** Pending logins (browser tabs) remembered per session, 1 to 50; the oldest is dropped. */
        Builder stateSlots(int value);

        /** Whether PKCE (S256) is used. */
        Builder pkce(boolean value);

        /**
         * A callback sooner than this after its login started is refused without a call to the SSO (no person logs in
         * at EVE that fast); {@link Duration#ZERO} turns the check off. Shorter than the state TTL.
         */
        Builder loginMinAge(Duration value);

        /** Code exchanges the SSO may refuse per session within the failed-login window, 0 to 1000; 0: no limit. */
        Builder failedLoginsPerSession(int value);

        /**
         * Code exchanges the SSO may refuse per client address ({@code getRemoteAddr()}, an IPv6 address counted by
         * its /64) within the failed-login window, 0 to 1000; 0: no limit.
         */
        Builder failedLoginsPerAddress(int value);

        /** The window in which failed code exchanges are counted, at most one day. */
        Builder failedLoginWindow(Duration value);

        /**
         * Whether a session that ends without a logout (timeout, {@code session.invalidate()}) has its refresh token
         * revoked at EVE; {@code false} when background work keeps using it. Listeners hear of it either way. With a
         * configured token store (datasource or {@link #tokenStore}), a session's end keeps the stored grant for
         * background work and revokes nothing; logout still revokes.
         */
        Builder revokeOnSessionEnd(boolean value);

        /**
         * The JNDI name of a {@code javax.sql.DataSource} (such as {@code java:comp/env/jdbc/eve}) whose database
         * keeps the grants in a JDBC token store. No default: without it (and without {@link #tokenStore}) grants live in
         * the HTTP sessions only. {@code null} unsets it. Needs {@link #tokenStoreKey} or {@link #tokenStorePlaintext}.
         */
        Builder tokenStoreDataSource(String jndiName);

        /**
         * Adds a key the JDBC token store encrypts with (AES-256-GCM); may be called once per key. No default. A
         * {@code null} id or value is reported by {@link #build()}. The property form is comma-separated
         * {@code keyId:base64Key} pairs, which adds each.
         *
         * @param keyId 1 to 64 of {@code A-Z a-z 0-9 . _ -}, unique; stored in every row it encrypts
         * @param base64Key 32 random bytes in standard Base64 (surrounding whitespace ignored): a secret, never
         *     logged, shown in {@code toString()} or named in a problem
         */
        Builder tokenStoreKey(String keyId, String base64Key);

        /**
         * The id of the key new writes are encrypted with. Default: the only key when exactly one is given; required
         * when several are; must be one of them. {@code null} unsets it.
         */
        Builder tokenStoreCurrentKey(String keyId);

        /**
         * Whether the JDBC token store keeps refresh tokens unencrypted, asked for explicitly instead of keys (anyone
         * who can read the table or its backups can use the grants). Default {@code false}.
         */
        Builder tokenStorePlaintext(boolean value);

        /**
         * The most token calls a bulk refresh of stored characters makes at once, 1 to 20; default 4 (EVE SSO answers
         * 500 above about 5).
         */
        Builder refreshConcurrency(int value);

        /**
         * A token store the application built (such as {@code EveTokenStores.jdbc(dataSource)...build()}), instead
         * of {@link #tokenStoreDataSource}; no property form. Default: none.
         *
         * @throws NullPointerException when {@code store} is {@code null}
         */
        Builder tokenStore(EveTokenStore store);

        /** The most characters one session may hold (the login path's {@code ?add}), 1 to 100. */
        Builder maxCharacters(int value);

        /**
         * Pattern (as for protected paths) to the scopes the active character must have there: a browser is sent to
         * EVE SSO to grant them (step-up), an API call gets {@code 403 insufficient_scope}. Such paths require a login.
         */
        Builder requiredScopes(Map<String, List<String>> value);

        /**
         * Scopes not asked at login that the application may ask for later ({@code EveSso.requireScopes}, the login
         * path's {@code ?scope=}); those of the login and of required-scopes are allowed anyway.
         */
        Builder optionalScopes(List<String> value);

        /** Patterns of bearer-only paths: logged in by {@code Authorization: Bearer} alone, never a session. */
        Builder bearerPaths(List<String> value);

        /** Patterns of paths that take a bearer token when sent (it wins) and the session login otherwise. */
        Builder bearerOrSessionPaths(List<String> value);

        /** Client ids bearer tokens may be issued to; default: this application's own. */
        Builder bearerClients(List<String> value);

        /** Pattern to the scopes every bearer token used on its paths must have. */
        Builder bearerRequiredScopes(Map<String, List<String>> value);

        /** {@link EveSsoListener} class names to instantiate, besides those found by {@code ServiceLoader}. */
        Builder listenerClassNames(List<String> value);

        /** Adds a listener instance. */
        Builder listener(EveSsoListener value);

        /** The clock for every time decision (tests, or a container with its own time source). */
        Builder clock(Clock value);

        /**
         * Sets the setting {@code key} (such as {@code eve.sso.client-id}) from its string form: durations {@code 60},
         * {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h} or ISO-8601 {@code PT1M}; {@code true}/{@code false};
         * comma-separated lists (scopes: spaces or commas). A {@code null} or blank value changes nothing. An unknown
         * key or a value that does not parse is recorded as a problem for {@link #build()}.
         */
        Builder property(String key, String value);

        /** Applies every entry of {@code properties} as by {@link #property(String, String)}, in iteration order. */
        Builder properties(Map<String, String> properties);

        /** Checks every setting and builds the configuration; throws one {@link EveSsoConfigException} listing all. */
        EveSsoConfig build();
    }
}
