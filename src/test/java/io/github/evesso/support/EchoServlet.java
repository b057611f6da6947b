package io.github.evesso.support;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveCharacterLogin;
import io.github.evesso.EveSso;
import io.github.evesso.EveSsoException;
import io.github.evesso.internal.runtime.EveSsoRuntime;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The test application's only page: writes what the request knows about the login as {@code key=value} lines.
 * Tokens appear only as a short SHA-256 fingerprint ({@link #fingerprint}), never in clear.
 */
public final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /**
     * The parameter that makes the page force a refresh and let the library's exceptions escape, as careless
     * application code does: {@code plain}, or {@code wrapped} in a {@link ServletException}.
     */
    public static final String LET_ESCAPE = "letEscape";
    /** The parameter that makes the page call {@code EveSso.requireScopes} with these (comma-separated) scopes. */
    public static final String REQUIRE_SCOPES = "requireScopes";
    /** The parameter that makes the page print the access token fingerprint of this character of the session. */
    public static final String CHARACTER_TOKEN = "characterToken";
    /** The session attribute {@code ?put=value} sets: stands for the application's own session data. */
    public static final String APP_DATA = "test.appData";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String letEscape = request.getParameter(LET_ESCAPE);
        if (letEscape != null && request.getAttribute(EveSso.TOKEN) instanceof EveAccessToken token) {
            response.getWriter().print("a partial page the application began"); // still in the buffer
            try {
                token.refresh();
            } catch (EveSsoException e) {
                if ("wrapped".equals(letEscape)) {
                    throw new ServletException("the application gave up", e);
                }
                throw e;
            }
        }
        String required = request.getParameter(REQUIRE_SCOPES);
        if (required != null) {
            try {
                if (!EveSso.requireScopes(request, response, required.split(","))) {
                    return; // the library answered: a step-up login, or 403 / 401
                }
            } catch (IllegalArgumentException e) {
                response.sendError(400, "requireScopesError=" + e.getClass().getSimpleName());
                return;
            }
        }
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        PrintWriter out = response.getWriter();
        out.println("method=" + request.getMethod());
        out.println("path=" + request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()));
        out.println("query=" + (request.getQueryString() == null ? "" : request.getQueryString()));
        out.println("remoteUser=" + request.getRemoteUser());
        out.println("authType=" + request.getAuthType());
        out.println("principal=" + (request.getUserPrincipal() instanceof EveCharacter c ? c.id() + ":" + c.name() : ""));
        String role = request.getParameter("role");
        if (role != null) {
            out.println("inRole=" + request.isUserInRole(role));
        }
        if (request.getParameter("put") != null) {
            request.getSession().setAttribute(APP_DATA, request.getParameter("put")); // the application's own data
        }
        if (request.getParameter("invalidate") != null && request.getSession(false) != null) {
            request.getSession(false).invalidate(); // the application ends the session itself, without a logout
        }
        HttpSession session = request.getSession(false);
        out.println("appData=" + (session == null || session.getAttribute(APP_DATA) == null ? ""
                : session.getAttribute(APP_DATA)));
        out.println("sessionCharacter=" + (session != null && session.getAttribute(EveSso.CHARACTER) instanceof EveCharacter c
                ? c.id() : ""));
        out.println("requestCharacter=" + (request.getAttribute(EveSso.CHARACTER) instanceof EveCharacter c ? c.id() : ""));
        List<EveCharacterLogin> characters = EveSso.characters(request);
        out.println("characters=" + characters.stream()
                .map(c -> c.character().id() + ":" + c.status() + (c.active() ? ":active" : ""))
                .collect(Collectors.joining(" ")));
        String other = request.getParameter(CHARACTER_TOKEN);
        if (other != null) {
            characters.stream().filter(c -> Long.toString(c.character().id()).equals(other)).findFirst()
                    .ifPresent(c -> {
                        try {
                            out.println("characterToken=" + fingerprint(c.token().accessToken()));
                        } catch (EveSsoException e) {
                            out.println("characterTokenError=" + e.getClass().getSimpleName());
                        }
                    });
        }
        if (request.getAttribute(EveSso.TOKEN) instanceof EveAccessToken token) {
            out.println("owner=" + token.character().ownerHash());
            out.println("scopes=" + String.join(" ", new TreeSet<>(token.scopes())));
            out.println("expiresAt=" + token.expiresAt());
            // the session holds this token's login: found from the session alone, it is the same login
            out.println("sessionToken=" + (request.getServletContext().getAttribute(EveSsoRuntime.ATTRIBUTE)
                    instanceof EveSsoRuntime runtime && runtime.token(request).filter(token::equals).isPresent()));
            try {
                out.println("token=" + fingerprint(token.accessToken()));
            } catch (EveSsoException e) {
                out.println("tokenError=" + e.getClass().getSimpleName());
            }
            out.println("refreshToken=" + token.refreshToken().map(EchoServlet::fingerprint).orElse(""));
        }
    }

    /** A short, one-way fingerprint of a token, safe to print and compare. */
    public static String fingerprint(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
