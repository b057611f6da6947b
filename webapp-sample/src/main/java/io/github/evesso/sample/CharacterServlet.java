package io.github.evesso.sample;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveSso;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.TreeSet;

/**
 * The logged-in character: portrait, name, id, granted scopes, when the access token expires (a live countdown),
 * when it was last obtained, and a "Refresh now" button ({@link RefreshServlet}). Protected by the filter
 * (every page but those in {@code eve.sso.excluded-paths}), so a login always exists here.
 */
@WebServlet(name = "character", urlPatterns = "/character")
public class CharacterServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EveAccessToken token = EveSso.token(request).orElseThrow();
        EveCharacter character = token.character();
        Instant now = Instant.now();
        Instant expiresAt = token.expiresAt().truncatedTo(ChronoUnit.SECONDS);
        Instant obtainedAt = token.obtainedAt().truncatedTo(ChronoUnit.SECONDS);
        String ctx = Html.escape(request.getContextPath());

        StringBuilder body = new StringBuilder();
        body.append("<section class=\"card character\">\n")
                .append("<img class=\"portrait\" width=\"128\" height=\"128\" alt=\"Portrait of ")
                .append(Html.escape(character.name())).append("\" src=\"")
                .append(Html.escape(Portraits.url(request, getServletContext(), character.id())))
                .append("\">\n<div>\n")
                .append("<h1 id=\"character-name\">").append(Html.escape(character.name())).append("</h1>\n<dl>\n")
                .append("<dt>Character ID</dt><dd id=\"character-id\">").append(character.id()).append("</dd>\n")
                .append("<dt>Granted scopes</dt><dd id=\"scopes\">");
        if (token.scopes().isEmpty()) {
            body.append("none (identity only: no refresh token)");
        } else {
            body.append("<ul>");
            for (String scope : new TreeSet<>(token.scopes())) {
                body.append("<li><code>").append(Html.escape(scope)).append("</code></li>");
            }
            body.append("</ul>");
        }
        body.append("</dd>\n<dt>Access token expires</dt><dd><time id=\"expires\" class=\"countdown\" datetime=\"")
                .append(expiresAt).append("\">").append(countdown(Duration.between(now, expiresAt)))
                .append("</time> <span class=\"muted\">(").append(TIME.format(expiresAt)).append(")</span></dd>\n")
                .append("<dt>Last refreshed</dt><dd><time id=\"obtained\" datetime=\"").append(obtainedAt)
                .append("\">").append(TIME.format(obtainedAt)).append("</time></dd>\n</dl>\n")
                .append("<p class=\"muted\">The library refreshes the access token by itself when a page asks for it")
                .append(" (<code>accessToken()</code>) shortly before it expires, as the <a href=\"").append(ctx)
                .append("/wallet\">wallet</a> page does. <code>refresh()</code> does it at once:</p>\n");
        if (token.refreshToken().isPresent()) {
            body.append("<form method=\"post\" action=\"").append(ctx).append("/character/refresh\">")
                    .append("<button type=\"submit\" class=\"secondary\" id=\"refresh-now\">Refresh now</button>");
            if (request.getParameter("refreshed") != null) {
                body.append(" <span class=\"muted\" id=\"refreshed\">New tokens obtained.</span>");
            }
            body.append("</form>\n");
        } else {
            body.append("<p class=\"muted\">(No refresh token: the login asked for no scopes.)</p>\n");
        }
        body.append("</div>\n</section>\n");
        String api = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getServletContext().getContextPath() + "/api/me";
        body.append("<section class=\"card\">\n<h2>The API for token holders</h2>\n<p><code>/api/*</code> is a")
                .append(" bearer path (<code>eve.sso.bearer-paths</code>): a desktop tool or another service that")
                .append(" holds an EVE access token for this application calls it without a session:</p>\n")
                .append("<pre><code id=\"api-call\">curl -H \"Authorization: Bearer $EVE_ACCESS_TOKEN\" ")
                .append(Html.escape(api)).append("</code></pre>\n<p class=\"muted\">In code, the token is")
                .append(" <code>EveSso.token(request).get().accessToken()</code>; this page never shows it.</p>\n")
                .append("</section>\n");
        Html.render(request, response, HttpServletResponse.SC_OK, character.name(), body.toString());
    }

    /** {@code in m:ss} until expiry, {@code expired} once past; static/sample.js keeps it live in the browser. */
    static String countdown(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return "expired";
        }
        long s = left.getSeconds();
        return "in " + s / 60 + ":" + (s % 60 < 10 ? "0" : "") + s % 60;
    }
}
