package io.github.evesso.internal.flow;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveSso;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.LoginKeeper;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.EveSsoRequest;
import io.github.evesso.internal.web.Failure;
import io.github.evesso.internal.web.RequestKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * What {@code EveSsoFilter} does with each request: serves the login and logout paths; for a logged-in session keeps
 * the token fresh and exposes the character (principal, request attributes); for a protected path without a login
 * redirects a browser to the SSO (remembering a GET's URL) or answers an API call with 401; bearer paths go to the
 * {@link BearerGate}. The library's exceptions that escape the application get the same answers
 * ({@link EscapedFailures}).
 */
public final class RequestGate {
    private final EveSsoConfig config;
    private final String callbackPath;
    private final PathRules rules;
    private final AuthorizationRedirect redirect;
    private final LogoutHandler logout;
    private final LoginKeeper keeper;
    private final ErrorResponses errors;
    private final EscapedFailures escaped;
    private final BearerGate bearer;

    /**
     * Creates the gate.
     *
     * @param callbackPath the callback servlet's application-relative path, never protected
     */
    public RequestGate(EveSsoConfig config, String callbackPath, AuthorizationRedirect redirect, LogoutHandler logout,
            LoginKeeper keeper, ErrorResponses errors, BearerGate bearer) {
        this.config = config;
        this.callbackPath = callbackPath;
        this.rules = new PathRules(config);
        this.redirect = redirect;
        this.logout = logout;
        this.keeper = keeper;
        this.errors = errors;
        this.escaped = new EscapedFailures(redirect, errors);
        this.bearer = bearer;
    }

    /** Handles one request. */
    public void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = PathRules.pathOf(request);
        if (path.equals(config.loginPath())) {
            redirect.start(request, response, ReturnUrls.sanitize(request.getParameter("return")).orElse(null));
            return;
        }
        if (path.equals(config.logoutPath())) {
            logout.handle(request, response);
            return;
        }
        if (RequestKind.isCorsPreflight(request)) {
            chain.doFilter(request, response); // carries no credentials: the application's CORS handling answers it
            return;
        }
        boolean hasPathInfo = request.getPathInfo() != null;
        if (bearer.handles(request, path, hasPathInfo)) {
            bearer.filter(request, response, chain, path, hasPathInfo);
            return;
        }
        boolean needsLogin = !path.equals(callbackPath) && rules.isProtected(path, hasPathInfo);
        HttpSession session = request.getSession(false);
        EveLogin login = SessionLogin.current(session);
        if (login != null) {
            long revision = login.revision(); // before the refresh, so that a refresh below reaches the session
            switch (login.ensureFresh(keeper)) {
                case ENDED -> {
                    if (SessionLogin.holds(session, login)) {
                        SessionLogin.end(session); // not a newer login another tab stored meanwhile
                    }
                }
                case UNAVAILABLE -> {
                    if (needsLogin) {
                        errors.send(request, response, Failure.SSO_UNAVAILABLE, null,
                                ErrorResponses.RETRY_AFTER_SECONDS);
                        return;
                    }
                    proceedLoggedIn(request, response, chain, session, login, revision);
                    return;
                }
                case FRESH, IDENTITY_EXPIRED -> {
                    proceedLoggedIn(request, response, chain, session, login, revision);
                    return;
                }
            }
        }
        if (!needsLogin) {
            proceed(request, response, chain, request);
        } else if (RequestKind.isApi(request)) {
            errors.send(request, response, Failure.LOGIN_REQUIRED, null, 0);
        } else {
            // only a GET is worth returning to: a POST is never replayed
            redirect.start(request, response,
                    "GET".equals(request.getMethod()) ? ReturnUrls.of(request).orElse(null) : null);
        }
    }

    private void proceedLoggedIn(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            HttpSession session, EveLogin login, long revision) throws IOException, ServletException {
        EveAccessToken token = keeper.tokenOf(login);
        request.setAttribute(EveSso.TOKEN, token);
        request.setAttribute(EveSso.CHARACTER, login.character());
        try {
            proceed(request, response, chain, new EveSsoRequest(request, token));
        } finally {
            SessionWriteBack.afterRequest(request, session, login, revision);
        }
    }

    /** Runs the rest of the chain; the library's exceptions escaping it are answered, after the write-back. */
    private void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            HttpServletRequest wrapped) throws IOException, ServletException {
        try {
            chain.doFilter(wrapped, response);
        } catch (IOException | ServletException | RuntimeException e) {
            HttpSession session = request.getSession(false);
            EveLogin login = SessionLogin.current(session);
            if (login != null && login.isEnded()) {
                SessionLogin.end(session); // before a new login starts in a fresh session
            }
            if (!escaped.answer(request, response, e)) {
                throw e;
            }
        }
    }
}
