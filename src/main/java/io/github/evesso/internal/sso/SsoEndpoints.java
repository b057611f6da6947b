package io.github.evesso.internal.sso;

import io.github.evesso.EveSsoConfig;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbProperty;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The SSO's endpoints and issuer: configured overrides first, else the RFC 8414 metadata document, fetched lazily
 * (so the application starts while the SSO is down), cached, and re-fetched with back-off after a failure.
 */
public final class SsoEndpoints {

    /** The fields of the metadata document the library uses. */
    public static final class Metadata {
        /** {@code issuer}. */
        public String issuer;
        /** {@code authorization_endpoint}. */
        @JsonbProperty("authorization_endpoint")
        public String authorizationEndpoint;
        /** {@code token_endpoint}. */
        @JsonbProperty("token_endpoint")
        public String tokenEndpoint;
        /** {@code jwks_uri}. */
        @JsonbProperty("jwks_uri")
        public String jwksUri;
        /** {@code revocation_endpoint}. */
        @JsonbProperty("revocation_endpoint")
        public String revocationEndpoint;
    }

    private record Cached(Metadata metadata, Instant fetchedAt) {
    }

    private final EveSsoConfig config;
    private final SsoHttp http;
    private final Jsonb jsonb;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile Cached cached;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    /** Creates the resolver; nothing is fetched yet. */
    public SsoEndpoints(EveSsoConfig config, SsoHttp http, Jsonb jsonb) {
        this.config = config;
        this.http = http;
        this.jsonb = jsonb;
        this.clock = config.clock();
    }

    /** The authorize endpoint. */
    public URI authorization() throws SsoException {
        return resolve(config.authorizationEndpoint(), m -> m.authorizationEndpoint, "authorization_endpoint");
    }

    /** The token endpoint. */
    public URI token() throws SsoException {
        return resolve(config.tokenEndpoint(), m -> m.tokenEndpoint, "token_endpoint");
    }

    /** The JWKS URL. */
    public URI jwks() throws SsoException {
        return resolve(config.jwksUri(), m -> m.jwksUri, "jwks_uri");
    }

    /** The revocation endpoint. */
    public URI revocation() throws SsoException {
        return resolve(config.revocationEndpoint(), m -> m.revocationEndpoint, "revocation_endpoint");
    }

    /**
     * The accepted {@code iss} values: the configured set, else EVE's three forms plus the metadata's issuer (EVE's
     * forms alone while the metadata cannot be fetched).
     */
    public Set<String> acceptedIssuers() {
        Optional<Set<String>> configured = config.acceptedIssuers();
        if (configured.isPresent()) {
            return configured.get();
        }
        Set<String> issuers = new LinkedHashSet<>(EveSsoConfig.EVE_ISSUERS);
        String issuer;
        try {
            issuer = metadata().issuer;
        } catch (SsoException e) {
            return EveSsoConfig.EVE_ISSUERS; // EVE's own forms still validate while the metadata is unavailable
        }
        if (issuer != null && !issuer.isBlank()) {
            issuers.add(issuer);
        }
        return Collections.unmodifiableSet(issuers);
    }

    private URI resolve(Optional<URI> override, Function<Metadata, String> field, String name) throws SsoException {
        if (override.isPresent()) {
            return override.get();
        }
        String value = field.apply(metadata());
        if (value == null || value.isBlank()) {
            throw new SsoBadResponseException("SSO metadata has no " + name);
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            boolean httpsMetadata = "https".equalsIgnoreCase(config.metadataUrl().getScheme());
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !(scheme.equals("https") || scheme.equals("http") && !httpsMetadata)) {
                // an https document must not send the client secret to a plain-http endpoint
                throw new SsoBadResponseException("SSO metadata " + name + " is not an absolute "
                        + (httpsMetadata ? "https" : "http(s)") + " URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new SsoBadResponseException("SSO metadata " + name + " is not a valid URL");
        }
    }

    private Metadata metadata() throws SsoException {
        Cached c = cached;
        Instant now = clock.instant();
        if (c != null && now.isBefore(c.fetchedAt().plus(config.metadataCacheTtl()))) {
            return c.metadata();
        }
        synchronized (lock) {
            c = cached;
            if (c != null && now.isBefore(c.fetchedAt().plus(config.metadataCacheTtl()))) {
                return c.metadata();
            }
            if (now.isBefore(nextAttempt)) {
                if (c != null) {
                    return c.metadata();
                }
                throw new SsoUnavailableException("EVE SSO metadata unavailable (retrying after " + nextAttempt + ")",
                        null, null);
            }
            try {
                Metadata m = fetch();
                cached = new Cached(m, now);
                failures = 0;
                nextAttempt = Instant.MIN;
                return m;
            } catch (SsoException e) {
                failures++;
                nextAttempt = Backoff.nextAttempt(now, failures,
                        e instanceof SsoUnavailableException u ? u.retryAfter().orElse(null) : null,
                        config.maxRetryBackoff());
                if (c != null) {
                    return c.metadata(); // a stale document beats none while the SSO is down
                }
                throw e;
            }
        }
    }

    private Metadata fetch() throws SsoException {
        SsoHttp.Response response = http.get(config.metadataUrl(), "SSO metadata");
        if (response.status() != 200) {
            throw new SsoUnavailableException("SSO metadata: HTTP " + response.status(), null, null);
        }
        try {
            Metadata m = jsonb.fromJson(response.body(), Metadata.class);
            if (m == null) {
                throw new SsoBadResponseException("SSO metadata is empty");
            }
            return m;
        } catch (JsonbException e) {
            throw new SsoBadResponseException("SSO metadata is not a JSON document");
        }
    }
}
