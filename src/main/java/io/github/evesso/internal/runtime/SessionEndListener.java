package io.github.evesso.internal.runtime;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * Tells the application's runtime when a session ends. Registered by the initializer for every application that has
 * the library (it does nothing where EVE SSO is not installed), or by the filter's start. When the runtime is gone,
 * the application is stopping: sessions that end with their node (a cluster keeps them elsewhere) are no logouts.
 */
final class SessionEndListener implements HttpSessionListener {
    /** Context attribute set once the listener is registered, so that it is registered only once. */
    static final String REGISTERED = "io.github.evesso.sessionEndListener";

    /**
     * Registers the listener in {@code context} unless it is already.
     *
     * @throws IllegalStateException or {@link UnsupportedOperationException} when the container no longer takes
     *     listeners
     */
    static void register(ServletContext context) {
        if (context.getAttribute(REGISTERED) == null) {
            context.addListener(new SessionEndListener());
            context.setAttribute(REGISTERED, Boolean.TRUE);
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        if (event.getSession().getServletContext().getAttribute(EveSsoRuntime.ATTRIBUTE) instanceof EveSsoRuntime r) {
            r.sessionEnded(event.getSession());
        }
    }
}
