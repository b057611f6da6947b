package io.github.evesso.internal.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.sso.SsoEndpoints;
import io.github.evesso.internal.sso.SsoException;
import io.github.evesso.internal.sso.SsoHttp;
import io.github.evesso.internal.sso.SsoUnavailableException;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates EVE SSO access tokens with one Nimbus {@link DefaultJWTProcessor} built at start-up: signature by a key
 * from the SSO's JWKS (cached, refetched at a limited rate when an unknown {@code kid} appears), RS256 only (plus
 * ES256 when enabled; {@code none} and HMAC always refused), {@code typ} JWT or absent, and the claims rules of
 * {@link EveClaimsVerifier}. Thread-safe.
 */
public final class AccessTokenValidator {
    /** Longest token accepted for parsing. */
    private static final int MAX_LENGTH = 16 * 1024;
    /**
     * The compact serialization's alphabet (base64url and the dots between parts; the parser checks the parts).
     * Checked before parsing because Nimbus's base64 decoder skips foreign characters, so a token with whitespace or
     * junk around it would otherwise pass. A plain character class: no group repetition, no deep regex recursion.
     */
    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_.-]+");

    private final DefaultJWTProcessor<IssuerContext> processor = new DefaultJWTProcessor<>();
    private final EveSsoConfig config;
    private final SsoEndpoints endpoints;
    private final SsoJwkSetSource jwkSetSource;
    private final JWSVerificationKeySelector<IssuerContext> keySelector;

    /** Builds the processor for this application's own tokens (audience: its client id); nothing is fetched yet. */
    public AccessTokenValidator(EveSsoConfig config, SsoEndpoints endpoints, SsoHttp http) {
        this.config = config;
        this.endpoints = endpoints;
        this.jwkSetSource = new SsoJwkSetSource(endpoints, http);
        long ttl = config.metadataCacheTtl().toMillis();
        long refetch = config.jwksRefetchInterval().toMillis();
        JWKSetSource<IssuerContext> chain = new OutageTolerantJWKSetSource<>(jwkSetSource, ttl * 24, null);
        if (refetch > 0) {
            chain = new RateLimitedJWKSetSource<>(chain, refetch, null);
        }
        chain = new CachingJWKSetSource<>(chain, ttl, config.readTimeout().toMillis() + 1000, null);
        JWKSource<IssuerContext> keys = keySource(chain, config.clock());
        Set<JWSAlgorithm> algorithms = config.es256Enabled() ? Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256)
                : Set.of(JWSAlgorithm.RS256);
        this.keySelector = new JWSVerificationKeySelector<>(algorithms, keys);
        processor.setJWSKeySelector(keySelector);
        processor.setJWTClaimsSetVerifier(new EveClaimsVerifier(Set.of(config.clientId()), config.clockSkew(),
                config.clock()));
    }

    private AccessTokenValidator(AccessTokenValidator keysOf, Set<String> acceptedClients) {
        this.config = keysOf.config;
        this.endpoints = keysOf.endpoints;
        this.jwkSetSource = keysOf.jwkSetSource;
        this.keySelector = keysOf.keySelector;
        processor.setJWSKeySelector(keySelector);
        processor.setJWTClaimsSetVerifier(new EveClaimsVerifier(acceptedClients, config.clockSkew(), config.clock()));
    }

    /**
     * A validator with the same keys, cache and rate-limited refetch as this one, accepting tokens issued to any of
     * {@code acceptedClients} (for bearer tokens of other EVE applications the operator trusts).
     *
     * @param acceptedClients client ids one of which {@code aud} must hold, besides {@code "EVE Online"}; not empty
     */
    public AccessTokenValidator forClients(Set<String> acceptedClients) {
        if (acceptedClients.isEmpty()) {
            throw new IllegalArgumentException("no accepted client id");
        }
        return new AccessTokenValidator(this, acceptedClients);
    }

    /**
     * Validates {@code accessToken} and reads the character from it.
     *
     * @throws InvalidAccessTokenException the token breaks a rule (bad signature, wrong issuer, expired, ...)
     * @throws SsoException the JWKS or the metadata could not be fetched: an outage, not a bad token
     */
    public ValidatedToken validate(String accessToken) throws InvalidAccessTokenException, SsoException {
        if (accessToken == null || accessToken.length() > MAX_LENGTH) {
            throw new InvalidAccessTokenException("access token missing or too long");
        }
        if (!COMPACT.matcher(accessToken).matches()) {
            throw new InvalidAccessTokenException("access token is not a JWT");
        }
        IssuerContext context = new IssuerContext(endpoints.acceptedIssuers());
        JWTClaimsSet claims;
        try {
            claims = processor.process(accessToken, context);
        } catch (ParseException e) {
            throw new InvalidAccessTokenException("access token is not a JWT");
        } catch (BadJOSEException e) {
            throw new InvalidAccessTokenException(e.getMessage());
        } catch (RateLimitReachedException e) {
            if (!jwkSetSource.loaded()) { // no JWKS yet: the SSO is down, the token may be fine
                throw new SsoUnavailableException("JWKS unavailable (refetch rate-limited)", null, e);
            }
            throw new InvalidAccessTokenException("access token signed by an unknown key");
        } catch (KeySourceException e) {
            throw new SsoUnavailableException("JWKS unavailable: " + e.getMessage(), null, e);
        } catch (JOSEException e) {
            throw new InvalidAccessTokenException("access token signature cannot be verified");
        }
        Matcher subject = EveClaimsVerifier.SUBJECT.matcher(claims.getSubject());
        if (!subject.matches()) {
            throw new InvalidAccessTokenException("JWT sub claim is not CHARACTER:EVE:<id>");
        }
        EveCharacter character = new EveCharacter(Long.parseLong(subject.group(1)),
                (String) claims.getClaim("name"), (String) claims.getClaim("owner"), scopes(claims.getClaim("scp")));
        return new ValidatedToken(character, claims.getExpirationTime().toInstant());
    }

    /**
     * Nimbus's {@code JWKSetBasedJWKSource} on the configured clock instead of the system's, so that the JWKS cache
     * and the refetch rate limit follow {@link EveSsoConfig#clock()} like every other time decision: the cached JWKS
     * first, refetched (rate-limited) only when no key matches.
     */
    private static JWKSource<IssuerContext> keySource(JWKSetSource<IssuerContext> source, Clock clock) {
        return (selector, context) -> {
            JWKSet set = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), clock.millis(), context);
            List<JWK> keys = selector.select(set);
            if (keys.isEmpty()) {
                set = source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(set), clock.millis(), context);
                keys = selector.select(set);
            }
            return keys;
        };
    }

    private static Set<String> scopes(Object scp) {
        if (scp instanceof String s) {
            return Set.of(s);
        }
        if (scp instanceof List<?> list) {
            Set<String> scopes = new LinkedHashSet<>();
            list.forEach(s -> scopes.add((String) s));
            return scopes;
        }
        return Set.of();
    }
}
