package io.github.evesso.internal.jwt;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import io.github.evesso.internal.sso.SsoEndpoints;
import io.github.evesso.internal.sso.SsoException;
import io.github.evesso.internal.sso.SsoHttp;
import java.text.ParseException;

/**
 * Fetches the JWKS from the URL the metadata names, through {@link SsoHttp}. Caching, rate limiting and outage
 * tolerance are added around it by {@link AccessTokenValidator}. Every failure is a
 * {@link JWKSetUnavailableException}: the type Nimbus's outage-tolerant cache falls back on.
 */
final class SsoJwkSetSource implements JWKSetSource<IssuerContext> {
    private final SsoEndpoints endpoints;
    private final SsoHttp http;
    private volatile boolean loaded;

    SsoJwkSetSource(SsoEndpoints endpoints, SsoHttp http) {
        this.endpoints = endpoints;
        this.http = http;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, IssuerContext context)
            throws KeySourceException {
        try {
            SsoHttp.Response response = http.get(endpoints.jwks(), "JWKS");
            if (response.status() != 200) {
                throw new JWKSetUnavailableException("JWKS: HTTP " + response.status());
            }
            JWKSet set = JWKSet.parse(response.body());
            loaded = true;
            return set;
        } catch (SsoException e) {
            throw new JWKSetUnavailableException(e.getMessage(), e);
        } catch (ParseException e) {
            throw new JWKSetUnavailableException("JWKS is not a valid JWK set", e);
        }
    }

    /** Whether a JWKS was ever fetched successfully. */
    boolean loaded() {
        return loaded;
    }

    @Override
    public void close() {
        // the shared HTTP client has nothing to release
    }
}
