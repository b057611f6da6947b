package io.github.evesso.sample;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveSso;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.TreeSet;

/**
 * A page that needs a scope the login does not ask for: {@code eve.sso.required-scopes=/skills=...} makes the
 * library ask EVE SSO for it (for the same character, keeping its other scopes) on the first visit, then come back
 * here. The page only shows that the scope is now granted.
 */
@WebServlet(name = "skills", urlPatterns = "/skills")
public class SkillsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** The scope {@code /skills} requires (the sample's {@code eve.sso.required-scopes}). */
    static final String SKILLS_SCOPE = "esi-skills.read_skills.v1";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EveAccessToken token = EveSso.token(request).orElseThrow();
        StringBuilder body = new StringBuilder();
        body.append("<section class=\"card\">\n<h1>Skills</h1>\n<p>This page needs <code>").append(SKILLS_SCOPE)
                .append("</code>, which the login does not ask for. On your first visit the library asked EVE SSO")
                .append(" for it (scope step-up), for ").append(Html.escape(token.character().name()))
                .append(", and came back here.</p>\n<p>Granted scopes now:</p>\n<ul id=\"granted\">");
        for (String scope : new TreeSet<>(token.scopes())) {
            body.append("<li><code>").append(Html.escape(scope)).append("</code></li>");
        }
        body.append("</ul>\n</section>\n");
        Html.render(request, response, HttpServletResponse.SC_OK, "Skills", body.toString());
    }
}
