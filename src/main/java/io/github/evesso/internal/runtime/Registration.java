package io.github.evesso.internal.runtime;

import io.github.evesso.EveSso;
import io.github.evesso.EveSsoCallbackServlet;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.EveSsoConfigException;
import io.github.evesso.EveSsoFilter;
import io.github.evesso.internal.config.ConfigLoader;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts EVE SSO into a starting application. {@link #install}: the runtime, {@link EveSsoFilter} on {@code /*}, the
 * callback servlet on the callback URL's path, the login, logout, switch and remove paths mapped to a servlet (so that a context
 * without a default servlet routes them to the filter), and the session cookie's hardening; what {@link EveSso#install}
 * and the drop-in {@link EveSsoInitializer} do. For a filter the application declares itself, the initializer does the
 * last two ({@link #prepareDeclaredFilter}), and the filter's start catches up on whatever is still missing
 * ({@link #completeAtFilterStart}), or says loudly that it cannot.
 */
public final class Registration {
    private static final System.Logger LOG = System.getLogger(Registration.class.getName());

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
        SessionCookieHardening.harden(context.getSessionCookieConfig());
        releaseOnShutdown(context);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        filter.setAsyncSupported(true);
        ServletRegistration.Dynamic servlet = context.addServlet(EveSso.CALLBACK_SERVLET_NAME,
                new EveSsoCallbackServlet());
        servlet.addMapping(runtime.callbackPath());
        servlet.setAsyncSupported(true);
        LoginPathsServlet.register(context, ownPaths(config));
    }

    /** The paths the filter answers itself: login, logout, switch and remove. */
    private static List<String> ownPaths(EveSsoConfig config) {
        return List.of(config.loginPath(), config.logoutPath(), config.switchPath(), config.removePath());
    }

    /**
     * For an {@link EveSsoFilter} declared in {@code web.xml} or by annotation, seen by the initializer before the
     * context is initialised: hardens the session cookie and maps the login, logout, switch and remove paths the filter will be
     * configured with (login, logout, switch and remove; its init-params, the context-params, MicroProfile Config, else the defaults). The
     * configuration itself is read and checked when the filter starts.
     */
    static void prepareDeclaredFilter(ServletContext context, FilterRegistration filter) {
        SessionCookieHardening.harden(context.getSessionCookieConfig());
        LoginPathsServlet.register(context, Stream.of(EveSsoConfig.Key.LOGIN_PATH, EveSsoConfig.Key.LOGOUT_PATH,
                        EveSsoConfig.Key.SWITCH_PATH, EveSsoConfig.Key.REMOVE_PATH)
                .map(key -> ConfigLoader.value(context, filter::getInitParameter, key.property())
                        .or(key::defaultValue).orElseThrow())
                .toList());
    }

    /**
     * When {@link EveSsoFilter} starts: hardens the session cookie and maps the login, logout, switch and remove paths if nothing
     * did yet (a filter the application added itself after the initializer ran), as long as the container allows;
     * otherwise logs a WARNING that names what is missing and how the application fixes it. No-op after
     * {@link #install} or {@link #prepareDeclaredFilter}.
     */
    public static void completeAtFilterStart(ServletContext context, EveSsoConfig config) {
        SessionCookieHardening.hardenOrWarn(context);
        try {
            SessionEndListener.register(context);
        } catch (IllegalStateException | UnsupportedOperationException tooLate) {
            LOG.log(Level.WARNING, "EVE SSO: the library''s initializer did not run in {0} and the container no longer"
                    + " takes listeners, so a session that times out or is invalidated keeps its refresh token"
                    + " unrevoked and no onLogout fires. Let the container run ServletContainerInitializers of jars.",
                    SessionCookieHardening.contextName(context));
        }
        List<String> unserved = ownPaths(config).stream()
                .filter(path -> !LoginPathsServlet.isServed(context, path))
                .toList();
        if (unserved.isEmpty()) {
            return;
        }
        try {
            LoginPathsServlet.register(context, unserved);
        } catch (IllegalStateException | UnsupportedOperationException tooLate) {
            LOG.log(Level.WARNING, "EVE SSO: no servlet of {0} maps {1}, and the container no longer takes new"
                    + " servlets when EveSsoFilter starts ({2}). Without a default servlet, requests to these paths get"
                    + " 404 before the filter can answer them. Map them in web.xml to any servlet of the application"
                    + " (the filter answers these paths before the servlet runs), or give the application a default"
                    + " servlet.", SessionCookieHardening.contextName(context), String.join(" and ", unserved),
                    tooLate.getMessage());
        }
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
}
