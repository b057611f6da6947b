package io.github.evesso.sample;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveSso;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A bearer-protected JSON endpoint ({@code eve.sso.bearer-paths=/api/*}): an API client that holds an EVE access token
 * calls it with {@code Authorization: Bearer <token>}; the filter has validated the token before this runs, so the
 * character is simply there. No session, no cookie.
 */
@WebServlet(name = "api-me", urlPatterns = "/api/me")
public class ApiMeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private transient Jsonb jsonb;

    @Override
    public void init() {
        jsonb = JsonbBuilder.create();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EveAccessToken token = EveSso.token(request).orElseThrow(); // present: the filter let the request through
        EveCharacter character = token.character();
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("character_id", character.id());
        me.put("name", character.name());
        me.put("scopes", new TreeSet<>(character.scopes()));
        me.put("token_expires_at", token.expiresAt().toString());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(jsonb.toJson(me));
    }

    @Override
    public void destroy() {
        try {
            jsonb.close();
        } catch (Exception e) { // Jsonb.close() declares Exception; nothing is left to do at shutdown
            log("Closing JSON-B failed: " + e.getClass().getSimpleName());
        }
    }
}
