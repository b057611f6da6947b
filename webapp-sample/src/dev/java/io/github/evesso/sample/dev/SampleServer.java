package io.github.evesso.sample.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.Engine;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Valve;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.ApplicationParameter;
import org.apache.tomcat.util.descriptor.web.ContextResource;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * The sample WAR on an embedded Tomcat, deployed like a WAR dropped into Tomcat's {@code webapps}: its own
 * {@code web.xml} (or annotations), its {@code WEB-INF/lib}, the library's {@code ServletContainerInitializer}.
 * The web application sees only Tomcat and the JDK from the launching JVM (not the test or launcher classpath), so a
 * jar missing from the WAR fails here as it would on a real server.
 *
 * <p>Two steps, so that the port is known before the application starts: {@link #bind} then {@link #deploy}.
 */
public final class SampleServer implements AutoCloseable {
    private final Tomcat tomcat = new Tomcat();
    private final Path baseDir;
    private final String address;
    private final int port;
    private Context context;

    private SampleServer(String address, int requestedPort, List<Valve> hostValves) {
        this.address = address;
        try {
            baseDir = Files.createTempDirectory("eve-sso-sample-tomcat");
            // Tomcat may recreate an empty base directory after close() (catalina.base stays set): gone at exit.
            baseDir.toFile().deleteOnExit();
            Files.createDirectories(baseDir.resolve("webapps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tomcat.setBaseDir(baseDir.toString());
        tomcat.enableNaming(); // java:comp/env, with the <Resource>s given to deploy, as on a real Tomcat
        tomcat.setHostname("localhost");
        tomcat.getHost().setAppBase(baseDir.resolve("webapps").toString());
        tomcat.getHost().setAutoDeploy(false);
        hostValves.forEach(tomcat.getHost().getPipeline()::addValve);
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Connector connector = new Connector();
        connector.setPort(requestedPort);
        connector.setProperty("address", address);
        tomcat.setConnector(connector);
        try {
            tomcat.init(); // binds the port
        } catch (LifecycleException e) {
            deleteBaseDir();
            throw new IllegalStateException("cannot listen on " + address + ":" + requestedPort, e);
        }
        if (connector.getLocalPort() <= 0) {
            close();
            throw new IllegalStateException("cannot listen on " + address + ":" + requestedPort
                    + " (is something else using the port?)");
        }
        port = connector.getLocalPort();
    }

    /**
     * Tomcat's error pages without the exception's stack trace and without Tomcat's version, as
     * {@code server-config/tomcat/error-report-valve.xml} configures a server: for requests refused before any
     * application runs (a request line over 8 KB) and for errors the application leaves to Tomcat. The host's own,
     * so that Tomcat adds no default one.
     */
    public static ErrorReportValve quietErrorReports() {
        ErrorReportValve valve = new ErrorReportValve();
        valve.setShowReport(false);
        valve.setShowServerInfo(false);
        return valve;
    }

    /**
     * Creates the server and binds its port.
     *
     * @param address the address to listen on, e.g. {@code 127.0.0.1}
     * @param port the port, 0 for an ephemeral one
     */
    public static SampleServer bind(String address, int port) {
        return bind(address, port, List.of(quietErrorReports()));
    }

    /**
     * Like {@link #bind(String, int)}, with {@code hostValves} in the host's pipeline instead of
     * {@link #quietErrorReports()} (as {@code <Valve>} elements inside {@code <Host>} in {@code server.xml}); without an
     * {@code ErrorReportValve} among them Tomcat adds its default one, which shows stack traces and its version.
     */
    public static SampleServer bind(String address, int port, List<Valve> hostValves) {
        return new SampleServer(address, port, hostValves);
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    /** The address listened on. */
    public String address() {
        return address;
    }

    /** {@code http://localhost:<port><path>}. */
    public URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /**
     * Deploys {@code war} at the root context and starts the server.
     *
     * @param war the WAR file
     * @param contextXml a Tomcat {@code context.xml} applied to the application (as from
     *     {@code conf/Catalina/localhost/ROOT.xml}), or {@code null}
     * @param parameters server-side context parameters, like {@code <Parameter override="false">} in context.xml
     * @throws IllegalStateException when the application does not start
     */
    public SampleServer deploy(Path war, Path contextXml, Map<String, String> parameters) {
        return deploy(war, contextXml, parameters, List.of());
    }

    /**
     * Like {@link #deploy(Path, Path, Map)}, with {@code resources} in the application's {@code java:comp/env}, like
     * {@code <Resource>} elements in its context.xml (the sample's token store: {@link SampleTokenStore}).
     */
    public SampleServer deploy(Path war, Path contextXml, Map<String, String> parameters,
            List<ContextResource> resources) {
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("no WAR at " + war + ": run `mvn package` first");
        }
        // What Tomcat.addWebapp does, but the context is configured completely before it joins the host: on a host
        // already started (see start()) joining starts it.
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(tomcat.noDefaultWebXmlPath());
        StandardContext context = new StandardContext();
        context.setName("");
        context.setPath("");
        context.setDocBase(war.toAbsolutePath().toString());
        context.addLifecycleListener(config);
        context.setParentClassLoader(new ContainerOnlyClassLoader(Tomcat.class.getClassLoader()));
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false); // WEB-INF/lib only, as on a server
        context.setJarScanner(scanner);
        if (contextXml != null) {
            try {
                context.setConfigFile(contextXml.toUri().toURL());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        parameters.forEach((name, value) -> {
            ApplicationParameter p = new ApplicationParameter();
            p.setName(name);
            p.setValue(value);
            p.setOverride(false);
            context.addApplicationParameter(p);
        });
        // The part of Tomcat's conf/web.xml a servlet-only application needs: static files and MIME types.
        context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                Wrapper files = Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
                files.setLoadOnStartup(1);
                files.setOverridable(true);
                context.addServletMappingDecoded("/", "default");
                Tomcat.addDefaultMimeTypeMappings(context);
            }
        });
        resources.forEach(context.getNamingResources()::addResource);
        this.context = context;
        tomcat.getHost().addChild(context);
        start();
        if (context.getState() != LifecycleState.STARTED) {
            throw new IllegalStateException("the sample application failed to start: see the log above");
        }
        return this;
    }

    /**
     * Starts Tomcat, with the applications deployed so far (none, before {@link #deploy}); a no-op once started. A
     * cluster node starts before its application, so that it has met its peers when the session manager starts.
     */
    public SampleServer start() {
        if (tomcat.getServer().getState() == LifecycleState.STARTED) {
            return this;
        }
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("Tomcat did not start", e);
        }
        return this;
    }

    /** Tomcat's engine, to configure before {@link #start()}: a {@code <Cluster>}, the {@code jvmRoute}. */
    public Engine engine() {
        return tomcat.getEngine();
    }

    /** The deployed context (tests look at its session manager). */
    public Context context() {
        return context;
    }

    /** Stops Tomcat and deletes its temporary directory; idempotent. */
    @Override
    public void close() {
        try {
            if (tomcat.getServer().getState().isAvailable()) {
                tomcat.stop();
            }
            if (tomcat.getServer().getState() != LifecycleState.DESTROYED) {
                tomcat.destroy();
            }
        } catch (LifecycleException e) {
            System.getLogger(SampleServer.class.getName()).log(System.Logger.Level.WARNING, "Stopping Tomcat", e);
        } finally {
            deleteBaseDir();
        }
    }

    private void deleteBaseDir() {
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    /**
     * The web application's parent: only what a real Tomcat gives an application (its own classes, the Servlet API,
     * the JDK). Everything else the launching JVM has on its class path (the library, SmallRye Config, HtmlUnit...)
     * is invisible, so the application runs on what its WAR contains.
     */
    static final class ContainerOnlyClassLoader extends ClassLoader {
        private static final List<String> CONTAINER_PACKAGES = List.of("jakarta.servlet.", "jakarta.el.",
                "jakarta.websocket.", "jakarta.security.auth.message.", "jakarta.annotation.",
                "org.apache.catalina.", "org.apache.tomcat.", "org.apache.coyote.", "org.apache.juli.",
                "org.apache.naming.", "org.apache.el.");
        private final ClassLoader container;
        /** Tomcat's jars (core and annotations API): their resources are the container's. */
        private final List<String> containerJars;

        ContainerOnlyClassLoader(ClassLoader container) {
            super("sample-container", ClassLoader.getPlatformClassLoader());
            this.container = container;
            this.containerJars = Stream.of("org/apache/catalina/startup/Tomcat.class", "jakarta/annotation/Resource.class")
                    .map(container::getResource)
                    .filter(java.util.Objects::nonNull)
                    .map(String::valueOf)
                    .map(s -> s.contains("!/") ? s.substring(0, s.indexOf("!/") + 2) : s)
                    .toList();
        }

        private boolean fromContainer(URL url) {
            return containerJars.stream().anyMatch(url.toString()::startsWith);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            for (String p : CONTAINER_PACKAGES) {
                if (name.startsWith(p)) {
                    return container.loadClass(name);
                }
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            URL url = container.getResource(name);
            return url != null && fromContainer(url) ? url : null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            return Collections.enumeration(Collections.list(container.getResources(name)).stream()
                    .filter(this::fromContainer).toList());
        }
    }
}
