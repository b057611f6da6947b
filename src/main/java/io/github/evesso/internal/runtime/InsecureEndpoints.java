package io.github.evesso.internal.runtime;

import io.github.evesso.EveSsoConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The start-up warnings for SSO URLs that are plain {@code http} to a host that is not loopback: the client secret,
 * authorization codes and refresh tokens would cross the network in clear. Loopback ({@code localhost},
 * {@code 127.0.0.0/8}, {@code ::1}) is the local EVE SSO of development and tests and stays quiet. Decided on the URL
 * alone: nothing is resolved or contacted.
 */
final class InsecureEndpoints {
    private InsecureEndpoints() {
    }

    /** One sentence per configured URL that is plain http to another host; empty when there is none. */
    static List<String> warnings(EveSsoConfig config) {
        Map<String, Optional<URI>> urls = new LinkedHashMap<>();
        urls.put(EveSsoConfig.Key.METADATA_URL.property(), Optional.of(config.metadataUrl()));
        urls.put(EveSsoConfig.Key.AUTHORIZATION_ENDPOINT.property(), config.authorizationEndpoint());
        urls.put(EveSsoConfig.Key.TOKEN_ENDPOINT.property(), config.tokenEndpoint());
        urls.put(EveSsoConfig.Key.JWKS_URI.property(), config.jwksUri());
        urls.put(EveSsoConfig.Key.REVOCATION_ENDPOINT.property(), config.revocationEndpoint());
        List<String> warnings = new ArrayList<>();
        urls.forEach((key, url) -> url.filter(InsecureEndpoints::isPlainHttpToAnotherHost).ifPresent(u -> warnings.add(
                key + " is plain http to " + u.getHost() + ", which is not this machine: use https (the client"
                        + " secret, codes and tokens would cross the network in clear)")));
        return warnings;
    }

    /** Whether {@code url} is {@code http:} to a host that is not loopback. */
    static boolean isPlainHttpToAnotherHost(URI url) {
        return "http".equalsIgnoreCase(url.getScheme()) && !isLoopback(url.getHost());
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("[::1]") || h.equals("::1")
                || h.matches("127(\\.\\d{1,3}){3}");
    }
}
