package io.github.evesso.internal.flow;

import io.github.evesso.EveSsoConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Which application paths require a login: those matching a protected pattern and no excluded one. Patterns are
 * the Servlet specification's, except that {@code /} is exact: exact ({@code /about}; {@code /} is the context root
 * only, the landing page), prefix ({@code /app/*}; {@code /*} is everything) and extension ({@code *.css}).
 * Matching uses the container-decoded and normalised servlet path plus path info, so {@code /public/../secret}
 * cannot slip past.
 */
public final class PathRules {
    private final List<String> protectedPatterns;
    private final List<String> excludedPatterns;

    /** Creates the rules. */
    public PathRules(EveSsoConfig config) {
        this.protectedPatterns = config.protectedPaths();
        this.excludedPatterns = config.excludedPaths();
    }

    /** The request's path within the application. */
    public static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        if (pathInfo == null) {
            return servletPath == null || servletPath.isEmpty() ? "/" : servletPath;
        }
        return servletPath == null || servletPath.isEmpty() ? pathInfo : servletPath + pathInfo;
    }

    /** Whether {@code path} requires a login. */
    public boolean isProtected(String path) {
        return matchesAny(protectedPatterns, path) && !matchesAny(excludedPatterns, path);
    }

    private static boolean matchesAny(List<String> patterns, String path) {
        for (String pattern : patterns) {
            if (matches(pattern, path)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String path) {
        if (pattern.equals("/*")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        if (pattern.startsWith("*.")) {
            int slash = path.lastIndexOf('/');
            return path.substring(slash + 1).endsWith(pattern.substring(1));
        }
        return pattern.equals(path);
    }
}
