package io.github.evesso;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One snapshot of every setting, as a {@link ConfigBuilder} holds it when {@code build()} is called: what
 * {@link ConfigValidation} checks and, once it passes, what an {@link EveSsoConfig} wraps. Collections are immutable
 * copies; a value that was never set is {@code null} (validation reports the required ones).
 */
record ConfigValues(
        String clientId, String clientSecret, URI callbackUrl, List<String> scopes,
        List<String> protectedPaths, List<String> excludedPaths, String defaultUrl, String postLogoutUrl,
        String loginPath, String logoutPath, boolean logoutAllowGet, String switchPath, String removePath,
        String errorPage,
        URI metadataUrl, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri, URI revocationEndpoint,
        Set<String> acceptedIssuers, boolean es256Enabled, Duration clockSkew, Duration refreshWindow,
        Duration connectTimeout, Duration readTimeout, Duration metadataCacheTtl, Duration jwksRefetchInterval,
        Duration maxRetryBackoff,
        Duration stateTtl, int stateSlots, boolean pkce,
        Duration loginMinAge, int failedLoginsPerSession, int failedLoginsPerAddress, Duration failedLoginWindow,
        boolean revokeOnSessionEnd,
        int maxCharacters, Map<String, List<String>> requiredScopes, List<String> optionalScopes,
        List<String> bearerPaths, List<String> bearerOrSessionPaths, List<String> bearerClients,
        Map<String, List<String>> bearerRequiredScopes,
        List<String> listenerClassNames, List<EveSsoListener> listeners, Clock clock) {

    ConfigValues {
        scopes = List.copyOf(scopes);
        protectedPaths = List.copyOf(protectedPaths);
        excludedPaths = List.copyOf(excludedPaths);
        bearerPaths = List.copyOf(bearerPaths);
        bearerOrSessionPaths = List.copyOf(bearerOrSessionPaths);
        bearerClients = List.copyOf(bearerClients);
        bearerRequiredScopes = Collections.unmodifiableMap(new LinkedHashMap<>(bearerRequiredScopes));
        requiredScopes = Collections.unmodifiableMap(new LinkedHashMap<>(requiredScopes));
        optionalScopes = List.copyOf(optionalScopes);
        listenerClassNames = List.copyOf(listenerClassNames);
        listeners = List.copyOf(listeners);
    }
}
