package io.github.evesso.support;

import io.github.evesso.EveSsoCallbackServlet;
import io.github.evesso.EveSsoFilter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * An application that adds the library's filter (on {@code /*}) and callback servlet (on {@code /sso/callback})
 * itself, from a scanned {@code @WebListener}: after every {@code ServletContainerInitializer} has run, so the
 * library's initializer never saw this filter. The filter reads its settings from the context-params; the
 * application sets {@code eve.sso.auto-register=false} so that the drop-in registration stays out of the way.
 */
@WebListener
public class FilterAddingListener implements ServletContextListener {
    /** The name of the added filter. */
    public static final String FILTER = "app-added-sso";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        ctx.addFilter(FILTER, EveSsoFilter.class).addMappingForUrlPatterns(null, false, "/*");
        ctx.addServlet("app-added-callback", EveSsoCallbackServlet.class).addMapping("/sso/callback");
    }
}
