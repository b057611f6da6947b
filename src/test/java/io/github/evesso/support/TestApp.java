package io.github.evesso.support;

import io.github.evesso.EveSso;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.runtime.EveSsoRuntime;
import io.github.evesso.testing.LocalEveSso;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Manager;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;

/**
 * The application under test: an embedded Tomcat on 127.0.0.1 (reached as {@code localhost}, so that it is another
 * site than the local SSO on {@code 127.0.0.1}) with one context {@code /app}, EVE SSO installed through
 * {@link EveSso#install}, and {@link EchoServlet} answering every other path (also mapped to {@code /api/*}, so that
 * requests there carry path info).
 *
 * <p>Default settings: client {@link #CLIENT_ID}/{@link #CLIENT_SECRET}, callback {@code /app/sso/callback},
 * scopes {@link #SCOPES}, {@code /public/*} excluded, the SSO's metadata URL and the shared {@link TestClock}, and
 * no minimum login age: the local SSO approves at once and the test clock stands still, so every callback would be
 * "faster than a person" (the tests of that check, {@code LoginBudgetTest}, set it back).
 */
public final class TestApp implements AutoCloseable {
    /** The client id registered at the local SSO. */
    public static final String CLIENT_ID = "test-client";
    /** The secret registered at the local SSO. */
    public static final String CLIENT_SECRET = "test-secret-value-do-not-leak";
    /** The scopes asked for by default. */
    public static final List<String> SCOPES =
            List.of("esi-skills.read_skills.v1", LocalEveSso.WALLET_SCOPE);
    /** The context path, unless a test starts the application at the root ({@link #startAtRoot}). */
    public static final String CONTEXT = "/app";

    // room for oversized callback parameters, so that the library's own limits are what a test meets
    private final LoopbackTomcat server = new LoopbackTomcat(65536);
    private final Tomcat tomcat = server.tomcat;
    private final Path baseDir = server.baseDir;
    private final int port = server.port;
    private final String contextPath;
    private volatile EveSsoConfig config;
    private boolean closed;
    private Context context;

    private TestApp(String contextPath) {
        this.contextPath = contextPath;
    }

    /**
     * Starts the application against {@code sso} (whose client registration is updated to this app's callback).
     *
     * @param customize changes to the default configuration
     * @throws IllegalStateException when the context fails to start (for example a configuration error)
     */
    public static TestApp start(LocalEveSso sso, TestClock clock, Consumer<EveSsoConfig.Builder> customize) {
        return start(sso, clock, customize, ContainerSettings.DEFAULT);
    }

    /**
     * Like {@link #start(LocalEveSso, TestClock, Consumer)}, with container settings (session manager, connector
     * attributes) applied before the context starts.
     */
    public static TestApp start(LocalEveSso sso, TestClock clock, Consumer<EveSsoConfig.Builder> customize,
            ContainerSettings container) {
        return start(new TestApp(CONTEXT), sso, clock, customize, container);
    }

    /** Like {@link #start(LocalEveSso, TestClock, Consumer)}, deployed as the root application (context path "") */
    public static TestApp startAtRoot(LocalEveSso sso, TestClock clock, Consumer<EveSsoConfig.Builder> customize) {
        return start(new TestApp(""), sso, clock, customize, ContainerSettings.DEFAULT);
    }

    private static TestApp start(TestApp app, LocalEveSso sso, TestClock clock,
            Consumer<EveSsoConfig.Builder> customize, ContainerSettings container) {
        try {
            sso.registerClient(CLIENT_ID, CLIENT_SECRET, app.callbackUrl().toString());
            EveSsoConfig.Builder builder = EveSsoConfig.builder()
                    .clientId(CLIENT_ID)
                    .clientSecret(CLIENT_SECRET)
                    .callbackUrl(app.callbackUrl())
                    .metadataUrl(URI.create(sso.metadataUrl()))
                    .scopes(SCOPES)
                    .excludedPaths(List.of("/public/*"))
                    .clock(clock)
                    .connectTimeout(Duration.ofSeconds(2))
                    .readTimeout(Duration.ofSeconds(3))
                    .loginMinAge(Duration.ZERO);
            customize.accept(builder);
            app.deploy(ctx -> EveSso.install(ctx, app.config = builder.build()), container);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    /** Starts the application with the default configuration. */
    public static TestApp start(LocalEveSso sso, TestClock clock) {
        return start(sso, clock, b -> {
        });
    }

    private void deploy(Consumer<ServletContext> install, ContainerSettings container) {
        try {
            Path docBase = Files.createDirectories(baseDir.resolve("docroot"));
            if (container.naming()) {
                tomcat.enableNaming();
            }
            context = tomcat.addContext(contextPath, docBase.toString());
            StandardManager manager = new StandardManager();
            manager.setPathname(null); // no session persistence across restarts unless a test asks for it
            context.setManager(manager);
            container.apply(tomcat.getConnector(), context);
            context.addServletContainerInitializer((classes, ctx) -> install.accept(ctx), null);
            Wrapper echo = Tomcat.addServlet(context, "echo", new EchoServlet());
            echo.setAsyncSupported(true);
            context.addServletMappingDecoded("/", "echo");
            context.addServletMappingDecoded("/api/*", "echo"); // a prefix-mapped servlet: requests with path info
            tomcat.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
        if (context.getState() != LifecycleState.STARTED) {
            throw new IllegalStateException("the test application failed to start");
        }
    }

    /** The context path: {@link #CONTEXT}, or "" at the root. */
    public String contextPath() {
        return contextPath;
    }

    /** The configuration in force. */
    public EveSsoConfig config() {
        return config;
    }

    /** The library's runtime inside the application (to count JWKS/metadata fetches). */
    public EveSsoRuntime runtime() {
        return (EveSsoRuntime) context.getServletContext().getAttribute(EveSsoRuntime.ATTRIBUTE);
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code http://localhost:<port>/app<path>}. */
    public URI url(String path) {
        return URI.create("http://localhost:" + port + contextPath + path);
    }

    /** The callback URL. */
    public URI callbackUrl() {
        return url("/sso/callback");
    }

    /** The context's session manager (to inspect sessions and their attributes). */
    public Manager sessionManager() {
        return context.getManager();
    }

    /** The number of live sessions. */
    public int activeSessions() {
        return context.getManager().getActiveSessions();
    }

    /**
     * Container settings a test may change, applied before the context starts: for example
     * {@code context.setManager(...)} for persistent sessions, or {@code connector.setSecure(true)} and
     * {@code connector.setScheme("https")} for an application behind a TLS-terminating proxy.
     */
    @FunctionalInterface
    public interface ContainerSettings {
        /** No change: an in-memory {@code StandardManager} and a plain HTTP connector. */
        ContainerSettings DEFAULT = (connector, context) -> {
        };

        /** Changes the connector or the context (whose manager is already set to the default one). */
        void apply(Connector connector, Context context);

        /**
         * Whether the container offers JNDI ({@code java:comp/env}), for resources that {@link #apply} adds to the
         * context's {@code NamingResources}; off by default, as in embedded Tomcat.
         */
        default boolean naming() {
            return false;
        }
    }

    /** Stops the application; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
    }
}
