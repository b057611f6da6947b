package io.github.evesso.sample;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveSso;
import io.github.evesso.EveSsoUnavailableException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The character page's "Refresh now" button: {@link EveAccessToken#refresh()} gets new tokens from EVE SSO at once
 * (the library otherwise refreshes them by itself shortly before they expire), then back to the character page.
 * POST only; the SameSite=Lax session cookie keeps other sites from posting here with the user's session.
 */
@WebServlet(name = "refresh", urlPatterns = "/character/refresh")
public class RefreshServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EveAccessToken token = EveSso.token(request).orElseThrow();
        String ctx = Html.escape(request.getContextPath());
        try {
            token.refresh(); // when EVE ended the login, the exception escapes and EveSsoFilter answers
        } catch (EveSsoUnavailableException e) {
            response.setHeader("Retry-After", "30");
            Html.render(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Refresh", "<section"
                    + " class=\"card\"><h1>Refresh</h1>\n<p class=\"error\" id=\"refresh-error\">"
                    + Html.escape(e.getMessage()) + "</p>\n<p><a href=\"" + ctx + "/character\">Back to the"
                    + " character</a></p>\n</section>\n");
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER); // POST, then redirect, then GET
        response.setHeader("Location", request.getContextPath() + "/character?refreshed");
    }
}
