package io.github.evesso.internal.flow;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.internal.login.LoginIntent;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The login path: {@code ?return=} (a sanitized application-relative URL to come back to), {@code ?add} (another
 * character for a logged-in session) and {@code ?scope=a b} (more scopes: for the active character of a logged-in
 * session, a step-up; else asked besides the configured ones). Only scopes the application may ask for are
 * accepted ({@link EveSsoConfig#askableScopes()}): a link cannot make a user grant anything else.
 */
final class LoginStart {
    /** The most scopes one {@code scope} parameter may name. */
    static final int MAX_SCOPES = 100;

    private final EveSsoConfig config;
    private final Set<String> askable;
    private final AuthorizationRedirect redirect;
    private final ErrorResponses errors;

    LoginStart(EveSsoConfig config, AuthorizationRedirect redirect, ErrorResponses errors) {
        this.config = config;
        this.askable = config.askableScopes();
        this.redirect = redirect;
        this.errors = errors;
    }

    /** Handles a request to the login path. */
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String returnPath = ReturnUrls.sanitize(request.getParameter("return")).orElse(null);
        List<String> extra = scopes(request.getParameter("scope"));
        if (extra == null) {
            errors.send(request, response, Failure.UNKNOWN_SCOPE, returnPath, 0);
            return;
        }
        EveLogins logins = SessionLogin.current(request.getSession(false));
        LoginIntent intent;
        if (logins != null && request.getParameter("add") != null) {
            intent = LoginIntent.add(ScopeRules.union(config.scopes(), extra));
        } else if (logins != null && !extra.isEmpty() && !logins.active().isEnded()) {
            intent = StepUp.intentFor(logins.active(), extra);
        } else {
            intent = LoginIntent.login(ScopeRules.union(config.scopes(), extra));
        }
        redirect.start(request, response, returnPath, intent);
    }

    /** The scopes of a {@code scope} parameter (spaces or commas), or {@code null} when one may not be asked. */
    private List<String> scopes(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return List.of();
        }
        List<String> scopes = new ArrayList<>();
        for (String scope : parameter.split("[\\s,]+")) {
            if (!scope.isEmpty() && !scopes.contains(scope)) {
                if (!askable.contains(scope) || scopes.size() == MAX_SCOPES) {
                    return null;
                }
                scopes.add(scope);
            }
        }
        return scopes;
    }
}
