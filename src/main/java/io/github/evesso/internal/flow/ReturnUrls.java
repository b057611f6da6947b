package io.github.evesso.internal.flow;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Return URLs are application-relative paths with an optional query, nothing else: printable ASCII as sent on the
 * wire; a path with no scheme, no host, no leading {@code //}, no backslash, no dot segments and no control
 * characters — checked on the raw path and on every percent-decoding of it, so encoded variants such as
 * {@code /%2F%2Fevil.example} are refused too.
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
        int query = candidate.indexOf('?');
        if (query >= 0 && !isPlainQuery(candidate.substring(query + 1))) {
            return Optional.empty();
        }
        String value = query < 0 ? candidate : candidate.substring(0, query);
        for (int round = 0; round < 4; round++) {
            if (!isSafePath(value)) {
                return Optional.empty();
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (decoded.equals(value)) {
                return Optional.of(candidate);
            }
            value = decoded;
        }
        return Optional.empty(); // encoded more than three times: nobody does that by accident
    }

    /** The application-relative URL of a GET request (path and query), if safe. */
    public static Optional<String> of(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (uri == null || !uri.startsWith(context)) {
            return Optional.empty();
        }
        String path = uri.substring(context.length());
        int sessionId = path.toLowerCase(java.util.Locale.ROOT).indexOf(";jsessionid=");
        if (sessionId >= 0) {
            path = path.substring(0, sessionId); // never carry a session id into the Location header
        }
        String query = request.getQueryString();
        return sanitize(query == null ? path : path + "?" + query);
    }

    /** Only the path can move a redirect elsewhere; a query must merely decode to no control characters. */
    private static boolean isPlainQuery(String query) {
        try {
            return URLDecoder.decode(query.replace("+", "%2B"), StandardCharsets.UTF_8).chars()
                    .noneMatch(c -> c < 0x20 || c == 0x7f);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isSafePath(String path) {
        if (!path.startsWith("/") || path.startsWith("//") || path.indexOf('\\') >= 0) {
            return false;
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        for (String segment : path.split("[/?]", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false; // a dot segment can climb out of the application
            }
        }
        return true;
    }
}
