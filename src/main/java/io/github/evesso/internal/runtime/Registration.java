package io.github.evesso.internal.runtime;

import io.github.evesso.EveSso;
import io.github.evesso.EveSsoCallbackServlet;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.EveSsoConfigException;
import io.github.evesso.EveSsoFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import java.util.EnumSet;
import java.util.List;

/**
 * Installs EVE SSO into a starting application: the runtime, {@link EveSsoFilter} on {@code /*}, the callback
 * servlet on the callback URL's path, and the session cookie's hardening. What {@link EveSso#install} and the drop-in
 * {@link EveSsoInitializer} do.
 */
public final class Registration {
    private Registration() {
    }

    /**
     * Installs EVE SSO with {@code config} into {@code context}.
     *
     * @throws EveSsoConfigException when the configuration does not fit this application
     */
    public static void install(ServletContext context, EveSsoConfig config) {
        EveSsoRuntime runtime = EveSsoRuntime.install(context, config);
        FilterRegistration.Dynamic filter = context.addFilter(EveSso.FILTER_NAME, new EveSsoFilter());
        if (filter == null) {
            EveSsoRuntime.uninstall(context);
            throw new EveSsoConfigException(List.of("the application already has a filter named " + EveSso.FILTER_NAME));
        }
        hardenSessionCookie(context.getSessionCookieConfig());
        releaseOnShutdown(context);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        filter.setAsyncSupported(true);
        ServletRegistration.Dynamic servlet = context.addServlet(EveSso.CALLBACK_SERVLET_NAME,
                new EveSsoCallbackServlet());
        servlet.addMapping(runtime.callbackPath());
        servlet.setAsyncSupported(true);
    }

    /**
     * Releases the runtime when the application stops, even if the filter never started. A listener can only be
     * added from a {@code ServletContainerInitializer}; from a {@code ServletContextListener} the filter's
     * {@code destroy()} does it.
     */
    private static void releaseOnShutdown(ServletContext context) {
        try {
            context.addListener(new ServletContextListener() {
                @Override
                public void contextDestroyed(ServletContextEvent event) {
                    EveSsoRuntime.uninstall(event.getServletContext());
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException notFromAnInitializer) {
            // the filter's destroy() releases it
        }
    }

    /**
     * {@code HttpOnly} and, unless the application chose otherwise, {@code SameSite=Lax}: the callback is a
     * cross-site top-level GET from EVE SSO, which {@code Strict} would strip of the session cookie. The container
     * adds {@code Secure} on HTTPS requests.
     */
    private static void hardenSessionCookie(SessionCookieConfig cookie) {
        cookie.setHttpOnly(true);
        if (cookie.getAttribute("SameSite") == null) {
            cookie.setAttribute("SameSite", "Lax");
        }
    }
}
