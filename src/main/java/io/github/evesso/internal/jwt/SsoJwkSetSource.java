package io.github.evesso.internal.jwt;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import io.github.evesso.internal.token.SsoEndpoints;
import io.github.evesso.internal.token.SsoException;
import io.github.evesso.internal.token.SsoHttp;
import java.text.ParseException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches the JWKS from the URL the metadata names, through {@link SsoHttp}. Caching and rate limiting are added
 * around it by Nimbus's {@code JWKSourceBuilder}.
 */
final class SsoJwkSetSource implements JWKSetSource<IssuerContext> {
    private final SsoEndpoints endpoints;
    private final SsoHttp http;
    private final AtomicInteger fetches = new AtomicInteger();

    SsoJwkSetSource(SsoEndpoints endpoints, SsoHttp http) {
        this.endpoints = endpoints;
        this.http = http;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, IssuerContext context)
            throws KeySourceException {
        fetches.incrementAndGet();
        try {
            SsoHttp.Response response = http.get(endpoints.jwks(), "JWKS");
            if (response.status() != 200) {
                throw new KeySourceException("JWKS: HTTP " + response.status());
            }
            return JWKSet.parse(response.body());
        } catch (SsoException e) {
            throw new KeySourceException(e.getMessage(), e);
        } catch (ParseException e) {
            throw new KeySourceException("JWKS is not a valid JWK set", e);
        }
    }

    int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        // the shared HTTP client has nothing to release
    }
}
