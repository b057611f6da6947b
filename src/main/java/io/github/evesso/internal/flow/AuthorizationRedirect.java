package io.github.evesso.internal.flow;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.login.LoginIntent;
import io.github.evesso.internal.login.PendingLogin;
import io.github.evesso.internal.login.PendingLoginRepository;
import io.github.evesso.internal.sso.SsoEndpoints;
import io.github.evesso.internal.sso.SsoException;
import io.github.evesso.internal.sso.SsoHttp;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Failure;
import io.github.evesso.internal.web.Redirects;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts a login: records a pending login (state, PKCE verifier, return URL) and redirects (302) the browser to the
 * SSO's authorize endpoint with {@code response_type=code}, {@code redirect_uri}, {@code client_id},
 * {@code scope} (space-delimited), {@code state} and, with PKCE, {@code code_challenge} and
 * {@code code_challenge_method=S256}. When the SSO's endpoints cannot be found, answers 503 instead.
 */
public final class AuthorizationRedirect {
    private static final System.Logger LOG = System.getLogger(AuthorizationRedirect.class.getName());

    private final EveSsoConfig config;
    private final SsoEndpoints endpoints;
    private final PendingLoginRepository pendingLogins;
    private final ErrorResponses errors;

    /** Creates the step. */
    public AuthorizationRedirect(EveSsoConfig config, SsoEndpoints endpoints, PendingLoginRepository pendingLogins,
            ErrorResponses errors) {
        this.config = config;
        this.endpoints = endpoints;
        this.pendingLogins = pendingLogins;
        this.errors = errors;
    }

    /**
     * Redirects to the SSO for a plain login asking the configured scopes; after the login the user lands on
     * {@code returnPath}. Answers 503 with {@code Retry-After} when the authorize endpoint cannot be found (metadata
     * unavailable).
     *
     * @param returnPath a sanitised application-relative URL, or {@code null} for the default page
     */
    public void start(HttpServletRequest request, HttpServletResponse response, String returnPath)
            throws IOException {
        start(request, response, returnPath, LoginIntent.login(config.scopes()));
    }

    /**
     * Redirects to the SSO for {@code intent}, asking its scopes; after the login the user lands on
     * {@code returnPath}. Answers 503 as {@link #start(HttpServletRequest, HttpServletResponse, String)} does.
     */
    public void start(HttpServletRequest request, HttpServletResponse response, String returnPath,
            LoginIntent intent) throws IOException {
        URI authorize;
        try {
            authorize = endpoints.authorization();
        } catch (SsoException e) {
            LOG.log(Level.WARNING, "Cannot start an EVE SSO login: {0}", e.getMessage());
            errors.send(request, response, Failure.SSO_UNAVAILABLE, returnPath, ErrorResponses.retryAfterSeconds(e));
            return;
        }
        PendingLogin login = pendingLogins.create(request, returnPath == null ? config.defaultUrl() : returnPath,
                intent);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("redirect_uri", config.callbackUrl().toString());
        query.put("client_id", config.clientId());
        query.put("scope", String.join(" ", intent.scopes()));
        query.put("state", login.state());
        if (login.codeVerifier() != null) {
            query.put("code_challenge", PendingLoginRepository.challenge(login.codeVerifier()));
            query.put("code_challenge_method", "S256");
        }
        String base = authorize.toString();
        response.resetBuffer();
        Redirects.send(response, HttpServletResponse.SC_FOUND,
                base + (base.contains("?") ? "&" : "?") + SsoHttp.formEncode(query));
    }
}
