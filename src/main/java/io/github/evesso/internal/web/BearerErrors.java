package io.github.evesso.internal.web;

import jakarta.json.bind.Jsonb;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers to bearer-token requests, as RFC 6750 §3 has them: {@code WWW-Authenticate: Bearer realm="EVE Online"}
 * (with {@code error="invalid_token"} and a short {@code error_description}, or {@code error="insufficient_scope"}
 * and the {@code scope} needed) and a JSON body like the other API errors. Never echoes the token: descriptions are
 * the validator's own sentences, reduced to safe header characters.
 */
public final class BearerErrors {
    /** The realm of every bearer challenge. */
    public static final String REALM = "EVE Online";
    private static final int MAX_DESCRIPTION = 200;

    private final Jsonb jsonb;

    /** Creates the renderer. */
    public BearerErrors(Jsonb jsonb) {
        this.jsonb = jsonb;
    }

    /**
     * Sends {@code failure} (one of {@link Failure#TOKEN_MISSING}, {@link Failure#INVALID_TOKEN},
     * {@link Failure#INSUFFICIENT_SCOPE} or {@link Failure#SSO_UNAVAILABLE}).
     *
     * @param description why the token was refused, or {@code null}
     * @param scopes the scopes needed (for {@link Failure#INSUFFICIENT_SCOPE}), else empty
     * @param retryAfterSeconds a {@code Retry-After} (for 503), or 0 for none
     */
    public void send(HttpServletResponse response, Failure failure, String description, Collection<String> scopes,
            long retryAfterSeconds) throws IOException {
        if (!ErrorResponses.begin(response, failure, retryAfterSeconds)) {
            return;
        }
        String safeDescription = description == null ? null : headerSafe(description);
        String scope = String.join(" ", scopes);
        StringBuilder challenge = new StringBuilder("Bearer realm=\"").append(REALM).append('"');
        if (failure == Failure.INVALID_TOKEN) {
            challenge.append(", error=\"invalid_token\"");
            if (safeDescription != null) {
                challenge.append(", error_description=\"").append(safeDescription).append('"');
            }
        } else if (failure == Failure.INSUFFICIENT_SCOPE) {
            challenge.append(", error=\"insufficient_scope\", scope=\"").append(headerSafe(scope)).append('"');
        }
        if (failure != Failure.SSO_UNAVAILABLE) {
            response.setHeader("WWW-Authenticate", challenge.toString());
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", failure.code());
        body.put("message", failure.message());
        if (failure == Failure.INVALID_TOKEN && safeDescription != null) {
            body.put("error_description", safeDescription);
        }
        if (failure == Failure.INSUFFICIENT_SCOPE) {
            body.put("scope", scope);
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(jsonb.toJson(body));
    }

    /** RFC 6750's allowed characters for these attributes (no quote, no backslash, printable ASCII), shortened. */
    private static String headerSafe(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DESCRIPTION));
        for (int i = 0; i < text.length() && out.length() < MAX_DESCRIPTION; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : ' ');
        }
        return out.toString();
    }
}
