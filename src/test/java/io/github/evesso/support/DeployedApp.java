package io.github.evesso.support;

import io.github.evesso.EveSsoFilter;
import io.github.evesso.internal.runtime.EveSsoRuntime;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/**
 * An embedded Tomcat on 127.0.0.1 (reached as {@code localhost}) that deploys a {@link WebappDir} at {@link #CONTEXT}
 * the way a WAR is deployed: {@code tomcat.addWebapp}, so {@code ContextConfig} reads {@code web.xml}, scans
 * {@code WEB-INF/classes} for annotations and runs the {@code ServletContainerInitializer}s found through
 * {@code META-INF/services} (the library's drop-in initializer among them). Tomcat's default servlet serves static
 * files (unless {@link #withoutDefaultServlet}); there is no JSP support.
 *
 * <p>Create it first ({@link #create()} binds the port), write the webapp with {@link #callbackUrl()}, then
 * {@link #deploy}. A context that fails to start does not throw: check {@link #started()}.
 */
public final class DeployedApp implements AutoCloseable {
    /** The context path. */
    public static final String CONTEXT = "/app";

    private final LoopbackTomcat server = new LoopbackTomcat(0);
    private final Tomcat tomcat = server.tomcat;
    private final Path baseDir = server.baseDir;
    private final int port = server.port;
    private Context context;
    private LifecycleException startFailure;
    private boolean defaultServlet = true;

    private DeployedApp() {
    }

    /** A Tomcat with its port bound and nothing deployed yet. */
    public static DeployedApp create() {
        return new DeployedApp();
    }

    /**
     * Deploys without Tomcat's default servlet, as an application that maps only its own servlets (say
     * {@code /api/*}): a request no servlet maps is answered 404 before any filter runs. Call before {@link #deploy}.
     */
    public DeployedApp withoutDefaultServlet() {
        defaultServlet = false;
        return this;
    }

    /** Deploys {@code webapp} and starts Tomcat. */
    public DeployedApp deploy(WebappDir webapp) {
        return deploy(webapp, ctx -> {
        });
    }

    /**
     * Deploys {@code webapp} at {@link #CONTEXT} and starts Tomcat.
     *
     * @param beforeStart changes to the context before it starts (e.g. an extra, programmatic initializer; those
     *     run before the ones discovered in {@code META-INF/services})
     */
    public DeployedApp deploy(WebappDir webapp, Consumer<Context> beforeStart) {
        if (context != null) {
            throw new IllegalStateException("already deployed");
        }
        // Tomcat's defaults minus the JSP servlet (Jasper is not on the class path): default servlet, mime types
        tomcat.setAddDefaultWebXmlToWebapp(false);
        context = tomcat.addWebapp(CONTEXT, webapp.root().toString());
        context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && defaultServlet) {
                Wrapper files = Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
                files.setLoadOnStartup(1);
                files.setOverridable(true);
                context.addServletMapping("/", "default");
                context.addWelcomeFile("index.html");
                Tomcat.addDefaultMimeTypeMappings(context);
            }
        });
        StandardManager manager = new StandardManager();
        manager.setPathname(null); // no session persistence
        context.setManager(manager);
        // Container class path jars hold no web fragments here; not scanning them keeps start-up fast. The library's
        // initializer is still found: Tomcat reads META-INF/services through the class loaders, not the jar scanner.
        if (context.getJarScanner() instanceof StandardJarScanner scanner) {
            scanner.setScanClassPath(false);
        }
        beforeStart.accept(context);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            startFailure = e;
        }
        return this;
    }

    /** Whether the context is up and serving. */
    public boolean started() {
        return context != null && context.getState() == LifecycleState.STARTED && context.getState().isAvailable();
    }

    /** The context's lifecycle state. */
    public LifecycleState state() {
        return context.getState();
    }

    /** The exception {@code tomcat.start()} threw, or {@code null} (a failed context usually does not throw). */
    public LifecycleException startFailure() {
        return startFailure;
    }

    /** The Tomcat context. */
    public Context context() {
        return context;
    }

    /** The application's servlet context. */
    public ServletContext servletContext() {
        return context.getServletContext();
    }

    /** The library's runtime in the application, or {@code null} when EVE SSO is not installed. */
    public EveSsoRuntime runtime() {
        return (EveSsoRuntime) servletContext().getAttribute(EveSsoRuntime.ATTRIBUTE);
    }

    /** The filter registrations (name to registration) whose class is an {@link EveSsoFilter}. */
    public Map<String, ? extends FilterRegistration> eveSsoFilters() {
        ClassLoader loader = context.getLoader().getClassLoader();
        return servletContext().getFilterRegistrations().entrySet().stream()
                .filter(e -> isEveSsoFilter(e.getValue().getClassName(), loader))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The URL patterns mapped to servlet {@code name}, or an empty list when there is no such servlet. */
    public List<String> servletMappings(String name) {
        var registration = servletContext().getServletRegistration(name);
        return registration == null ? List.of() : List.copyOf(registration.getMappings());
    }

    private void releaseMicroProfileConfig() {
        if (context == null || context.getLoader() == null || context.getLoader().getClassLoader() == null) {
            return;
        }
        try {
            ConfigProviderResolver resolver = ConfigProviderResolver.instance();
            resolver.releaseConfig(resolver.getConfig(context.getLoader().getClassLoader()));
        } catch (RuntimeException e) {
            // nothing was kept
        }
    }

    private static boolean isEveSsoFilter(String className, ClassLoader loader) {
        try {
            return EveSsoFilter.class.isAssignableFrom(Class.forName(className, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code http://localhost:<port>/app<path>}. */
    public URI url(String path) {
        return URI.create("http://localhost:" + port + CONTEXT + path);
    }

    /** {@code http://localhost:<port>/app/sso/callback}. */
    public URI callbackUrl() {
        return url("/sso/callback");
    }

    /**
     * Stops Tomcat and deletes its work directory. Also releases the MicroProfile Config that SmallRye (on the test
     * class path, shared by every deployment) keeps for the webapp's class loader, so that stopped webapps are not
     * retained.
     */
    @Override
    public void close() {
        releaseMicroProfileConfig();
        server.close();
    }
}
