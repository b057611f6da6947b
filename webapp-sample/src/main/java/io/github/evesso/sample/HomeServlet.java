package io.github.evesso.sample;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveSso;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The public landing page ({@code ""} is the Servlet pattern for exactly the context root). */
@WebServlet(name = "home", urlPatterns = "")
public class HomeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String ctx = Html.escape(request.getContextPath());
        EveCharacter character = EveSso.character(request).orElse(null);
        StringBuilder body = new StringBuilder();
        body.append("<section class=\"card hero\">\n<h1>Log in with EVE Online</h1>\n")
                .append("<p>This small web application is the EVE SSO tutorial, working: it sends you to EVE's")
                .append(" login page, gets your character's tokens, and calls ESI with them to read the")
                .append(" character's wallet.</p>\n");
        if (character == null) {
            body.append("<p><a class=\"button\" id=\"login-main\" href=\"").append(ctx).append(Html.LOGIN_PATH)
                    .append("?return=/character\">Log in with EVE Online</a></p>\n");
        } else {
            body.append("<p>You are logged in as <strong id=\"who\">").append(Html.escape(character.name()))
                    .append("</strong>. See your <a href=\"").append(ctx)
                    .append("/character\">character</a> or your <a href=\"").append(ctx)
                    .append("/wallet\">wallet</a>, or what the <a id=\"job-link\" href=\"").append(ctx)
                    .append("/jobs/wallets\">background job</a> reads with the stored tokens.</p>\n");
        }
        body.append("</section>\n<section class=\"card\">\n<h2>How it works</h2>\n<ol>\n")
                .append("<li>The <code>EveSsoFilter</code> sends a visitor of a protected page")
                .append(" (<code>/character</code>, <code>/wallet</code>) to EVE SSO.</li>\n")
                .append("<li>EVE SSO asks which character to use and comes back to <code>/sso/callback</code>, where")
                .append(" the library exchanges the code for tokens and checks the signed access token.</li>\n")
                .append("<li>Pages read the character with <code>EveSso.character(request)</code> and a fresh")
                .append(" access token with <code>EveSso.token(request).get().accessToken()</code>.</li>\n")
                .append("</ol>\n</section>\n");
        Html.render(request, response, HttpServletResponse.SC_OK, "Welcome", body.toString());
    }
}
