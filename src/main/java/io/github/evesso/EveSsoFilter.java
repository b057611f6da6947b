package io.github.evesso;

import io.github.evesso.internal.runtime.EveSsoRuntime;
import io.github.evesso.internal.runtime.Registration;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Requires an EVE Online character login on the configured protected paths, and serves the login
 * ({@code eve.sso.login-path}) and logout ({@code eve.sso.logout-path}) paths. Map it to {@code /*}; which paths
 * are protected is configured with {@code eve.sso.protected-paths} and {@code eve.sso.excluded-paths}.
 *
 * <p>Its settings come from its init-params, the context-params and MicroProfile Config (see {@link EveSsoConfig.Key}),
 * unless {@link EveSso#install} already configured the application. Invalid settings stop the application's start
 * with one message listing every problem.
 *
 * <p>Declared in {@code web.xml} or with {@code @WebFilter}, it gets what {@link EveSso#install} sets up from the
 * library's initializer, before the context is initialised: the session cookie {@code HttpOnly} and
 * {@code SameSite=Lax} (unless the application set {@code SameSite}), and a servlet mapping for the login and logout
 * paths (so that they work in a context without a default servlet). Whatever is still missing when the filter starts
 * is done then, or, when the container no longer allows it, logged as a WARNING that says how to fix it.
 */
public class EveSsoFilter implements Filter {
    private EveSsoRuntime runtime;
    private ServletContext context;

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        context = filterConfig.getServletContext();
        try {
            runtime = EveSsoRuntime.obtain(context, filterConfig::getInitParameter);
        } catch (EveSsoConfigException e) {
            throw new UnavailableException(e.getMessage());
        }
        Registration.completeAtFilterStart(context, runtime.config());
    }

    /** Releases the shared runtime (its HTTP client threads) when the application stops. */
    @Override
    public void destroy() {
        if (context != null) {
            EveSsoRuntime.uninstall(context);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
            runtime.gate().filter(http, httpResponse, chain);
        } else {
            chain.doFilter(request, response);
        }
    }
}
