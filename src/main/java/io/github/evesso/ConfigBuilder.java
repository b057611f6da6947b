package io.github.evesso;

import io.github.evesso.EveSsoConfigKeys.Key;
import io.github.evesso.internal.config.PropertyBinder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one {@link EveSsoConfig.Builder}: typed settings as given, string settings through {@link PropertyBinder}, whose
 * problems it keeps for {@link #build()}. It starts from the defaults of {@link Key}, read like any string setting.
 * The setters of the later groups (token store, characters and scopes, bearer mode, listeners) are inherited from
 * {@link ConfigBuilderGroups}.
 */
final class ConfigBuilder extends ConfigBuilderGroups implements EveSsoConfig.Builder {
    private final List<String> bindingProblems = new ArrayList<>();
    private final Set<Key> unreadableKeys = EnumSet.noneOf(Key.class);
    private String clientId;
    private String clientSecret;
    private URI callbackUrl;
    private List<String> scopes = List.of();
    private List<String> protectedPaths = List.of();
    private List<String> excludedPaths = List.of();
    private String defaultUrl;
    private String postLogoutUrl;
    private String loginPath;
    private String logoutPath;
    private boolean logoutAllowGet;
    private String switchPath;
    private String removePath;
    private String errorPage;
    private URI metadataUrl;
    private URI authorizationEndpoint;
    private URI tokenEndpoint;
    private URI jwksUri;
    private URI revocationEndpoint;
    private Set<String> acceptedIssuers;
    private boolean es256Enabled;
    private Duration clockSkew;
    private Duration refreshWindow;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration metadataCacheTtl;
    private Duration jwksRefetchInterval;
    private Duration maxRetryBackoff;
    private Duration stateTtl;
    private int stateSlots;
    private boolean pkce;
    private Duration loginMinAge;
    private int failedLoginsPerSession;
    private int failedLoginsPerAddress;
    private Duration failedLoginWindow;
    private boolean revokeOnSessionEnd;
    private Clock clock = Clock.systemUTC();

    ConfigBuilder() {
        for (Key key : Key.values()) {
            key.defaultValue().ifPresent(value -> property(key.property(), value));
        }
    }

    @Override
    EveSsoConfig.Builder self() {
        return this;
    }

    @Override
    public EveSsoConfig.Builder clientId(String value) {
        clientId = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder clientSecret(String value) {
        clientSecret = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder callbackUrl(URI value) {
        callbackUrl = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder scopes(List<String> value) {
        scopes = List.copyOf(value);
        return this;
    }

    @Override
    public EveSsoConfig.Builder protectedPaths(List<String> value) {
        protectedPaths = List.copyOf(value);
        return this;
    }

    @Override
    public EveSsoConfig.Builder excludedPaths(List<String> value) {
        excludedPaths = List.copyOf(value);
        return this;
    }

    @Override
    public EveSsoConfig.Builder defaultUrl(String value) {
        defaultUrl = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder postLogoutUrl(String value) {
        postLogoutUrl = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder loginPath(String value) {
        loginPath = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder logoutPath(String value) {
        logoutPath = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder logoutAllowGet(boolean value) {
        logoutAllowGet = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder switchPath(String value) {
        switchPath = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder removePath(String value) {
        removePath = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder errorPage(String value) {
        errorPage = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder metadataUrl(URI value) {
        metadataUrl = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder authorizationEndpoint(URI value) {
        authorizationEndpoint = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder tokenEndpoint(URI value) {
        tokenEndpoint = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder jwksUri(URI value) {
        jwksUri = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder revocationEndpoint(URI value) {
        revocationEndpoint = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder acceptedIssuers(Set<String> value) {
        acceptedIssuers = Collections.unmodifiableSet(new LinkedHashSet<>(List.copyOf(value)));
        return this;
    }

    @Override
    public EveSsoConfig.Builder es256Enabled(boolean value) {
        es256Enabled = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder clockSkew(Duration value) {
        clockSkew = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder refreshWindow(Duration value) {
        refreshWindow = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder connectTimeout(Duration value) {
        connectTimeout = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder readTimeout(Duration value) {
        readTimeout = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder metadataCacheTtl(Duration value) {
        metadataCacheTtl = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder jwksRefetchInterval(Duration value) {
        jwksRefetchInterval = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder maxRetryBackoff(Duration value) {
        maxRetryBackoff = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder stateTtl(Duration value) {
        stateTtl = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder stateSlots(int value) {
        stateSlots = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder pkce(boolean value) {
        pkce = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder loginMinAge(Duration value) {
        loginMinAge = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder failedLoginsPerSession(int value) {
        failedLoginsPerSession = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder failedLoginsPerAddress(int value) {
        failedLoginsPerAddress = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder failedLoginWindow(Duration value) {
        failedLoginWindow = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder revokeOnSessionEnd(boolean value) {
        revokeOnSessionEnd = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder clock(Clock value) {
        clock = value;
        return this;
    }

    @Override
    public EveSsoConfig.Builder property(String key, String value) {
        PropertyBinder.bind(this, key, value).ifPresent(problem -> {
            bindingProblems.add(problem);
            PropertyBinder.key(key).ifPresent(unreadableKeys::add);
        });
        return this;
    }

    @Override
    public EveSsoConfig.Builder properties(Map<String, String> properties) {
        properties.forEach(this::property);
        return this;
    }

    @Override
    public EveSsoConfig build() {
        ConfigValues values = new ConfigValues(
                clientId, clientSecret, callbackUrl, scopes, protectedPaths, excludedPaths, defaultUrl,
                postLogoutUrl, loginPath, logoutPath, logoutAllowGet, switchPath, removePath, errorPage, metadataUrl,
                authorizationEndpoint,
                tokenEndpoint, jwksUri, revocationEndpoint, acceptedIssuers, es256Enabled, clockSkew, refreshWindow,
                connectTimeout, readTimeout, metadataCacheTtl, jwksRefetchInterval, maxRetryBackoff, stateTtl,
                stateSlots, pkce, loginMinAge, failedLoginsPerSession, failedLoginsPerAddress, failedLoginWindow,
                revokeOnSessionEnd, tokenStoreDataSource, tokenStoreKeys, tokenStoreCurrentKey, tokenStorePlaintext,
                refreshConcurrency, tokenStore, maxCharacters, requiredScopes, optionalScopes, bearerPaths,
                bearerOrSessionPaths, bearerClients, bearerRequiredScopes, listenerClassNames, listeners, clock);
        List<String> problems = new ArrayList<>(bindingProblems);
        problems.addAll(ConfigValidation.problems(values, unreadableKeys));
        if (!problems.isEmpty()) {
            throw new EveSsoConfigException(problems);
        }
        return new EveSsoConfig(values);
    }
}
