package io.github.evesso.internal.flow;

import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.web.RequestKind;
import io.github.evesso.EveSso;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.sso.SsoException;
import io.github.evesso.internal.login.TokenRefresher;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.EveSsoRequest;
import io.github.evesso.internal.web.Failure;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * What {@code EveSsoFilter} does with each request: serves the login and logout paths; for a logged-in session keeps
 * the token fresh and exposes the character (principal, request attributes); for a protected path without a login
 * redirects a browser to the SSO (remembering a GET's URL) or answers an API call with 401.
 */
public final class RequestGate {
    private static final System.Logger LOG = System.getLogger(RequestGate.class.getName());

    private final EveSsoConfig config;
    private final String callbackPath;
    private final PathRules rules;
    private final AuthorizationRedirect redirect;
    private final LogoutHandler logout;
    private final TokenRefresher refresher;
    private final ErrorResponses errors;

    /**
     * Creates the gate.
     *
     * @param callbackPath the callback servlet's application-relative path, never protected
     */
    public RequestGate(EveSsoConfig config, String callbackPath, AuthorizationRedirect redirect, LogoutHandler logout,
            TokenRefresher refresher, ErrorResponses errors) {
        this.config = config;
        this.callbackPath = callbackPath;
        this.rules = new PathRules(config);
        this.redirect = redirect;
        this.logout = logout;
        this.refresher = refresher;
        this.errors = errors;
    }

    /** Handles one request. */
    public void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = PathRules.pathOf(request);
        if (path.equals(config.loginPath())) {
            startLogin(request, response, ReturnUrls.sanitize(request.getParameter("return")).orElse(null));
            return;
        }
        if (path.equals(config.logoutPath())) {
            logout.handle(request, response);
            return;
        }
        boolean needsLogin = !path.equals(callbackPath) && rules.isProtected(path, request.getPathInfo() != null);
        HttpSession session = request.getSession(false);
        EveLogin login = SessionLogin.current(session);
        if (login != null) {
            login.attach(refresher);
            long revision = login.revision(); // before the refresh, so that a refresh below reaches the session
            TokenRefresher.Outcome outcome = refresher.ensureFresh(login);
            if (outcome == TokenRefresher.Outcome.ENDED) {
                SessionLogin.end(session);
            } else if (outcome == TokenRefresher.Outcome.UNAVAILABLE && needsLogin) {
                errors.send(request, response, Failure.SSO_UNAVAILABLE, null, ErrorResponses.RETRY_AFTER_SECONDS);
                return;
            } else {
                proceedLoggedIn(request, response, chain, session, login, revision);
                return;
            }
        }
        if (!needsLogin) {
            chain.doFilter(request, response);
        } else if (RequestKind.isApi(request)) {
            errors.send(request, response, Failure.LOGIN_REQUIRED, null, 0);
        } else {
            // only a GET is worth returning to: a POST is never replayed
            startLogin(request, response, "GET".equals(request.getMethod()) ? ReturnUrls.of(request).orElse(null) : null);
        }
    }

    private void proceedLoggedIn(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            HttpSession session, EveLogin login, long revision) throws IOException, ServletException {
        request.setAttribute(EveSso.TOKEN, login);
        request.setAttribute(EveSso.CHARACTER, login.character());
        try {
            chain.doFilter(new EveSsoRequest(request, login), response);
        } finally {
            if (login.revision() != revision) {
                try {
                    // only while the session still holds this login: another tab may have logged in meanwhile
                    if (session.getAttribute(EveSso.TOKEN) == login) {
                        if (login.isEnded()) {
                            SessionLogin.end(session);
                        } else {
                            SessionLogin.store(session, login);
                        }
                    }
                } catch (IllegalStateException invalidated) {
                    // the application logged the user out during the request
                }
            }
        }
    }

    private void startLogin(HttpServletRequest request, HttpServletResponse response, String returnPath)
            throws IOException {
        try {
            redirect.redirect(request, response, returnPath);
        } catch (SsoException e) {
            LOG.log(Level.WARNING, "Cannot start an EVE SSO login: {0}", e.getMessage());
            errors.send(request, response, Failure.SSO_UNAVAILABLE, returnPath, ErrorResponses.retryAfterSeconds(e));
        }
    }
}
