package io.github.evesso.sample;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveCharacterLogin;
import io.github.evesso.EveSso;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every character logged in to the session (a main and its alts), from {@code EveSso.characters(request)}: portrait,
 * name, status, a switch and a remove button for each (POSTs to the library's switch and remove paths), and "Add a
 * character" ({@code /sso/login?add}).
 */
@WebServlet(name = "characters", urlPatterns = "/characters")
public class CharactersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** The library's default switch path ({@code eve.sso.switch-path}). */
    static final String SWITCH_PATH = "/sso/switch";
    /** The library's default remove path ({@code eve.sso.remove-path}). */
    static final String REMOVE_PATH = "/sso/remove";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String ctx = Html.escape(request.getContextPath());
        StringBuilder body = new StringBuilder();
        body.append("<section class=\"card\">\n<h1>Your characters</h1>\n")
                .append("<p class=\"muted\">Log in more characters (your alts) and switch between them; each keeps")
                .append(" its own tokens, refreshed when it is used.</p>\n<ul class=\"characters\" id=\"characters\">\n");
        for (EveCharacterLogin login : EveSso.characters(request)) {
            EveCharacter c = login.character();
            body.append("<li class=\"character-row").append(login.active() ? " active" : "").append("\" data-id=\"")
                    .append(c.id()).append("\">\n<img class=\"portrait small\" width=\"64\" height=\"64\" alt=\"\" src=\"")
                    .append(Html.escape(Portraits.url(request, getServletContext(), c.id()))).append("\">\n")
                    .append("<span class=\"name\">").append(Html.escape(c.name())).append("</span>\n")
                    .append("<span class=\"status\">").append(statusText(login)).append("</span>\n");
            if (!login.active() && login.status() != EveCharacterLogin.Status.NEEDS_LOGIN) {
                body.append(form(ctx, SWITCH_PATH, c.id(), "Switch", "switch-" + c.id()));
            }
            if (login.status() == EveCharacterLogin.Status.NEEDS_LOGIN) {
                body.append("<a class=\"button small\" href=\"").append(ctx).append(Html.LOGIN_PATH)
                        .append("?add&amp;return=/characters\">Log in again</a>\n");
            }
            body.append(form(ctx, REMOVE_PATH, c.id(), "Remove", "remove-" + c.id())).append("</li>\n");
        }
        body.append("</ul>\n<p><a class=\"button\" id=\"add-character\" href=\"").append(ctx).append(Html.LOGIN_PATH)
                .append("?add&amp;return=/characters\">Add a character</a></p>\n</section>\n");
        Html.render(request, response, HttpServletResponse.SC_OK, "Characters", body.toString());
    }

    private static String statusText(EveCharacterLogin login) {
        if (login.active()) {
            return "active";
        }
        return switch (login.status()) {
            case USABLE -> "logged in";
            case TOKEN_EXPIRED -> "identity only, token expired";
            case NEEDS_LOGIN -> "EVE ended this login";
        };
    }

    private static String form(String ctx, String path, long id, String label, String buttonId) {
        return "<form method=\"post\" action=\"" + ctx + path + "\"><input type=\"hidden\" name=\"character\" value=\""
                + id + "\"><input type=\"hidden\" name=\"return\" value=\"/characters\"><button type=\"submit\""
                + " class=\"secondary small\" id=\"" + buttonId + "\">" + label + "</button></form>\n";
    }
}
