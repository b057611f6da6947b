package io.github.evesso.internal.runtime;

import io.github.evesso.EveSso;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;

/**
 * A servlet mapping for the login, logout, switch and remove paths, so that a context without a default servlet (an application
 * that maps only {@code /api/*}, say) routes them through the filter chain instead of answering 404 before any
 * filter runs. {@code EveSsoFilter} serves these paths and never passes them on, so this servlet serves nothing: it is
 * reached only when the filter does not run for the request (a forward or include, or a filter mapped elsewhere),
 * and then answers 404, as the paths would without it.
 */
final class LoginPathsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(LoginPathsServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    /**
     * Maps {@code paths} (exactly) to this servlet under {@link EveSso#PATHS_SERVLET_NAME}; a path another servlet
     * maps exactly keeps that servlet, which reaches the filter just as well. Values that are no plain path (an
     * invalid setting the filter's start reports) are left out.
     *
     * @throws IllegalStateException when the container no longer takes new servlets
     */
    static void register(ServletContext context, Collection<String> paths) {
        List<String> mappable = paths.stream().filter(LoginPathsServlet::isPlainPath).distinct().toList();
        if (mappable.isEmpty()) {
            return;
        }
        ServletRegistration.Dynamic servlet = context.addServlet(EveSso.PATHS_SERVLET_NAME, new LoginPathsServlet());
        if (servlet == null) {
            LOG.log(Level.DEBUG, "A servlet named {0} exists already; not mapping {1}", EveSso.PATHS_SERVLET_NAME,
                    mappable);
            return;
        }
        servlet.setAsyncSupported(true);
        servlet.addMapping(mappable.toArray(String[]::new));
    }

    /** Whether a servlet of {@code context} maps {@code path}, by the Servlet specification's mapping rules. */
    static boolean isServed(ServletContext context, String path) {
        return context.getServletRegistrations().values().stream()
                .flatMap(registration -> registration.getMappings().stream())
                .anyMatch(pattern -> matches(pattern, path));
    }

    private static boolean matches(String pattern, String path) {
        if (pattern.isEmpty()) {
            return path.equals("/"); // the context root only
        }
        if (pattern.equals("/") || pattern.equals("/*")) {
            return true;
        }
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
        if (pattern.startsWith("*.")) {
            return path.substring(path.lastIndexOf('/') + 1).endsWith(pattern.substring(1));
        }
        return pattern.equals(path);
    }

    /** An exact servlet mapping: a path other than the root, without wildcard, query or fragment. */
    private static boolean isPlainPath(String path) {
        return path != null && path.matches("/[^*?#;\\\\\\s]+");
    }
}
