package io.github.evesso.internal.flow;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.EveSsoListener;
import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.login.StoredGrants;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Redirects;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Logs out on the logout path (POST; GET only when configured; never from another site's page): every character of
 * the session ends, each refresh token is revoked at the SSO (a failure is logged and does not block the logout) and the
 * character's stored grant deleted ({@link StoredGrants#end}), the listeners hear of each, the session is invalidated, and the browser goes to the post-logout URL.
 */
public final class LogoutHandler {
    private final EveSsoConfig config;
    private final StoredGrants grants;
    private final ErrorResponses errors;

    /** Creates the step. */
    public LogoutHandler(EveSsoConfig config, StoredGrants grants, ErrorResponses errors) {
        this.config = config;
        this.grants = grants;
        this.errors = errors;
    }

    /** Handles a request to the logout path. */
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!StateChangingPost.admits(request, response, errors, config.logoutAllowGet(), config.callbackUrl())) {
            return;
        }
        logOut(request, response);
    }

    /** Ends every login of the request's session and the session, and redirects to the post-logout URL. */
    void logOut(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        EveLogins logins = SessionLogin.current(session);
        if (logins != null) {
            for (EveLogin login : logins.all()) {
                end(login, EveSsoListener.LogoutReason.USER, "logout");
            }
        }
        if (session != null) {
            SessionLogin.end(session);
        }
        Redirects.send(response, HttpServletResponse.SC_SEE_OTHER,
                Redirects.applicationUrl(request, config.postLogoutUrl()));
    }

    /** Ends {@code login} for good (see {@link StoredGrants#end}). */
    void end(EveLogin login, EveSsoListener.LogoutReason reason, String why) {
        grants.end(login, reason, why);
    }
}
