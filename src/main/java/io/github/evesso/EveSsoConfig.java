package io.github.evesso;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * {@code null}; {@link #toString()} never shows the client secret or a token store key.
 */
public final class EveSsoConfig implements EveSsoConfigKeys {
    /** The three issuer forms EVE SSO has used for {@code iss}. */
    public static final Set<String> EVE_ISSUERS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            "login.eveonline.com", "https://login.eveonline.com", "https://login.eveonline.com/")));

    /** EVE Online's RFC 8414 metadata document (tenant "tranquility"), the default of {@link Key#METADATA_URL}. */
    public static final URI EVE_METADATA_URL = URI.create(Key.METADATA_URL.defaultValue().orElseThrow());

    private final ConfigValues values;
    private final Map<String, String> tokenStoreKeys;

    EveSsoConfig(ConfigValues values) {
        this.values = values;
        Map<String, String> keys = new LinkedHashMap<>();
        values.tokenStoreKeys().forEach(key -> keys.put(key.id(), key.base64Key()));
        this.tokenStoreKeys = Collections.unmodifiableMap(keys);
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

    /** The application-relative path that switches the active character (POST). */
    public String switchPath() {
        return values.switchPath();
    }

    /** The application-relative path that removes one of the session's characters (POST). */
    public String removePath() {
        return values.removePath();
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

    /** Code exchanges the SSO may refuse per client address within {@link #failedLoginWindow()} ({@code 0}: no limit). */
    public int failedLoginsPerAddress() {
        return values.failedLoginsPerAddress();
    }

    /** The window in which failed code exchanges are counted. */
    public Duration failedLoginWindow() {
        return values.failedLoginWindow();
    }

    /**
     * Whether a session ending without a logout has its refresh token revoked. With a configured token store
     * ({@link #tokenStoreDataSource()} or {@link #tokenStore()}), a session's end keeps the stored grant for background
     * work and revokes nothing; logout still revokes.
     */
    public boolean revokeOnSessionEnd() {
        return values.revokeOnSessionEnd();
    }

    /** The JNDI name of the {@code javax.sql.DataSource} of the JDBC token store, or empty when there is none. */
    public Optional<String> tokenStoreDataSource() {
        return Optional.ofNullable(values.tokenStoreDataSource());
    }

    /**
     * The JDBC token store's keys: key id to 32 bytes in standard Base64, in the order given; unmodifiable, possibly
     * empty. Secret: handle with care, never log it.
     */
    public Map<String, String> tokenStoreKeys() {
        return tokenStoreKeys;
    }

    /**
     * The id of the key new writes are encrypted with: the configured one, else the only key's; empty when there
     * is no key.
     */
    public Optional<String> tokenStoreCurrentKey() {
        if (values.tokenStoreCurrentKey() != null) {
            return Optional.of(values.tokenStoreCurrentKey());
        }
        return tokenStoreKeys.size() == 1 ? Optional.of(tokenStoreKeys.keySet().iterator().next()) : Optional.empty();
    }

    /** Whether the JDBC token store keeps refresh tokens unencrypted, as explicitly asked for. */
    public boolean tokenStorePlaintext() {
        return values.tokenStorePlaintext();
    }

    /** The most token calls a bulk refresh of stored characters makes at once. */
    public int refreshConcurrency() {
        return values.refreshConcurrency();
    }

    /** The token store the application built and configured programmatically, or empty when there is none. */
    public Optional<EveTokenStore> tokenStore() {
        return Optional.ofNullable(values.tokenStore());
    }

    /** Patterns of bearer-only paths (no session, no redirect), possibly empty. */
    public List<String> bearerPaths() {
        return values.bearerPaths();
    }

    /** Patterns of paths taking a bearer token when sent, else the session login; possibly empty. */
    public List<String> bearerOrSessionPaths() {
        return values.bearerOrSessionPaths();
    }

    /** Client ids one of which a bearer token's {@code aud} must hold: by default this application's own. */
    public Set<String> bearerClients() {
        return values.bearerClients().isEmpty() ? Set.of(values.clientId()) : Set.copyOf(values.bearerClients());
    }

    /** Path pattern to the scopes every bearer token used there must have, in the configured order. */
    public Map<String, List<String>> bearerRequiredScopes() {
        return values.bearerRequiredScopes();
    }

    /** The most characters one session may hold. */
    public int maxCharacters() {
        return values.maxCharacters();
    }

    /** Path pattern to the scopes the active character must have there, in the configured order; possibly empty. */
    public Map<String, List<String>> requiredScopes() {
        return values.requiredScopes();
    }

    /**
     * Every scope the application may ask the SSO for: those of the login, of {@link #requiredScopes()} and the
     * optional ones, in that order without repeats.
     */
    public Set<String> askableScopes() {
        Set<String> all = new LinkedHashSet<>(values.scopes());
        values.requiredScopes().values().forEach(all::addAll);
        all.addAll(values.optionalScopes());
        return Collections.unmodifiableSet(all);
    }

    /** Scopes not asked at login that the application may ask for later, possibly empty. */
    public List<String> optionalScopes() {
        return values.optionalScopes();
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
                + excludedPaths() + ", metadataUrl=" + metadataUrl() + ", pkce=" + pkce() + ", tokenStore="
                + tokenStoreDescription() + "}";
    }

    /** Which token store is configured, without any key. */
    private String tokenStoreDescription() {
        if (values.tokenStoreDataSource() != null) {
            return "jdbc(" + values.tokenStoreDataSource() + ")";
        }
        return values.tokenStore() != null ? "programmatic" : "none";
    }
}
