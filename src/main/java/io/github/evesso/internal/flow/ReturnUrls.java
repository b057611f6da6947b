package io.github.evesso.internal.flow;

import io.github.evesso.internal.path.AppRelativeUrl;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * Return URLs are application-relative URLs by the one rule of {@link AppRelativeUrl} (no scheme, no host, no leading
 * {@code //}, no backslash, no dot segments, no control characters, also once percent-decoded, so encoded variants
 * such as {@code /%2F%2Fevil.example} are refused too). Because they come from the browser, they must also be what a
 * browser sends on the wire: printable ASCII, and at most {@link #MAX_LENGTH} characters.
 */
public final class ReturnUrls {
    /** Longest return URL remembered. */
    static final int MAX_LENGTH = 2048;

    private ReturnUrls() {
    }

    /** The value if it is a safe application-relative URL, else empty. {@code null} gives empty. */
    public static Optional<String> sanitize(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH
                || !candidate.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.empty();
        }
        return AppRelativeUrl.isSafe(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** The application-relative URL of a GET request (path and query), if safe. */
    public static Optional<String> of(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (uri == null || !uri.startsWith(context)) {
            return Optional.empty();
        }
        String path = uri.substring(context.length());
        int sessionId = path.toLowerCase(Locale.ROOT).indexOf(";jsessionid=");
        if (sessionId >= 0) {
            path = path.substring(0, sessionId); // never carry a session id into the Location header
        }
        String query = request.getQueryString();
        return sanitize(query == null ? path : path + "?" + query);
    }
}
