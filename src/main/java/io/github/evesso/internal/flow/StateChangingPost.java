package io.github.evesso.internal.flow;

import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Failure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * The guard of the paths that change a session's logins (logout, switch, remove): a POST (a GET only where allowed),
 * and not sent by another site's page. The session cookie's {@code SameSite=Lax} already keeps it out of a
 * cross-site POST; this is the second line, for applications that loosen the cookie: a browser's
 * {@code Sec-Fetch-Site} must be {@code same-origin} or {@code none}; without it (an older browser), an
 * {@code Origin} it sends must be the application's (the callback URL's origin, or the request's own). A client that
 * sends neither header (not a browser), or only {@code Origin: null} (which a page with {@code Referrer-Policy:
 * no-referrer} sends for its own forms), is not refused on their account.
 */
final class StateChangingPost {
    private StateChangingPost() {
    }

    /**
     * Whether {@code request} may change the session; if not, the answer (405 with {@code Allow}, or 403
     * {@code cross_site_request}) has been sent.
     *
     * @param allowGet whether a GET is accepted too (the logout path, when configured)
     * @param callbackUrl the application's public callback URL, whose origin is the application's
     */
    static boolean admits(HttpServletRequest request, HttpServletResponse response, ErrorResponses errors,
            boolean allowGet, URI callbackUrl) throws IOException {
        boolean allowed = "POST".equals(request.getMethod()) || allowGet && "GET".equals(request.getMethod());
        if (!allowed) {
            response.setHeader("Allow", allowGet ? "GET, POST" : "POST");
            errors.send(request, response, Failure.METHOD_NOT_ALLOWED, null, 0);
            return false;
        }
        if (isCrossSite(request, callbackUrl)) {
            errors.send(request, response, Failure.CROSS_SITE_REQUEST, null, 0);
            return false;
        }
        return true;
    }

    static boolean isCrossSite(HttpServletRequest request, URI callbackUrl) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) { // set by the browser, never by a page: it decides
            return !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null || origin.strip().equals("null")) {
            return false; // no evidence: a page with Referrer-Policy no-referrer sends "null" for its own forms
        }
        String sent = origin.strip().toLowerCase(Locale.ROOT);
        return !sent.equals(origin(callbackUrl.getScheme(), callbackUrl.getHost(), callbackUrl.getPort()))
                && !sent.equals(origin(request.getScheme(), request.getServerName(), request.getServerPort()));
    }

    /** An origin as browsers send it: the default port left out, lower case. */
    private static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || "http".equals(s) && port == 80 || "https".equals(s) && port == 443;
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
