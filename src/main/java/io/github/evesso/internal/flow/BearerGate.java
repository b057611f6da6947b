package io.github.evesso.internal.flow;

import io.github.evesso.EveLoginExpiredException;
import io.github.evesso.EveSso;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.jwt.AccessTokenValidator;
import io.github.evesso.internal.jwt.CachingTokenVerifier;
import io.github.evesso.internal.jwt.InvalidAccessTokenException;
import io.github.evesso.internal.jwt.ValidatedToken;
import io.github.evesso.internal.login.BearerAccessToken;
import io.github.evesso.internal.sso.SsoException;
import io.github.evesso.internal.web.BearerErrors;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.EveSsoRequest;
import io.github.evesso.internal.web.Failure;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bearer mode: a request to a bearer path is logged in by the EVE access token of its {@code Authorization: Bearer}
 * header alone (never a query or form parameter), validated statelessly (through a bounded cache of tokens already
 * verified): the same principal, roles, request attributes and {@code EveSso.character(request)} as a session
 * login, without a session, a cookie or a redirect. Errors as RFC 6750 §3 has them ({@link BearerErrors}).
 */
public final class BearerGate {
    private static final String SCHEME = "bearer ";
    /** Tokens remembered as verified: a few MB at most (a token's hash and its character). */
    static final int CACHE_ENTRIES = 10_000;

    private final BearerRules rules;
    private final CachingTokenVerifier verifier;
    private final BearerErrors errors;
    private final Clock clock;

    BearerGate(BearerRules rules, CachingTokenVerifier verifier, BearerErrors errors, Clock clock) {
        this.rules = rules;
        this.verifier = verifier;
        this.errors = errors;
        this.clock = clock;
    }

    /**
     * The gate of {@code config}'s bearer settings (a token must have the scopes of both bearer-required-scopes and
     * required-scopes for its path), verifying with the keys of {@code validator} (so that an unknown
     * key id goes through the same rate-limited JWKS refetch as logins) for the configured audiences.
     */
    public static BearerGate of(EveSsoConfig config, AccessTokenValidator validator, Jsonb jsonb) {
        Map<String, List<String>> required = new LinkedHashMap<>(config.bearerRequiredScopes());
        config.requiredScopes().forEach((pattern, scopes) -> required.merge(pattern, scopes, ScopeRules::union));
        BearerRules rules = new BearerRules(config.bearerPaths(), config.bearerOrSessionPaths(), required);
        CachingTokenVerifier verifier = new CachingTokenVerifier(validator.forClients(config.bearerClients()),
                CACHE_ENTRIES, config.clockSkew(), config.clock());
        return new BearerGate(rules, verifier, new BearerErrors(jsonb), config.clock());
    }

    /**
     * Whether this gate answers {@code request}: a bearer-only path, or a mixed path whose request carries a bearer
     * token (which then wins over any session login).
     */
    boolean handles(HttpServletRequest request, String path, boolean hasPathInfo) {
        if (rules.isEmpty() || !rules.acceptsBearer(path, hasPathInfo)) {
            return false;
        }
        return rules.isBearerOnly(path, hasPathInfo) || isBearer(request.getHeader("Authorization"));
    }

    /** Authenticates {@code request} by its bearer token and runs the chain, or answers the error. */
    void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path,
            boolean hasPathInfo) throws IOException, ServletException {
        Enumeration<String> headers = request.getHeaders("Authorization");
        String authorization = headers != null && headers.hasMoreElements() ? headers.nextElement() : null;
        if (authorization != null && headers.hasMoreElements()) {
            errors.send(response, Failure.INVALID_TOKEN, "more than one Authorization header", Set.of(), 0);
            return;
        }
        if (!isBearer(authorization)) {
            errors.send(response, Failure.TOKEN_MISSING, null, Set.of(), 0);
            return;
        }
        String token = authorization.substring(SCHEME.length()).trim();
        ValidatedToken validated;
        try {
            validated = verifier.validate(token.isEmpty() ? null : token);
        } catch (InvalidAccessTokenException e) {
            errors.send(response, Failure.INVALID_TOKEN, e.getMessage(), Set.of(), 0);
            return;
        } catch (SsoException e) {
            errors.send(response, Failure.SSO_UNAVAILABLE, null, Set.of(), ErrorResponses.retryAfterSeconds(e));
            return;
        }
        List<String> missing = BearerRules.missing(rules.scopesFor(path, hasPathInfo), validated.character().scopes());
        if (!missing.isEmpty()) {
            errors.send(response, Failure.INSUFFICIENT_SCOPE, null, missing, 0);
            return;
        }
        BearerAccessToken bearer = new BearerAccessToken(token, validated, clock);
        request.setAttribute(EveSso.TOKEN, bearer);
        request.setAttribute(EveSso.CHARACTER, validated.character());
        try {
            chain.doFilter(new EveSsoRequest(request, bearer), response);
        } catch (EveLoginExpiredException expiredDuringTheRequest) {
            if (response.isCommitted()) {
                throw expiredDuringTheRequest;
            }
            errors.send(response, Failure.INVALID_TOKEN, "JWT has expired", Set.of(), 0);
        }
    }

    private static boolean isBearer(String authorization) {
        return authorization != null && authorization.length() > SCHEME.length()
                && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }
}
