package io.github.evesso.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * Tells a browser navigation (gets redirects and HTML pages) from an API or AJAX call (gets 401 and JSON):
 * {@code X-Requested-With: XMLHttpRequest}, a JSF partial request ({@code Faces-Request: partial/ajax}), or an
 * {@code Accept} header that does not name {@code text/html}. A request without {@code Accept} counts as a browser.
 * A CORS preflight is neither: it carries no credentials and is the application's to answer.
 */
public final class RequestKind {
    private RequestKind() {
    }

    /** Whether {@code request} is an API/AJAX call. */
    public static boolean isApi(HttpServletRequest request) {
        if ("XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"))) {
            return true;
        }
        String faces = request.getHeader("Faces-Request");
        if (faces != null && faces.toLowerCase(Locale.ROOT).startsWith("partial/")) {
            return true;
        }
        String accept = request.getHeader("Accept");
        return accept != null && !accept.isBlank() && !accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    /**
     * Whether {@code request} is a CORS preflight: {@code OPTIONS} with {@code Origin} and
     * {@code Access-Control-Request-Method} (Fetch standard); browsers send it without cookies.
     */
    public static boolean isCorsPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
    }
}
