package io.github.evesso.internal.web;

import io.github.evesso.EveSso;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.sso.SsoException;
import io.github.evesso.internal.sso.SsoUnavailableException;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link Failure}: a small HTML page for browsers, JSON for API/AJAX calls, or the application's own
 * error page (forwarded to with {@link EveSso#ERROR_CODE} and {@link EveSso#ERROR_MESSAGE} set). Never a stack trace,
 * never a token; every echoed value is escaped.
 */
public final class ErrorResponses {
    private static final System.Logger LOG = System.getLogger(ErrorResponses.class.getName());

    /** {@code Retry-After} of an "SSO unavailable" answer when the SSO named no wait. */
    public static final long RETRY_AFTER_SECONDS = 30;

    private final Jsonb jsonb;
    private final String loginPath;
    private final String errorPage;

    /** Creates the renderer. */
    public ErrorResponses(EveSsoConfig config, Jsonb jsonb) {
        this.jsonb = jsonb;
        this.loginPath = config.loginPath();
        this.errorPage = config.errorPage().orElse(null);
    }

    /** The {@code Retry-After} (seconds) for an answer caused by {@code e}: the SSO's own wait, else the default. */
    public static long retryAfterSeconds(SsoException e) {
        return e instanceof SsoUnavailableException u
                ? u.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(RETRY_AFTER_SECONDS)
                : RETRY_AFTER_SECONDS;
    }

    /** The URL that starts a login, returning to {@code returnPath} (application-relative) when not {@code null}. */
    public String loginUrl(HttpServletRequest request, String returnPath) {
        String url = Redirects.applicationUrl(request, loginPath);
        return returnPath == null ? url : url + "?return=" + URLEncoder.encode(returnPath, StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code failure}.
     *
     * @param returnPath where a "log in again" link should lead back to, or {@code null}
     * @param retryAfterSeconds a {@code Retry-After} to send (for 503), or 0 for none
     */
    public void send(HttpServletRequest request, HttpServletResponse response, Failure failure, String returnPath,
            long retryAfterSeconds) throws IOException {
        if (!ErrorResponses.begin(response, failure, retryAfterSeconds)) {
            return;
        }
        String loginUrl = loginUrl(request, returnPath);
        if (failure == Failure.LOGIN_REQUIRED) {
            response.setHeader("WWW-Authenticate", "EveSSO realm=\"EVE Online\", login_url=\"" + loginUrl + "\"");
            response.setHeader(EveSso.LOGIN_URL_HEADER, loginUrl);
        }
        if (RequestKind.isApi(request)) {
            sendJson(response, failure, loginUrl);
        } else if (errorPage == null || !forward(request, response, failure, loginUrl)) {
            sendHtml(response, failure, loginUrl);
        }
    }

    /**
     * Answers a request whose active character lacks {@code missing} scopes (one the library does not redirect to
     * the SSO: an API call, or a browser request that is not a GET): 403 with {@code WWW-Authenticate: Bearer
     * error="insufficient_scope", scope="..."} (RFC 6750 §3.1) and {@link EveSso#LOGIN_URL_HEADER}; JSON for an API
     * call with {@code scope} and {@code login_url}, else a page whose button asks EVE SSO for the scopes.
     *
     * @param stepUpUrl the URL of a login that asks for the missing scopes and returns
     */
    public void sendInsufficientScope(HttpServletRequest request, HttpServletResponse response, List<String> missing,
            String stepUpUrl) throws IOException {
        if (!ErrorResponses.begin(response, Failure.INSUFFICIENT_SCOPE, 0)) {
            return;
        }
        String scope = String.join(" ", missing); // configured scope tokens: no quote, no backslash
        response.setHeader("WWW-Authenticate", "Bearer realm=\"" + BearerErrors.REALM
                + "\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
        response.setHeader(EveSso.LOGIN_URL_HEADER, stepUpUrl);
        if (RequestKind.isApi(request)) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("error", Failure.INSUFFICIENT_SCOPE.code());
            body.put("message", "This needs more scopes of your EVE character: " + scope + ".");
            body.put("scope", scope);
            body.put("login_url", stepUpUrl);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(jsonb.toJson(body));
        } else {
            sendHtml(response, Failure.INSUFFICIENT_SCOPE, stepUpUrl);
        }
    }

    /**
     * Starts the answer to {@code failure} (its status, {@code no-store}, {@code nosniff}, the {@code Retry-After}
     * when positive) over whatever the application had buffered; every error answer of the library begins here.
     *
     * @return {@code false} when the response is committed already and nothing can be sent
     */
    static boolean begin(HttpServletResponse response, Failure failure, long retryAfterSeconds) {
        if (response.isCommitted()) {
            return false;
        }
        response.resetBuffer();
        response.setStatus(failure.status());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (retryAfterSeconds > 0) {
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        return true;
    }

    private void sendJson(HttpServletResponse response, Failure failure, String loginUrl) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", failure.code());
        body.put("message", failure.message());
        body.put("login_url", loginUrl);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(jsonb.toJson(body));
    }

    private boolean forward(HttpServletRequest request, HttpServletResponse response, Failure failure, String loginUrl) {
        request.setAttribute(EveSso.ERROR_CODE, failure.code());
        request.setAttribute(EveSso.ERROR_MESSAGE, failure.message());
        request.setAttribute(EveSso.ERROR_LOGIN_URL, loginUrl);
        RequestDispatcher dispatcher = request.getRequestDispatcher(errorPage);
        if (dispatcher == null) {
            return false;
        }
        try {
            dispatcher.forward(request, response);
            return true;
        } catch (ServletException | IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "The configured EVE SSO error page " + errorPage + " failed: " + e.getClass().getName());
            return response.isCommitted();
        }
    }

    private static void sendHtml(HttpServletResponse response, Failure failure, String loginUrl) throws IOException {
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        String action = switch (failure) {
            case ACCESS_DENIED -> "Try again";
            case INSUFFICIENT_SCOPE -> "Grant the scopes at EVE SSO";
            case SSO_UNAVAILABLE, SSO_BAD_RESPONSE -> "Retry the login";
            case METHOD_NOT_ALLOWED, CROSS_SITE_REQUEST -> null;
            default -> "Log in with EVE Online";
        };
        StringBuilder html = new StringBuilder(1024)
                .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(failure.title())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;background:#0d1117;color:#e6edf3;margin:0;")
                .append("display:flex;min-height:100vh;align-items:center;justify-content:center}")
                .append("main{max-width:32rem;padding:2rem;background:#161b22;border:1px solid #30363d;")
                .append("border-radius:8px}h1{font-size:1.4rem;margin-top:0}code{color:#8b949e}")
                .append("a{display:inline-block;margin-top:1rem;padding:.5rem 1rem;background:#1f6feb;color:#fff;")
                .append("border-radius:6px;text-decoration:none}</style></head><body><main>")
                .append("<h1>").append(Html.escape(failure.title())).append("</h1>")
                .append("<p>").append(Html.escape(failure.message())).append("</p>")
                .append("<p><code>").append(failure.status()).append(' ').append(Html.escape(failure.code()))
                .append("</code></p>");
        if (action != null) {
            html.append("<a href=\"").append(Html.escape(loginUrl)).append("\">").append(Html.escape(action))
                    .append("</a>");
        }
        html.append("</main></body></html>\n");
        response.getWriter().write(html.toString());
    }
}
