package io.github.evesso.sample;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveSso;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/** HTML escaping and the one page layout every sample page uses. */
final class Html {
    /** The library's default login path ({@code eve.sso.login-path}). */
    static final String LOGIN_PATH = "/sso/login";
    /** The library's default logout path ({@code eve.sso.logout-path}); logging out is a POST. */
    static final String LOGOUT_PATH = "/sso/logout";

    private Html() {
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Writes a whole page: the header (navigation, the logged-in character and the logout button) around
     * {@code body}, which must already be escaped HTML.
     */
    static void render(HttpServletRequest request, HttpServletResponse response, int status, String title,
            String body) throws IOException {
        String ctx = escape(request.getContextPath());
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        // Personal data: never cached. Scripts, styles and images only from here (and EVE's image server).
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' https://images.evetech.net;"
                + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        StringBuilder page = new StringBuilder(4096);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append(" · EVE SSO sample</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(ctx).append("/static/sample.css\">\n")
                .append("<script src=\"").append(ctx).append("/static/sample.js\" defer></script>\n")
                .append("</head>\n<body>\n<header class=\"top\">\n")
                .append("<a class=\"brand\" href=\"").append(ctx).append("/\">EVE SSO sample</a>\n<nav>\n")
                .append("<a href=\"").append(ctx).append("/character\">Character</a>\n")
                .append("<a href=\"").append(ctx).append("/wallet\">Wallet</a>\n")
                .append("<a href=\"").append(ctx).append("/skills\">Skills</a>\n")
                .append("<a href=\"").append(ctx).append("/characters\">Characters</a>\n")
                .append("<a href=\"").append(ctx).append("/jobs/wallets\">Background job</a>\n</nav>\n");
        EveCharacter character = EveSso.character(request).orElse(null);
        if (character != null) {
            page.append("<form class=\"logout\" method=\"post\" action=\"").append(ctx).append(LOGOUT_PATH)
                    .append("\">\n<span class=\"who\">").append(escape(character.name())).append("</span>\n")
                    .append("<button type=\"submit\" id=\"logout\">Log out</button>\n</form>\n");
        } else {
            page.append("<a class=\"button small\" id=\"login\" href=\"").append(ctx).append(LOGIN_PATH)
                    .append("?return=/character\">Log in</a>\n");
        }
        page.append("</header>\n<main>\n").append(body).append("</main>\n<footer>A sample of ")
                .append("<code>eve-sso-servlet</code>. EVE Online and all related marks are trademarks of CCP hf.")
                .append("</footer>\n</body>\n</html>\n");
        PrintWriter out = response.getWriter();
        out.write(page.toString());
    }
}
