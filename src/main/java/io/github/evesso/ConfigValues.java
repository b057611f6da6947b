package io.github.evesso;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One snapshot of every setting, as a {@link ConfigBuilder} holds it when {@code build()} is called: what
 * {@link ConfigValidation} checks and, once it passes, what an {@link EveSsoConfig} wraps. Collections are immutable
 * copies; a value that was never set is {@code null} (validation reports the required ones).
 */
record ConfigValues(
        String clientId, String clientSecret, URI callbackUrl, List<String> scopes,
        List<String> protectedPaths, List<String> excludedPaths, String defaultUrl, String postLogoutUrl,
        String loginPath, String logoutPath, boolean logoutAllowGet, String errorPage,
        URI metadataUrl, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri, URI revocationEndpoint,
        Set<String> acceptedIssuers, boolean es256Enabled, Duration clockSkew, Duration refreshWindow,
        Duration connectTimeout, Duration readTimeout, Duration metadataCacheTtl, Duration jwksRefetchInterval,
        Duration maxRetryBackoff,
        Duration stateTtl, int stateSlots, boolean pkce,
        Duration loginMinAge, int failedLoginsPerSession, int failedLoginsPerAddress, Duration failedLoginWindow,
        List<String> listenerClassNames, List<EveSsoListener> listeners, Clock clock) {

    ConfigValues {
        scopes = List.copyOf(scopes);
        protectedPaths = List.copyOf(protectedPaths);
        excludedPaths = List.copyOf(excludedPaths);
        listenerClassNames = List.copyOf(listenerClassNames);
        listeners = List.copyOf(listeners);
    }
}
