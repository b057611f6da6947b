package io.github.evesso;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The immutable configuration of one application's EVE SSO login, built once at start-up.
 *
 * <p>Build it with {@link #builder()}; {@link Builder#build()} checks every value and throws one
 * {@link EveSsoConfigException} listing every problem. Each setting also has a string key under {@code eve.sso.}
 * (see {@link Key}) used by filter init-params, context-params and MicroProfile Config. Getters never return
 * {@code null}. {@link #toString()} never shows the client secret.
 */
public final class EveSsoConfig {

    /** EVE Online's RFC 8414 metadata document (tenant "tranquility"). */
    public static final URI EVE_METADATA_URL =
            URI.create("https://login.eveonline.com/.well-known/oauth-authorization-server");

    /** The largest accepted clock skew: beyond it, long-expired tokens would pass. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** The largest refresh window: EVE access tokens live 20 minutes. */
    static final Duration MAX_REFRESH_WINDOW = Duration.ofMinutes(10);

    /** The three issuer forms EVE SSO has used for {@code iss}. */
    public static final Set<String> EVE_ISSUERS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            "login.eveonline.com", "https://login.eveonline.com", "https://login.eveonline.com/")));

    /** The string keys of every setting, with their defaults described on each constant. */
    public enum Key {
        /** Required. The application's client id from CCP's developer site. */
        CLIENT_ID("eve.sso.client-id"),
        /** Required. The application's secret key. Never logged. */
        CLIENT_SECRET("eve.sso.client-secret"),
        /** Required. The absolute callback URL registered at CCP; its path is served by the callback servlet. */
        CALLBACK_URL("eve.sso.callback-url"),
        /** Space- or comma-separated ESI scopes to request. Default: none (identity only, no refresh token). */
        SCOPES("eve.sso.scopes"),
        /**
         * Comma-separated URL patterns that require a login: exact ({@code /about}; {@code /} is the context root
         * only), prefix ({@code /app/*}; {@code /*} is everything) or extension ({@code *.jsp}). Default {@code /*}.
         */
        PROTECTED_PATHS("eve.sso.protected-paths"),
        /** Comma-separated URL patterns (as for protected paths) that never require a login. Default: none. */
        EXCLUDED_PATHS("eve.sso.excluded-paths"),
        /** Application-relative page after login when no return URL is known. Default {@code /}. */
        DEFAULT_URL("eve.sso.default-url"),
        /** Application-relative page after logout. Default {@code /}. */
        POST_LOGOUT_URL("eve.sso.post-logout-url"),
        /** Application-relative path that starts a login ({@code ?return=/path}). Default {@code /sso/login}. */
        LOGIN_PATH("eve.sso.login-path"),
        /** Application-relative path that logs out (POST). Default {@code /sso/logout}. */
        LOGOUT_PATH("eve.sso.logout-path"),
        /** Whether GET on the logout path also logs out. Default {@code false}. */
        LOGOUT_ALLOW_GET("eve.sso.logout-allow-get"),
        /** The SSO's RFC 8414 metadata URL. Default EVE's. */
        METADATA_URL("eve.sso.metadata-url"),
        /** Overrides the metadata's {@code authorization_endpoint}. */
        AUTHORIZATION_ENDPOINT("eve.sso.authorization-endpoint"),
        /** Overrides the metadata's {@code token_endpoint}. */
        TOKEN_ENDPOINT("eve.sso.token-endpoint"),
        /** Overrides the metadata's {@code jwks_uri}. */
        JWKS_URI("eve.sso.jwks-uri"),
        /** Overrides the metadata's {@code revocation_endpoint}. */
        REVOCATION_ENDPOINT("eve.sso.revocation-endpoint"),
        /**
         * Comma-separated accepted {@code iss} values. Default: {@link #EVE_ISSUERS} plus the {@code issuer} of the
         * configured metadata document.
         */
        ACCEPTED_ISSUERS("eve.sso.accepted-issuers"),
        /** Whether ES256-signed access tokens are accepted besides RS256. Default {@code false}. */
        ES256_ENABLED("eve.sso.es256-enabled"),
        /** Tolerated clock difference for {@code exp}. Default 60 s, at most 5 min. */
        CLOCK_SKEW("eve.sso.clock-skew"),
        /** An access token expiring within this window is refreshed before use. Default 60 s, at most 10 min. */
        REFRESH_WINDOW("eve.sso.refresh-window"),
        /** Connect timeout of calls to the SSO. Default 5 s. */
        CONNECT_TIMEOUT("eve.sso.connect-timeout"),
        /** Timeout of a whole call to the SSO once connected. Default 10 s. */
        READ_TIMEOUT("eve.sso.read-timeout"),
        /** How long a login may take between redirect and callback. Default 10 min. */
        STATE_TTL("eve.sso.state-ttl"),
        /** Pending logins (browser tabs) remembered per session; the oldest is dropped. Default 5. */
        STATE_SLOTS("eve.sso.state-slots"),
        /** Whether PKCE (S256) is used. Default {@code true}. */
        PKCE("eve.sso.pkce"),
        /** Minimum time between two JWKS fetches triggered by an unknown key id; 0 disables the limit. Default 30 s. */
        JWKS_REFETCH_INTERVAL("eve.sso.jwks-refetch-interval"),
        /** How long the JWKS and the metadata document are cached. Default 1 h. */
        METADATA_CACHE_TTL("eve.sso.metadata-cache-ttl"),
        /** Longest wait between retries while the SSO is unavailable. Default 5 min. */
        MAX_RETRY_BACKOFF("eve.sso.max-retry-backoff"),
        /** Application-relative page (servlet or JSP) that renders errors instead of the built-in page. */
        ERROR_PAGE("eve.sso.error-page"),
        /** Comma-separated {@link EveSsoListener} class names, besides those found by {@code ServiceLoader}. */
        LISTENERS("eve.sso.listeners");

        private final String property;

        Key(String property) {
            this.property = property;
        }

        /** The property name, e.g. {@code eve.sso.client-id}. */
        public String property() {
            return property;
        }

        @Override
        public String toString() {
            return property;
        }
    }

    private final String clientId;
    private final String clientSecret;
    private final URI callbackUrl;
    private final List<String> scopes;
    private final List<String> protectedPaths;
    private final List<String> excludedPaths;
    private final String defaultUrl;
    private final String postLogoutUrl;
    private final String loginPath;
    private final String logoutPath;
    private final boolean logoutAllowGet;
    private final URI metadataUrl;
    private final URI authorizationEndpoint;
    private final URI tokenEndpoint;
    private final URI jwksUri;
    private final URI revocationEndpoint;
    private final Set<String> acceptedIssuers;
    private final boolean es256Enabled;
    private final Duration clockSkew;
    private final Duration refreshWindow;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration stateTtl;
    private final int stateSlots;
    private final boolean pkce;
    private final Duration jwksRefetchInterval;
    private final Duration metadataCacheTtl;
    private final Duration maxRetryBackoff;
    private final String errorPage;
    private final List<String> listenerClassNames;
    private final List<EveSsoListener> listeners;
    private final Clock clock;

    private EveSsoConfig(Builder b) {
        clientId = b.clientId;
        clientSecret = b.clientSecret;
        callbackUrl = b.callbackUrl;
        scopes = List.copyOf(b.scopes);
        protectedPaths = List.copyOf(b.protectedPaths);
        excludedPaths = List.copyOf(b.excludedPaths);
        defaultUrl = b.defaultUrl;
        postLogoutUrl = b.postLogoutUrl;
        loginPath = b.loginPath;
        logoutPath = b.logoutPath;
        logoutAllowGet = b.logoutAllowGet;
        metadataUrl = b.metadataUrl;
        authorizationEndpoint = b.authorizationEndpoint;
        tokenEndpoint = b.tokenEndpoint;
        jwksUri = b.jwksUri;
        revocationEndpoint = b.revocationEndpoint;
        acceptedIssuers = b.acceptedIssuers == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(b.acceptedIssuers));
        es256Enabled = b.es256Enabled;
        clockSkew = b.clockSkew;
        refreshWindow = b.refreshWindow;
        connectTimeout = b.connectTimeout;
        readTimeout = b.readTimeout;
        stateTtl = b.stateTtl;
        stateSlots = b.stateSlots;
        pkce = b.pkce;
        jwksRefetchInterval = b.jwksRefetchInterval;
        metadataCacheTtl = b.metadataCacheTtl;
        maxRetryBackoff = b.maxRetryBackoff;
        errorPage = b.errorPage;
        listenerClassNames = List.copyOf(b.listenerClassNames);
        listeners = List.copyOf(b.listeners);
        clock = b.clock;
    }

    /** A new builder with every default set and nothing required filled in. */
    public static Builder builder() {
        return new Builder();
    }

    /** The client id. */
    public String clientId() {
        return clientId;
    }

    /** The secret key: handle with care, never log it. */
    public String clientSecret() {
        return clientSecret;
    }

    /** The absolute callback URL, exactly as registered at CCP. */
    public URI callbackUrl() {
        return callbackUrl;
    }

    /** The scopes requested at login, possibly empty. */
    public List<String> scopes() {
        return scopes;
    }

    /** Servlet URL patterns that require a login. */
    public List<String> protectedPaths() {
        return protectedPaths;
    }

    /** Servlet URL patterns that never require a login. */
    public List<String> excludedPaths() {
        return excludedPaths;
    }

    /** Application-relative landing page after login when there is no return URL. */
    public String defaultUrl() {
        return defaultUrl;
    }

    /** Application-relative page shown after logout. */
    public String postLogoutUrl() {
        return postLogoutUrl;
    }

    /** Application-relative path that starts a login. */
    public String loginPath() {
        return loginPath;
    }

    /** Application-relative path that logs out. */
    public String logoutPath() {
        return logoutPath;
    }

    /** Whether a GET on {@link #logoutPath()} logs out (POST always does). */
    public boolean logoutAllowGet() {
        return logoutAllowGet;
    }

    /** The RFC 8414 metadata document URL. */
    public URI metadataUrl() {
        return metadataUrl;
    }

    /** The configured authorize endpoint, or empty to use the metadata's. */
    public Optional<URI> authorizationEndpoint() {
        return Optional.ofNullable(authorizationEndpoint);
    }

    /** The configured token endpoint, or empty to use the metadata's. */
    public Optional<URI> tokenEndpoint() {
        return Optional.ofNullable(tokenEndpoint);
    }

    /** The configured JWKS URL, or empty to use the metadata's. */
    public Optional<URI> jwksUri() {
        return Optional.ofNullable(jwksUri);
    }

    /** The configured revocation endpoint, or empty to use the metadata's. */
    public Optional<URI> revocationEndpoint() {
        return Optional.ofNullable(revocationEndpoint);
    }

    /**
     * The explicitly accepted issuers, or empty when the default applies ({@link #EVE_ISSUERS} plus the metadata
     * document's {@code issuer}).
     */
    public Optional<Set<String>> acceptedIssuers() {
        return Optional.ofNullable(acceptedIssuers);
    }

    /** Whether ES256 access tokens are accepted besides RS256. */
    public boolean es256Enabled() {
        return es256Enabled;
    }

    /** Tolerated clock difference when checking {@code exp}. */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** Tokens expiring within this window are refreshed before use. */
    public Duration refreshWindow() {
        return refreshWindow;
    }

    /** Connect timeout for calls to the SSO. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Timeout for a whole call to the SSO. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Lifetime of a pending login's {@code state}. */
    public Duration stateTtl() {
        return stateTtl;
    }

    /** Maximum number of pending logins per session. */
    public int stateSlots() {
        return stateSlots;
    }

    /** Whether PKCE is used. */
    public boolean pkce() {
        return pkce;
    }

    /** Minimum interval between JWKS refetches on an unknown key id ({@link Duration#ZERO}: unlimited). */
    public Duration jwksRefetchInterval() {
        return jwksRefetchInterval;
    }

    /** How long the metadata document and the JWKS are cached. */
    public Duration metadataCacheTtl() {
        return metadataCacheTtl;
    }

    /** Longest wait between two retries while the SSO is unavailable. */
    public Duration maxRetryBackoff() {
        return maxRetryBackoff;
    }

    /** The application's own error page, or empty for the built-in one. */
    public Optional<String> errorPage() {
        return Optional.ofNullable(errorPage);
    }

    /** Listener class names to instantiate (no-argument constructor). */
    public List<String> listenerClassNames() {
        return listenerClassNames;
    }

    /** Listener instances added programmatically. */
    public List<EveSsoListener> listeners() {
        return listeners;
    }

    /** The clock for every time decision (state expiry, token expiry, back-off). */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "EveSsoConfig{clientId=" + clientId + ", clientSecret=(hidden), callbackUrl=" + callbackUrl
                + ", scopes=" + scopes + ", protectedPaths=" + protectedPaths + ", excludedPaths=" + excludedPaths
                + ", metadataUrl=" + metadataUrl + ", pkce=" + pkce + "}";
    }

    /**
     * Collects settings for an {@link EveSsoConfig}. Not thread-safe. Typed setters take the value as is; {@link
     * #property(String, String)} parses a string value and records a problem instead of throwing. {@link #build()}
     * reports every problem at once.
     */
    public static final class Builder {
        private final List<String> problems = new ArrayList<>();
        private String clientId;
        private String clientSecret;
        private URI callbackUrl;
        private List<String> scopes = List.of();
        private List<String> protectedPaths = List.of("/*");
        private List<String> excludedPaths = List.of();
        private String defaultUrl = "/";
        private String postLogoutUrl = "/";
        private String loginPath = "/sso/login";
        private String logoutPath = "/sso/logout";
        private boolean logoutAllowGet;
        private URI metadataUrl = EVE_METADATA_URL;
        private URI authorizationEndpoint;
        private URI tokenEndpoint;
        private URI jwksUri;
        private URI revocationEndpoint;
        private Set<String> acceptedIssuers;
        private boolean es256Enabled;
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration refreshWindow = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration stateTtl = Duration.ofMinutes(10);
        private int stateSlots = 5;
        private boolean pkce = true;
        private Duration jwksRefetchInterval = Duration.ofSeconds(30);
        private Duration metadataCacheTtl = Duration.ofHours(1);
        private Duration maxRetryBackoff = Duration.ofMinutes(5);
        private String errorPage;
        private List<String> listenerClassNames = List.of();
        private final List<EveSsoListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Sets the client id. */
        public Builder clientId(String value) {
            clientId = value;
            return this;
        }

        /** Sets the secret key. */
        public Builder clientSecret(String value) {
            clientSecret = value;
            return this;
        }

        /** Sets the absolute callback URL. */
        public Builder callbackUrl(URI value) {
            callbackUrl = value;
            return this;
        }

        /** Sets the scopes to request. */
        public Builder scopes(List<String> value) {
            scopes = List.copyOf(value);
            return this;
        }

        /** Sets the protected servlet URL patterns. */
        public Builder protectedPaths(List<String> value) {
            protectedPaths = List.copyOf(value);
            return this;
        }

        /** Sets the excluded servlet URL patterns. */
        public Builder excludedPaths(List<String> value) {
            excludedPaths = List.copyOf(value);
            return this;
        }

        /** Sets the application-relative default page after login. */
        public Builder defaultUrl(String value) {
            defaultUrl = value;
            return this;
        }

        /** Sets the application-relative page after logout. */
        public Builder postLogoutUrl(String value) {
            postLogoutUrl = value;
            return this;
        }

        /** Sets the application-relative login path. */
        public Builder loginPath(String value) {
            loginPath = value;
            return this;
        }

        /** Sets the application-relative logout path. */
        public Builder logoutPath(String value) {
            logoutPath = value;
            return this;
        }

        /** Allows GET on the logout path. */
        public Builder logoutAllowGet(boolean value) {
            logoutAllowGet = value;
            return this;
        }

        /** Sets the metadata document URL. */
        public Builder metadataUrl(URI value) {
            metadataUrl = value;
            return this;
        }

        /** Overrides the authorize endpoint. */
        public Builder authorizationEndpoint(URI value) {
            authorizationEndpoint = value;
            return this;
        }

        /** Overrides the token endpoint. */
        public Builder tokenEndpoint(URI value) {
            tokenEndpoint = value;
            return this;
        }

        /** Overrides the JWKS URL. */
        public Builder jwksUri(URI value) {
            jwksUri = value;
            return this;
        }

        /** Overrides the revocation endpoint. */
        public Builder revocationEndpoint(URI value) {
            revocationEndpoint = value;
            return this;
        }

        /** Sets exactly which {@code iss} values are accepted. */
        public Builder acceptedIssuers(Set<String> value) {
            acceptedIssuers = Set.copyOf(value);
            return this;
        }

        /** Accepts ES256 besides RS256. */
        public Builder es256Enabled(boolean value) {
            es256Enabled = value;
            return this;
        }

        /** Sets the clock skew. */
        public Builder clockSkew(Duration value) {
            clockSkew = value;
            return this;
        }

        /** Sets the refresh window. */
        public Builder refreshWindow(Duration value) {
            refreshWindow = value;
            return this;
        }

        /** Sets the connect timeout. */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /** Sets the read (whole call) timeout. */
        public Builder readTimeout(Duration value) {
            readTimeout = value;
            return this;
        }

        /** Sets the lifetime of a pending login. */
        public Builder stateTtl(Duration value) {
            stateTtl = value;
            return this;
        }

        /** Sets how many pending logins a session keeps. */
        public Builder stateSlots(int value) {
            stateSlots = value;
            return this;
        }

        /** Switches PKCE on or off. */
        public Builder pkce(boolean value) {
            pkce = value;
            return this;
        }

        /** Sets the minimum interval between JWKS refetches ({@link Duration#ZERO}: unlimited). */
        public Builder jwksRefetchInterval(Duration value) {
            jwksRefetchInterval = value;
            return this;
        }

        /** Sets how long metadata and JWKS are cached. */
        public Builder metadataCacheTtl(Duration value) {
            metadataCacheTtl = value;
            return this;
        }

        /** Sets the longest back-off while the SSO is unavailable. */
        public Builder maxRetryBackoff(Duration value) {
            maxRetryBackoff = value;
            return this;
        }

        /** Sets the application's own error page (application-relative). */
        public Builder errorPage(String value) {
            errorPage = value;
            return this;
        }

        /** Sets listener class names to instantiate. */
        public Builder listenerClassNames(List<String> value) {
            listenerClassNames = List.copyOf(value);
            return this;
        }

        /** Adds a listener instance. */
        public Builder listener(EveSsoListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /** Sets the clock (tests, or a container with its own time source). */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** Applies every entry of {@code properties} as by {@link #property(String, String)}. */
        public Builder properties(Map<String, String> properties) {
            properties.forEach(this::property);
            return this;
        }

        /**
         * Sets one setting from its string form. A blank value is ignored (the default stays). An unknown key under
         * {@code eve.sso.} or a value that does not parse is recorded as a problem for {@link #build()}.
         *
         * @param key a {@link Key} property such as {@code eve.sso.client-id}
         * @param value the string value; {@code null} or blank leaves the setting unchanged
         */
        public Builder property(String key, String value) {
            Key k = Arrays.stream(Key.values()).filter(x -> x.property.equals(key)).findFirst().orElse(null);
            if (k == null) {
                problems.add(key + " is not a known setting");
                return this;
            }
            if (value == null || value.isBlank()) {
                return this;
            }
            String v = value.strip();
            switch (k) {
                case CLIENT_ID -> clientId = v;
                case CLIENT_SECRET -> clientSecret = v;
                case CALLBACK_URL -> parseUri(k, v, x -> callbackUrl = x);
                case SCOPES -> scopes = split(v, "[\\s,]+");
                case PROTECTED_PATHS -> protectedPaths = split(v, "\\s*,\\s*");
                case EXCLUDED_PATHS -> excludedPaths = split(v, "\\s*,\\s*");
                case DEFAULT_URL -> defaultUrl = v;
                case POST_LOGOUT_URL -> postLogoutUrl = v;
                case LOGIN_PATH -> loginPath = v;
                case LOGOUT_PATH -> logoutPath = v;
                case LOGOUT_ALLOW_GET -> parseBoolean(k, v, x -> logoutAllowGet = x);
                case METADATA_URL -> parseUri(k, v, x -> metadataUrl = x);
                case AUTHORIZATION_ENDPOINT -> parseUri(k, v, x -> authorizationEndpoint = x);
                case TOKEN_ENDPOINT -> parseUri(k, v, x -> tokenEndpoint = x);
                case JWKS_URI -> parseUri(k, v, x -> jwksUri = x);
                case REVOCATION_ENDPOINT -> parseUri(k, v, x -> revocationEndpoint = x);
                case ACCEPTED_ISSUERS -> acceptedIssuers = new LinkedHashSet<>(split(v, "\\s*,\\s*"));
                case ES256_ENABLED -> parseBoolean(k, v, x -> es256Enabled = x);
                case CLOCK_SKEW -> parseDuration(k, v, x -> clockSkew = x);
                case REFRESH_WINDOW -> parseDuration(k, v, x -> refreshWindow = x);
                case CONNECT_TIMEOUT -> parseDuration(k, v, x -> connectTimeout = x);
                case READ_TIMEOUT -> parseDuration(k, v, x -> readTimeout = x);
                case STATE_TTL -> parseDuration(k, v, x -> stateTtl = x);
                case STATE_SLOTS -> parseInt(k, v, x -> stateSlots = x);
                case PKCE -> parseBoolean(k, v, x -> pkce = x);
                case JWKS_REFETCH_INTERVAL -> parseDuration(k, v, x -> jwksRefetchInterval = x);
                case METADATA_CACHE_TTL -> parseDuration(k, v, x -> metadataCacheTtl = x);
                case MAX_RETRY_BACKOFF -> parseDuration(k, v, x -> maxRetryBackoff = x);
                case ERROR_PAGE -> errorPage = v;
                case LISTENERS -> listenerClassNames = split(v, "\\s*,\\s*");
                default -> throw new AssertionError(k);
            }
            return this;
        }

        /**
         * Checks every setting and builds the configuration.
         *
         * @throws EveSsoConfigException listing every problem found, when there is at least one
         */
        public EveSsoConfig build() {
            List<String> all = new ArrayList<>(problems);
            if (clientId == null || clientId.isBlank()) {
                all.add(Key.CLIENT_ID + " is missing");
            }
            if (clientSecret == null || clientSecret.isBlank()) {
                all.add(Key.CLIENT_SECRET + " is missing");
            }
            if (callbackUrl == null) {
                if (problems.stream().noneMatch(p -> p.startsWith(Key.CALLBACK_URL.property))) {
                    all.add(Key.CALLBACK_URL + " is missing");
                }
            } else {
                requireHttpUrl(all, Key.CALLBACK_URL, callbackUrl);
                if (callbackUrl.getRawFragment() != null || callbackUrl.getRawQuery() != null) {
                    all.add(Key.CALLBACK_URL + " must not have a query or fragment: " + callbackUrl);
                }
            }
            requireHttpUrl(all, Key.METADATA_URL, metadataUrl);
            optionalHttpUrl(all, Key.AUTHORIZATION_ENDPOINT, authorizationEndpoint);
            optionalHttpUrl(all, Key.TOKEN_ENDPOINT, tokenEndpoint);
            optionalHttpUrl(all, Key.JWKS_URI, jwksUri);
            optionalHttpUrl(all, Key.REVOCATION_ENDPOINT, revocationEndpoint);
            for (String scope : scopes) {
                if (!scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
                    all.add(Key.SCOPES + " has an invalid scope: " + scope);
                }
            }
            requirePatterns(all, Key.PROTECTED_PATHS, protectedPaths);
            requirePatterns(all, Key.EXCLUDED_PATHS, excludedPaths);
            requireLocalPath(all, Key.DEFAULT_URL, defaultUrl);
            requireLocalPath(all, Key.POST_LOGOUT_URL, postLogoutUrl);
            requireLocalPath(all, Key.LOGIN_PATH, loginPath);
            requireLocalPath(all, Key.LOGOUT_PATH, logoutPath);
            if (errorPage != null) {
                requireLocalPath(all, Key.ERROR_PAGE, errorPage);
            }
            if (acceptedIssuers != null && acceptedIssuers.isEmpty()) {
                all.add(Key.ACCEPTED_ISSUERS + " must not be empty");
            }
            requireNotNegative(all, Key.CLOCK_SKEW, clockSkew);
            requireAtMost(all, Key.CLOCK_SKEW, clockSkew, MAX_CLOCK_SKEW);
            requireNotNegative(all, Key.REFRESH_WINDOW, refreshWindow);
            requireAtMost(all, Key.REFRESH_WINDOW, refreshWindow, MAX_REFRESH_WINDOW);
            if (loginPath != null && loginPath.equals(logoutPath)) {
                all.add(Key.LOGIN_PATH + " and " + Key.LOGOUT_PATH + " must differ, both are " + loginPath);
            }
            requirePositive(all, Key.CONNECT_TIMEOUT, connectTimeout);
            requirePositive(all, Key.READ_TIMEOUT, readTimeout);
            requirePositive(all, Key.STATE_TTL, stateTtl);
            requireNotNegative(all, Key.JWKS_REFETCH_INTERVAL, jwksRefetchInterval);
            requirePositive(all, Key.METADATA_CACHE_TTL, metadataCacheTtl);
            requirePositive(all, Key.MAX_RETRY_BACKOFF, maxRetryBackoff);
            if (stateSlots < 1 || stateSlots > 50) {
                all.add(Key.STATE_SLOTS + " must be between 1 and 50, not " + stateSlots);
            }
            if (clock == null) {
                all.add("clock must not be null");
            }
            if (!all.isEmpty()) {
                throw new EveSsoConfigException(all);
            }
            return new EveSsoConfig(this);
        }

        private static List<String> split(String value, String separator) {
            return Arrays.stream(value.strip().split(separator)).filter(s -> !s.isBlank()).toList();
        }

        private void parseUri(Key key, String value, Consumer<URI> target) {
            try {
                target.accept(new URI(value));
            } catch (java.net.URISyntaxException e) {
                problems.add(key + " is not a valid URL: " + value);
            }
        }

        private void parseBoolean(Key key, String value, Consumer<Boolean> target) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> target.accept(true);
                case "false" -> target.accept(false);
                default -> problems.add(key + " must be true or false, not " + value);
            }
        }

        private void parseInt(Key key, String value, Consumer<Integer> target) {
            try {
                target.accept(Integer.parseInt(value));
            } catch (NumberFormatException e) {
                problems.add(key + " must be a whole number, not " + value);
            }
        }

        /** Seconds ({@code 60}), a number with a unit ({@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}) or ISO-8601. */
        private void parseDuration(Key key, String value, Consumer<Duration> target) {
            String v = value.toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("p")) {
                    target.accept(Duration.parse(value));
                } else if (v.endsWith("ms")) {
                    target.accept(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))));
                } else if (v.endsWith("s")) {
                    target.accept(Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1))));
                } else if (v.endsWith("m")) {
                    target.accept(Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1))));
                } else if (v.endsWith("h")) {
                    target.accept(Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1))));
                } else {
                    target.accept(Duration.ofSeconds(Long.parseLong(v)));
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                problems.add(key + " must be a duration such as 60, 30s, 10m or PT1M, not " + value);
            }
        }

        private static void requireHttpUrl(List<String> problems, Key key, URI uri) {
            if (uri == null) {
                problems.add(key + " is missing");
            } else if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                problems.add(key + " must be an absolute http(s) URL: " + uri);
            }
        }

        private static void optionalHttpUrl(List<String> problems, Key key, URI uri) {
            if (uri != null) {
                requireHttpUrl(problems, key, uri);
            }
        }

        private static void requireLocalPath(List<String> problems, Key key, String path) {
            if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\")
                    || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                problems.add(key + " must be an application-relative path starting with a single '/': " + path);
            }
        }

        private static void requirePatterns(List<String> problems, Key key, List<String> patterns) {
            for (String p : patterns) {
                boolean ok = p.equals("/") || p.startsWith("*.") && p.indexOf('/') < 0
                        || p.startsWith("/") && (p.indexOf('*') < 0 || p.endsWith("/*") && p.indexOf('*') == p.length() - 1);
                if (!ok) {
                    problems.add(key + " has an invalid servlet URL pattern: " + p);
                }
            }
        }

        private static void requireAtMost(List<String> problems, Key key, Duration d, Duration max) {
            if (d != null && d.compareTo(max) > 0) {
                problems.add(key + " must be at most " + max.toSeconds() + " s, not " + d.toSeconds() + " s");
            }
        }

        private static void requirePositive(List<String> problems, Key key, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                problems.add(key + " must be a positive duration, not " + d);
            }
        }

        private static void requireNotNegative(List<String> problems, Key key, Duration d) {
            if (d == null || d.isNegative()) {
                problems.add(key + " must not be negative, not " + d);
            }
        }
    }
}
