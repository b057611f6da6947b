package io.github.evesso.internal.flow;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveSso;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.internal.login.LoginIntent;
import io.github.evesso.internal.login.LoginKeeper;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.login.TokenStatus;
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
 * What {@code EveSsoFilter} does with each request: serves the library's own paths (login, logout, switch, remove);
 * for a logged-in session keeps the active character's token fresh (moving on to the next usable character when EVE
 * ended the active one's grant), asks for scopes a path requires ({@link StepUp}) and exposes the character
 * (principal, request attributes); for a protected path without a login redirects a browser to the SSO (remembering a
 * GET's URL) or answers an API call with 401; bearer paths go to the {@link BearerGate}. The library's exceptions that
 * escape the application get the same answers ({@link EscapedFailures}).
 */
public final class RequestGate {
    private final EveSsoConfig config;
    private final String callbackPath;
    private final PathRules rules;
    private final AuthorizationRedirect redirect;
    private final LoginStart loginStart;
    private final CharacterPaths characterPaths;
    private final StepUp stepUp;
    private final LoginKeeper keeper;
    private final ErrorResponses errors;
    private final EscapedFailures escaped;
    private final BearerGate bearer;

    /**
     * Creates the gate.
     *
     * @param callbackPath the callback servlet's application-relative path, never protected
     */
    public RequestGate(EveSsoConfig config, String callbackPath, AuthorizationRedirect redirect,
            CharacterPaths characterPaths, StepUp stepUp, LoginKeeper keeper, ErrorResponses errors,
            BearerGate bearer) {
        this.config = config;
        this.callbackPath = callbackPath;
        this.rules = new PathRules(config);
        this.redirect = redirect;
        this.loginStart = new LoginStart(config, redirect, errors);
        this.characterPaths = characterPaths;
        this.stepUp = stepUp;
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
            loginStart.handle(request, response);
            return;
        }
        if (characterPaths.handles(path, request, response)) {
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
        boolean needsLogin = !path.equals(callbackPath)
                && (rules.isProtected(path, hasPathInfo) || stepUp.covers(path, hasPathInfo));
        HttpSession session = request.getSession(false);
        EveLogins logins = SessionLogin.current(session);
        if (logins != null) {
            long revision = logins.revision(); // before the refresh, so that a refresh below reaches the session
            EveLogin login = logins.active();
            TokenStatus status = login.ensureFresh(keeper);
            for (int moves = 0; status == TokenStatus.ENDED && moves < logins.size(); moves++) {
                login = logins.afterEnded(login, keeper); // EVE ended the active character: the next usable one
                if (login == null) {
                    break;
                }
                status = login.ensureFresh(keeper);
            }
            switch (status) {
                case ENDED -> {
                    if (SessionLogin.holds(session, logins)) {
                        SessionLogin.end(session); // not a newer login another tab stored meanwhile
                    }
                }
                case UNAVAILABLE -> {
                    if (needsLogin) {
                        errors.send(request, response, Failure.SSO_UNAVAILABLE, null,
                                ErrorResponses.RETRY_AFTER_SECONDS);
                        SessionWriteBack.afterRequest(request, session, logins, revision);
                        return;
                    }
                    proceedLoggedIn(request, response, chain, session, logins, login, revision);
                    return;
                }
                case FRESH, IDENTITY_EXPIRED -> {
                    if (stepUp.admits(request, response, login, path, hasPathInfo)) {
                        proceedLoggedIn(request, response, chain, session, logins, login, revision);
                    } else {
                        SessionWriteBack.afterRequest(request, session, logins, revision);
                    }
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
                    "GET".equals(request.getMethod()) ? ReturnUrls.of(request).orElse(null) : null,
                    LoginIntent.login(stepUp.loginScopes(path, hasPathInfo)));
        }
    }

    private void proceedLoggedIn(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            HttpSession session, EveLogins logins, EveLogin login, long revision)
            throws IOException, ServletException {
        EveAccessToken token = keeper.tokenOf(login);
        request.setAttribute(EveSso.TOKEN, token);
        request.setAttribute(EveSso.CHARACTER, login.character());
        try {
            proceed(request, response, chain, new EveSsoRequest(request, token));
        } finally {
            SessionWriteBack.afterRequest(request, session, logins, revision);
        }
    }

    /** Runs the rest of the chain; the library's exceptions escaping it are answered, after the write-back. */
    private void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            HttpServletRequest wrapped) throws IOException, ServletException {
        try {
            chain.doFilter(wrapped, response);
        } catch (IOException | ServletException | RuntimeException e) {
            HttpSession session = request.getSession(false);
            EveLogins logins = SessionLogin.current(session);
            if (logins != null && logins.active().isEnded() && logins.afterEnded(logins.active(), keeper) == null) {
                SessionLogin.end(session); // before a new login starts in a fresh session
            }
            if (!escaped.answer(request, response, e)) {
                throw e;
            }
        }
    }
}
