package io.github.evesso.internal.runtime;

import io.github.evesso.EveSsoConfigException;
import io.github.evesso.EveSsoFilter;
import io.github.evesso.internal.config.ConfigLoader;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Set;

/**
 * Drop-in registration: when the application is configured (any {@code eve.sso.*} setting in a context-param or
 * MicroProfile Config) and declares no {@link EveSsoFilter} of its own, installs EVE SSO as
 * {@code EveSso.install} does; an invalid configuration fails the application's start with one message listing every problem.
 * {@code eve.sso.auto-register=false} switches this off.
 */
public final class EveSsoInitializer implements ServletContainerInitializer {
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        if (ConfigLoader.value(context, name -> null, ConfigLoader.AUTO_REGISTER).map("false"::equalsIgnoreCase).orElse(false)
                || !ConfigLoader.configured(context)
                || context.getAttribute(EveSsoRuntime.ATTRIBUTE) != null
                || declaresFilter(context)) {
            return;
        }
        try {
            Registration.install(context, ConfigLoader.load(context, name -> null));
        } catch (EveSsoConfigException e) {
            // a ServletException fails this application's start only; a RuntimeException here fails the container's
            throw new ServletException(e.getMessage());
        }
    }

    private static boolean declaresFilter(ServletContext context) {
        return context.getFilterRegistrations().values().stream()
                .map(registration -> registration.getClassName())
                .filter(name -> name != null)
                .anyMatch(name -> {
                    try {
                        return EveSsoFilter.class.isAssignableFrom(Class.forName(name, false, context.getClassLoader()));
                    } catch (ClassNotFoundException | LinkageError e) {
                        return false;
                    }
                });
    }
}
