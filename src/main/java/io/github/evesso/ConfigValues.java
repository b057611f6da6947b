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
 * copies; a value that was never set is {@code null} (validation reports the required ones). Token store keys are
 * {@link StoreKey}s, whose {@code toString()} hides the key material.
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
        String tokenStoreDataSource, List<StoreKey> tokenStoreKeys, String tokenStoreCurrentKey,
        boolean tokenStorePlaintext, int refreshConcurrency, EveTokenStore tokenStore,
        int maxCharacters, Map<String, List<String>> requiredScopes, List<String> optionalScopes,
        List<String> bearerPaths, List<String> bearerOrSessionPaths, List<String> bearerClients,
        Map<String, List<String>> bearerRequiredScopes,
        List<String> listenerClassNames, List<EveSsoListener> listeners, Clock clock) {

    ConfigValues {
        scopes = List.copyOf(scopes);
        protectedPaths = List.copyOf(protectedPaths);
        excludedPaths = List.copyOf(excludedPaths);
        tokenStoreKeys = List.copyOf(tokenStoreKeys);
        bearerPaths = List.copyOf(bearerPaths);
        bearerOrSessionPaths = List.copyOf(bearerOrSessionPaths);
        bearerClients = List.copyOf(bearerClients);
        bearerRequiredScopes = Collections.unmodifiableMap(new LinkedHashMap<>(bearerRequiredScopes));
        requiredScopes = Collections.unmodifiableMap(new LinkedHashMap<>(requiredScopes));
        optionalScopes = List.copyOf(optionalScopes);
        listenerClassNames = List.copyOf(listenerClassNames);
        listeners = List.copyOf(listeners);
    }

    /**
     * One token store key as given: its id and its Base64 material, either possibly {@code null} (validation
     * reports it). The material is a secret: {@link #toString()} shows the id only.
     */
    record StoreKey(String id, String base64Key) {
        @Override
        public String toString() {
            return id + ":(hidden)";
        }
    }
}
