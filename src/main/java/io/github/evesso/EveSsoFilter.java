package io.github.evesso;

import io.github.evesso.internal.runtime.EveSsoRuntime;
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
