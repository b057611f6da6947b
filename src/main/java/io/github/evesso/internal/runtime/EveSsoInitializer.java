package io.github.evesso.internal.runtime;

import io.github.evesso.EveSsoConfigException;
import io.github.evesso.EveSsoFilter;
import io.github.evesso.internal.config.ConfigLoader;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Optional;
import java.util.Set;

/**
 * Runs in every application that has the library, before the context is initialised. When the application declares
 * an {@link EveSsoFilter} of its own ({@code web.xml} or annotation), it hardens the session cookie and maps the login
 * and logout paths for it ({@link Registration#prepareDeclaredFilter}), whatever {@code eve.sso.auto-register} says.
 * Otherwise, when the application is configured (any {@code eve.sso.*} setting in a context-param or MicroProfile
 * Config), it installs EVE SSO as {@code EveSso.install} does; an invalid configuration fails the application's start
 * with one message listing every problem. {@code eve.sso.auto-register=false} switches that installation off. In
 * every case it registers the listener that ends a login whose session ends ({@link SessionEndListener}).
 */
public final class EveSsoInitializer implements ServletContainerInitializer {
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        SessionEndListener.register(context); // every style: a no-op where EVE SSO is never installed
        if (context.getAttribute(EveSsoRuntime.ATTRIBUTE) != null) {
            return; // installed already, by an initializer that ran before this one
        }
        Optional<? extends FilterRegistration> declared = declaredFilter(context);
        if (declared.isPresent()) {
            Registration.prepareDeclaredFilter(context, declared.get());
            return;
        }
        if (ConfigLoader.value(context, name -> null, ConfigLoader.AUTO_REGISTER).map("false"::equalsIgnoreCase).orElse(false)
                || !ConfigLoader.configured(context)) {
            return;
        }
        try {
            Registration.install(context, ConfigLoader.load(context, name -> null));
        } catch (EveSsoConfigException e) {
            // a ServletException fails this application's start only; a RuntimeException here fails the container's
            throw new ServletException(e.getMessage());
        }
    }

    private static Optional<? extends FilterRegistration> declaredFilter(ServletContext context) {
        return context.getFilterRegistrations().values().stream()
                .filter(registration -> registration.getClassName() != null)
                .filter(registration -> {
                    try {
                        return EveSsoFilter.class.isAssignableFrom(
                                Class.forName(registration.getClassName(), false, context.getClassLoader()));
                    } catch (ClassNotFoundException | LinkageError e) {
                        return false;
                    }
                })
                .findFirst();
    }
}
