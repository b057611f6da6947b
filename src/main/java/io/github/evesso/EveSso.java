package io.github.evesso;

import io.github.evesso.internal.EveSsoRuntime;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Attribute names and helpers for applications using EVE SSO.
 *
 * <p>On every request that passed {@link EveSsoFilter} with a login, the request and the session hold
 * {@link #CHARACTER} (an {@link EveCharacter}) and {@link #TOKEN} (an {@link EveAccessToken}), and
 * {@code request.getUserPrincipal()} is the {@link EveCharacter}.
 */
public final class EveSso {
    /** Request and session attribute: the logged-in {@link EveCharacter}. */
    public static final String CHARACTER = "io.github.evesso.character";
    /** Request and session attribute: the logged-in character's {@link EveAccessToken}. */
    public static final String TOKEN = "io.github.evesso.token";
    /** Request attribute for a custom error page: the reason code, e.g. {@code state_expired}. */
    public static final String ERROR_CODE = "io.github.evesso.error.code";
    /** Request attribute for a custom error page: the human sentence. */
    public static final String ERROR_MESSAGE = "io.github.evesso.error.message";
    /** Request attribute for a custom error page: the URL that starts a new login. */
    public static final String ERROR_LOGIN_URL = "io.github.evesso.error.loginUrl";
    /** Response header of a 401 for API/AJAX requests: the URL that starts a login. */
    public static final String LOGIN_URL_HEADER = "X-EveSso-Login-Url";
    /** What {@code request.getAuthType()} returns for a logged-in request. */
    public static final String AUTH_TYPE = "EVE_SSO";
    /** The filter's name when registered by {@link #install}. */
    public static final String FILTER_NAME = "EveSsoFilter";
    /** The callback servlet's name when registered by {@link #install}. */
    public static final String CALLBACK_SERVLET_NAME = "EveSsoCallbackServlet";

    private EveSso() {
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

    /** The logged-in character of {@code request}, from the request or its session. */
    public static Optional<EveCharacter> character(HttpServletRequest request) {
        return token(request).map(EveAccessToken::character);
    }

    /** The access token of {@code request}'s login, from the request or its session. */
    public static Optional<EveAccessToken> token(HttpServletRequest request) {
        if (request.getAttribute(TOKEN) instanceof EveAccessToken token) {
            return Optional.of(token);
        }
        HttpSession session = request.getSession(false);
        try {
            return session != null && session.getAttribute(TOKEN) instanceof EveAccessToken token
                    ? Optional.of(token) : Optional.empty();
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    /**
     * Installs EVE SSO with {@code config}: registers {@link EveSsoFilter} on {@code /*} and
     * {@link EveSsoCallbackServlet} on the callback URL's path, and makes the session cookie {@code HttpOnly} and
     * {@code SameSite=Lax} (unless the application set {@code SameSite} itself). Call it while the context starts (from a
     * {@code ServletContainerInitializer} or a {@code @WebListener}'s {@code contextInitialized}).
     *
     * @throws EveSsoConfigException when the configuration does not fit this application
     */
    public static void install(ServletContext context, EveSsoConfig config) {
        EveSsoRuntime runtime = EveSsoRuntime.install(context, config);
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, new EveSsoFilter());
        if (filter == null) {
            EveSsoRuntime.uninstall(context);
            throw new EveSsoConfigException(List.of("the application already has a filter named " + FILTER_NAME));
        }
        hardenSessionCookie(context.getSessionCookieConfig());
        releaseOnShutdown(context);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        filter.setAsyncSupported(true);
        ServletRegistration.Dynamic servlet = context.addServlet(CALLBACK_SERVLET_NAME, new EveSsoCallbackServlet());
        servlet.addMapping(runtime.callbackPath());
        servlet.setAsyncSupported(true);
    }
}
