package io.github.evesso.internal.flow;

import io.github.evesso.EveSsoConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Which application paths require a login: those matching a protected pattern and no excluded one. Patterns are
 * the Servlet specification's, except that {@code /} is exact: exact ({@code /about}; {@code /} is the context root
 * only, the landing page), prefix ({@code /app/*}; {@code /*} is everything) and extension ({@code *.css}).
 * Matching uses the container-decoded and normalised servlet path plus path info, so {@code /public/../secret}
 * cannot slip past, and the context root is {@code /} also when the container serves it as a welcome file; extension patterns apply only to requests without path info (static files, JSPs).
 */
public final class PathRules {
    // arrays, not lists: the loops below run on every request and must not allocate an iterator
    private final String[] protectedPatterns;
    private final String[] excludedPatterns;

    /** Creates the rules. */
    public PathRules(EveSsoConfig config) {
        this.protectedPatterns = config.protectedPaths().toArray(String[]::new);
        this.excludedPatterns = config.excludedPaths().toArray(String[]::new);
    }

    /** The request's path within the application. */
    public static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        if (pathInfo == null && isContextRoot(request)) {
            return "/"; // a welcome file the container serves for the root: its servlet path is /index.html
        }
        if (pathInfo == null) {
            return servletPath == null || servletPath.isEmpty() ? "/" : servletPath;
        }
        return servletPath == null || servletPath.isEmpty() ? pathInfo : servletPath + pathInfo;
    }

    /** Whether the request names the context root itself ({@code /app/}, path parameters aside); no allocation. */
    private static boolean isContextRoot(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (uri == null || context == null) {
            return false;
        }
        int end = uri.indexOf(';');
        int length = end < 0 ? uri.length() : end;
        return length == context.length() + 1 && uri.charAt(context.length()) == '/' && uri.startsWith(context);
    }

    /**
     * Whether {@code path} requires a login.
     *
     * @param hasPathInfo whether the request has path info: then extension patterns do not apply, as in servlet
     *     mapping, so that excluding {@code *.css} cannot open {@code /api/wallet.css} of a servlet mapped to
     *     {@code /api/*}
     */
    public boolean isProtected(String path, boolean hasPathInfo) {
        return matchesAny(protectedPatterns, path, hasPathInfo) && !matchesAny(excludedPatterns, path, hasPathInfo);
    }

    /** Whether any of {@code patterns} matches {@code path} (extension patterns only without path info). */
    static boolean matchesAny(List<String> patterns, String path, boolean hasPathInfo) {
        for (String pattern : patterns) {
            if (!(hasPathInfo && pattern.startsWith("*.")) && matches(pattern, path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAny(String[] patterns, String path, boolean hasPathInfo) {
        for (String pattern : patterns) {
            if (!(hasPathInfo && pattern.startsWith("*.")) && matches(pattern, path)) {
                return true;
            }
        }
        return false;
    }

    // runs on every request: compares regions in place, allocating nothing (no substring, no concatenation)
    static boolean matches(String pattern, String path) {
        if (pattern.equals("/*")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            // the prefix itself, or the prefix followed by "/"
            int prefix = pattern.length() - 2;
            return path.regionMatches(0, pattern, 0, prefix)
                    && (path.length() == prefix || path.charAt(prefix) == '/');
        }
        if (pattern.startsWith("*.")) {
            // the last segment ends with ".ext"
            int extension = pattern.length() - 1;
            int segment = path.length() - path.lastIndexOf('/') - 1;
            return segment >= extension && path.regionMatches(path.length() - extension, pattern, 1, extension);
        }
        return pattern.equals(path);
    }
}
