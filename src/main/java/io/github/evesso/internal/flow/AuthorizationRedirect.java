package io.github.evesso.internal.flow;

import io.github.evesso.internal.login.PendingLogin;
import io.github.evesso.internal.login.PendingLoginRepository;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.sso.SsoEndpoints;
import io.github.evesso.internal.sso.SsoException;
import io.github.evesso.internal.sso.SsoHttp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts a login: records a pending login (state, PKCE verifier, return URL) and redirects (302) the browser to the
 * SSO's authorize endpoint with {@code response_type=code}, {@code redirect_uri}, {@code client_id},
 * {@code scope} (space-delimited), {@code state} and, with PKCE, {@code code_challenge} and
 * {@code code_challenge_method=S256}.
 */
public final class AuthorizationRedirect {
    private final EveSsoConfig config;
    private final SsoEndpoints endpoints;
    private final PendingLoginRepository pendingLogins;

    /** Creates the step. */
    public AuthorizationRedirect(EveSsoConfig config, SsoEndpoints endpoints, PendingLoginRepository pendingLogins) {
        this.config = config;
        this.endpoints = endpoints;
        this.pendingLogins = pendingLogins;
    }

    /**
     * Redirects to the SSO; after the login the user lands on {@code returnPath}.
     *
     * @param returnPath a sanitised application-relative URL, or {@code null} for the default page
     * @throws SsoException when the authorize endpoint cannot be found (metadata unavailable)
     */
    public void redirect(HttpServletRequest request, HttpServletResponse response, String returnPath)
            throws SsoException {
        URI authorize = endpoints.authorization();
        PendingLogin login = pendingLogins.create(request, returnPath == null ? config.defaultUrl() : returnPath);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("redirect_uri", config.callbackUrl().toString());
        query.put("client_id", config.clientId());
        query.put("scope", String.join(" ", config.scopes()));
        query.put("state", login.state());
        if (login.codeVerifier() != null) {
            query.put("code_challenge", PendingLoginRepository.challenge(login.codeVerifier()));
            query.put("code_challenge_method", "S256");
        }
        String base = authorize.toString();
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", base + (base.contains("?") ? "&" : "?") + SsoHttp.formEncode(query));
        response.setHeader("Cache-Control", "no-store");
    }
}
