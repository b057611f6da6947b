package io.github.evesso.testing;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Small helpers to read requests and send every kind of answer the local EVE SSO gives. */
final class Http {

    static final String JSON = "application/json; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";
    static final int MAX_BODY = 1 << 20;

    private Http() {
    }

    /** The request body, or {@code null} when it is larger than {@link #MAX_BODY}. */
    static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? null : body;
        }
    }

    /** Whether a status line was already sent. */
    static boolean responded(HttpExchange ex) {
        return ex.getResponseCode() != -1;
    }

    /**
     * What to run once just before the status line of the answer this thread is preparing goes out, when the server
     * has done its work (the refresh concurrency limit counts a request as running until then, as a real server does;
     * counting until the exchange closes would count a client's next request while its previous answer is still being
     * closed).
     */
    static final ThreadLocal<Runnable> BEFORE_ANSWER = new ThreadLocal<>();

    static void send(HttpExchange ex, int status, String contentType, String body, Map<String, String> headers)
            throws IOException {
        Runnable done = BEFORE_ANSWER.get();
        if (done != null) {
            BEFORE_ANSWER.remove();
            done.run();
        }
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (!ex.getResponseHeaders().containsKey("Cache-Control")) {
            ex.getResponseHeaders().set("Cache-Control", "no-store");
        }
        if (body == null || body.isEmpty()) {
            if (contentType != null) {
                ex.getResponseHeaders().set("Content-Type", contentType);
            }
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void json(HttpExchange ex, int status, Map<String, ?> json) throws IOException {
        send(ex, status, JSON, JSONObjectUtils.toJSONString(json), Map.of());
    }

    /** An OAuth error: {@code {"error":..,"error_description":..}}. */
    static void oauthError(HttpExchange ex, int status, String error, String description) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", error);
        json.put("error_description", description);
        json(ex, status, json);
    }

    /** 401 {@code invalid_client} with EVE's {@code WWW-Authenticate} challenge. */
    static void invalidClient(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"login.eveonline.com\"");
        oauthError(ex, 401, "invalid_client", "Client authentication failed.");
    }

    static void html(HttpExchange ex, int status, String html) throws IOException {
        send(ex, status, HTML, html, Map.of());
    }

    static void redirect(HttpExchange ex, String location) throws IOException {
        send(ex, 302, null, null, Map.of("Location", location));
    }

    static void methodNotAllowed(HttpExchange ex, String allowed) throws IOException {
        send(ex, 405, JSON, "{\"error\":\"Method not allowed.\"}", Map.of("Allow", allowed));
    }

    /**
     * Checks a client-authenticated form POST (method, content type, client credentials by
     * {@link ClientRegistry#authenticate}), as the token and revoke endpoints require. Sends the error and returns
     * {@code null} when a check fails.
     */
    static ClientRegistry.Client authenticatedFormPost(HttpExchange ex, RecordedRequest request,
            ClientRegistry clients) throws IOException {
        if (!request.method().equals("POST")) {
            methodNotAllowed(ex, "POST");
            return null;
        }
        if (!isForm(request)) {
            oauthError(ex, 400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
            return null;
        }
        String authorization = request.header("Authorization");
        String secret = request.formValue("client_secret");
        if (authorization != null && secret != null) {
            oauthError(ex, 400, "invalid_request", "Use one client authentication method, not two.");
            return null;
        }
        ClientRegistry.Client client = clients.authenticate(authorization, request.formValue("client_id"), secret);
        if (client == null) {
            invalidClient(ex);
        }
        return client;
    }

    static boolean isForm(RecordedRequest request) {
        String type = request.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }
}
