package io.github.evesso.internal.flow;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.EveSsoListener;
import io.github.evesso.internal.event.LoginEvents;
import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.sso.TokenEndpointClient;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Failure;
import io.github.evesso.internal.web.Redirects;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Logs out on the logout path (POST; GET only when configured): revokes the refresh token at the SSO (a failure is
 * logged and does not block the logout), tells the listeners, invalidates the session and redirects to the
 * post-logout URL.
 */
public final class LogoutHandler {
    private final EveSsoConfig config;
    private final TokenEndpointClient tokenClient;
    private final LoginEvents events;
    private final ErrorResponses errors;

    /** Creates the step. */
    public LogoutHandler(EveSsoConfig config, TokenEndpointClient tokenClient, LoginEvents events,
            ErrorResponses errors) {
        this.config = config;
        this.tokenClient = tokenClient;
        this.events = events;
        this.errors = errors;
    }

    /** Handles a request to the logout path. */
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean allowed = "POST".equals(request.getMethod())
                || config.logoutAllowGet() && "GET".equals(request.getMethod());
        if (!allowed) {
            response.setHeader("Allow", config.logoutAllowGet() ? "GET, POST" : "POST");
            errors.send(request, response, Failure.METHOD_NOT_ALLOWED, null, 0);
            return;
        }
        HttpSession session = request.getSession(false);
        EveLogin login = SessionLogin.current(session);
        if (login != null) {
            login.endForLogout().ifPresent(token -> tokenClient.revokeQuietly(token, "logout"));
            events.loggedOut(login.character(), EveSsoListener.LogoutReason.USER);
        }
        if (session != null) {
            SessionLogin.end(session);
        }
        Redirects.send(response, HttpServletResponse.SC_SEE_OTHER,
                Redirects.applicationUrl(request, config.postLogoutUrl()));
    }
}
