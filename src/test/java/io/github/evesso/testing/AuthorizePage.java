package io.github.evesso.testing;

import java.util.List;
import java.util.Map;

/** The interactive character picker: one button per character and a Decline button; everything escaped. */
final class AuthorizePage {

    private AuthorizePage() {
    }

    static String render(AuthorizationRequest request, List<TestCharacter> characters, String action) {
        StringBuilder hidden = new StringBuilder();
        for (Map.Entry<String, String> f : request.hiddenFields().entrySet()) {
            hidden.append("<input type=\"hidden\" name=\"").append(Html.escape(f.getKey()))
                    .append("\" value=\"").append(Html.escape(f.getValue())).append("\">\n");
        }
        StringBuilder body = new StringBuilder();
        body.append("<h1>Log in with EVE Online</h1>\n")
                .append("<p class=\"sub\">Application <code>").append(Html.escape(request.client().clientId()))
                .append("</code> asks to act for one of your characters.</p>\n");
        if (request.scopes().isEmpty()) {
            body.append("<p class=\"sub\">It requests no scopes (identity only).</p>\n");
        } else {
            body.append("<p class=\"sub\">Requested scopes:</p>\n<ul class=\"scopes\">\n");
            for (String scope : request.scopes()) {
                body.append("<li>").append(Html.escape(scope)).append("</li>\n");
            }
            body.append("</ul>\n");
        }
        body.append("<form method=\"post\" action=\"").append(Html.escape(action)).append("\">\n")
                .append(hidden)
                .append("<input type=\"hidden\" name=\"action\" value=\"approve\">\n");
        for (TestCharacter c : characters) {
            body.append("<button type=\"submit\" name=\"character_id\" value=\"").append(c.id()).append("\">")
                    .append(Html.escape(c.name())).append(" <span class=\"id\">").append(c.id())
                    .append("</span></button>\n");
        }
        body.append("</form>\n<form method=\"post\" action=\"").append(Html.escape(action)).append("\">\n")
                .append(hidden)
                .append("<input type=\"hidden\" name=\"action\" value=\"deny\">\n")
                .append("<button type=\"submit\" class=\"decline\">Decline</button>\n</form>\n");
        return Html.page("Log in with EVE Online", body.toString());
    }
}
