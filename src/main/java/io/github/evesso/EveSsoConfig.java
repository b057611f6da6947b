package io.github.evesso;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The immutable configuration of one application's EVE SSO login, built once at start-up with {@link #builder()},
 * whose {@link Builder#build()} checks every value and throws one {@link EveSsoConfigException} listing every problem.
 * Each setting also has a string key under {@code eve.sso.} ({@link Key}, which holds each default too; its table is
 * kept in {@link EveSsoConfigKeys}) used by init-params, context-params and MicroProfile Config. Getters never return
 * {@code null}; {@link #toString()} never shows the client secret.
 */
public final class EveSsoConfig implements EveSsoConfigKeys {
    /** The three issuer forms EVE SSO has used for {@code iss}. */
    public static final Set<String> EVE_ISSUERS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            "login.eveonline.com", "https://login.eveonline.com", "https://login.eveonline.com/")));

    /** EVE Online's RFC 8414 metadata document (tenant "tranquility"), the default of {@link Key#METADATA_URL}. */
    public static final URI EVE_METADATA_URL = URI.create(Key.METADATA_URL.defaultValue().orElseThrow());

    private final ConfigValues values;

    EveSsoConfig(ConfigValues values) {
        this.values = values;
    }

    /** A new builder with every default of {@link Key} set and nothing required filled in. */
    public static Builder builder() {
        return new ConfigBuilder();
    }

    /** The client id. */
    public String clientId() {
        return values.clientId();
    }

    /** The secret key: handle with care, never log it. */
    public String clientSecret() {
        return values.clientSecret();
    }

    /** The absolute callback URL, exactly as registered at CCP. */
    public URI callbackUrl() {
        return values.callbackUrl();
    }

    /** The scopes requested at login, possibly empty. */
    public List<String> scopes() {
        return values.scopes();
    }

    /** Servlet URL patterns that require a login. */
    public List<String> protectedPaths() {
        return values.protectedPaths();
    }

    /** Servlet URL patterns that never require a login. */
    public List<String> excludedPaths() {
        return values.excludedPaths();
    }

    /** Application-relative landing page after login when there is no return URL. */
    public String defaultUrl() {
        return values.defaultUrl();
    }

    /** Application-relative page shown after logout. */
    public String postLogoutUrl() {
        return values.postLogoutUrl();
    }

    /** Application-relative path that starts a login. */
    public String loginPath() {
        return values.loginPath();
    }

    /** Application-relative path that logs out. */
    public String logoutPath() {
        return values.logoutPath();
    }

    /** Whether a GET on {@link #logoutPath()} logs out (POST always does). */
    public boolean logoutAllowGet() {
        return values.logoutAllowGet();
    }

    /** The application's own error page, or empty for the built-in one. */
    public Optional<String> errorPage() {
        return Optional.ofNullable(values.errorPage());
    }

    /** The RFC 8414 metadata document URL. */
    public URI metadataUrl() {
        return values.metadataUrl();
    }

    /** The configured authorize endpoint, or empty to use the metadata's. */
    public Optional<URI> authorizationEndpoint() {
        return Optional.ofNullable(values.authorizationEndpoint());
    }

    /** The configured token endpoint, or empty to use the metadata's. */
    public Optional<URI> tokenEndpoint() {
        return Optional.ofNullable(values.tokenEndpoint());
    }

    /** The configured JWKS URL, or empty to use the metadata's. */
    public Optional<URI> jwksUri() {
        return Optional.ofNullable(values.jwksUri());
    }

    /** The configured revocation endpoint, or empty to use the metadata's. */
    public Optional<URI> revocationEndpoint() {
        return Optional.ofNullable(values.revocationEndpoint());
    }

    /** The explicitly accepted issuers, or empty for the default: {@link #EVE_ISSUERS} and the metadata's issuer. */
    public Optional<Set<String>> acceptedIssuers() {
        return Optional.ofNullable(values.acceptedIssuers());
    }

    /** Whether ES256 access tokens are accepted besides RS256. */
    public boolean es256Enabled() {
        return values.es256Enabled();
    }

    /** Tolerated clock difference when checking {@code exp}. */
    public Duration clockSkew() {
        return values.clockSkew();
    }

    /** Tokens expiring within this window are refreshed before use. */
    public Duration refreshWindow() {
        return values.refreshWindow();
    }

    /** Connect timeout for calls to the SSO. */
    public Duration connectTimeout() {
        return values.connectTimeout();
    }

    /** Timeout for a whole call to the SSO. */
    public Duration readTimeout() {
        return values.readTimeout();
    }

    /** How long the metadata document and the JWKS are cached. */
    public Duration metadataCacheTtl() {
        return values.metadataCacheTtl();
    }

    /** Minimum interval between JWKS refetches on an unknown key id ({@link Duration#ZERO}: unlimited). */
    public Duration jwksRefetchInterval() {
        return values.jwksRefetchInterval();
    }

    /** Longest wait between two retries while the SSO is unavailable. */
    public Duration maxRetryBackoff() {
        return values.maxRetryBackoff();
    }

    /** Lifetime of a pending login's {@code state}. */
    public Duration stateTtl() {
        return values.stateTtl();
    }

    /** Maximum number of pending logins per session. */
    public int stateSlots() {
        return values.stateSlots();
    }

    /** Whether PKCE is used. */
    public boolean pkce() {
        return values.pkce();
    }

    /** A callback sooner than this after its login started is refused without an SSO call ({@code 0}: no check). */
    public Duration loginMinAge() {
        return values.loginMinAge();
    }

    /** Code exchanges the SSO may refuse per session within {@link #failedLoginWindow()} ({@code 0}: no limit). */
    public int failedLoginsPerSession() {
        return values.failedLoginsPerSession();
    }

    /** Code exchanges the SSO may refuse per client address within {@link #failedLoginWindow()} ({@code 0}: none). */
    public int failedLoginsPerAddress() {
        return values.failedLoginsPerAddress();
    }

    /** The window in which failed code exchanges are counted. */
    public Duration failedLoginWindow() {
        return values.failedLoginWindow();
    }

    /** Listener class names to instantiate (no-argument constructor). */
    public List<String> listenerClassNames() {
        return values.listenerClassNames();
    }

    /** Listener instances added programmatically. */
    public List<EveSsoListener> listeners() {
        return values.listeners();
    }

    /** The clock for every time decision (state expiry, token expiry, back-off). */
    public Clock clock() {
        return values.clock();
    }

    @Override
    public String toString() {
        return "EveSsoConfig{clientId=" + clientId() + ", clientSecret=(hidden), callbackUrl=" + callbackUrl()
                + ", scopes=" + scopes() + ", protectedPaths=" + protectedPaths() + ", excludedPaths="
                + excludedPaths() + ", metadataUrl=" + metadataUrl() + ", pkce=" + pkce() + "}";
    }

    /**
     * Collects settings for an {@link EveSsoConfig}, starting with the defaults of {@link Key}; not thread-safe.
     * Typed setters take a value as is; {@link #property(String, String)} reads a string form and records a problem
     * instead of throwing; {@link #build()} reports every problem at once. Setters come in the README's groups: the
     * application at CCP, paths and pages, endpoints, token checks, timeouts and caching, logins, listeners.
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

        /** Application-relative path that starts a login ({@code ?return=/path}). */
        Builder loginPath(String value);

        /** Application-relative path that logs out (POST). */
        Builder logoutPath(String value);

        /** Whether a GET on the logout path also logs out. */
        Builder logoutAllowGet(boolean value);

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

        /** Exactly which {@code iss} values are accepted, instead of {@link #EVE_ISSUERS} plus the metadata's. */
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
