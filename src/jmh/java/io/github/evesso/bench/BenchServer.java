package io.github.evesso.bench;

import io.github.evesso.EveSso;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.runtime.EveSsoRuntime;
import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.testing.LocalEveSso;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;

/**
 * One embedded Tomcat on 127.0.0.1 serving {@link TinyServlet} three ways, each in its own context: {@code /bare}
 * (no filter; {@code /bare/public/login} gives a plain session, for the "bare with a session" variant), {@code /evesso} (EVE SSO installed with {@link EveSso#install} against a {@link LocalEveSso}) and
 * {@code /pac4j} (pac4j's {@code SecurityFilter}, see {@link Pac4jSetup}). Keep-alive connections are never closed by
 * the server (unlimited requests, long timeout) so that the load generator measures requests, not connects.
 */
final class BenchServer implements AutoCloseable {
    static final String CLIENT_ID = "bench-client";
    static final String CLIENT_SECRET = "bench-secret-value";
    static final List<String> SCOPES = List.of("esi-skills.read_skills.v1", LocalEveSso.WALLET_SCOPE);
    static final String PAGE = "/protected/page";

    final LocalEveSso sso;
    private final Tomcat tomcat = new Tomcat();
    private final Path baseDir;
    private final int port;
    final Context bare;
    final Context evesso;
    final Context pac4j;

    BenchServer() throws Exception {
        sso = LocalEveSso.builder().build().start();
        baseDir = Files.createTempDirectory("evesso-bench");
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("localhost");
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxKeepAliveRequests", "-1");
        connector.setProperty("keepAliveTimeout", "600000");
        connector.setProperty("connectionTimeout", "600000");
        tomcat.setConnector(connector);
        tomcat.getHost().setAutoDeploy(false);
        tomcat.init();
        port = connector.getLocalPort();
        String docBase = Files.createDirectories(baseDir.resolve("docroot")).toString();

        bare = context("/bare", docBase);
        bare.addServletContainerInitializer((classes, ctx) -> {
            tinyServlet(ctx);
            ctx.addServlet("sessionLogin", new SessionServlet()).addMapping("/public/login");
        }, null);

        evesso = context("/evesso", docBase);
        URI callback = url("/evesso/sso/callback");
        sso.registerClient(CLIENT_ID, CLIENT_SECRET, callback.toString());
        EveSsoConfig config = EveSsoConfig.builder()
                .clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET)
                .callbackUrl(callback)
                .metadataUrl(URI.create(sso.metadataUrl()))
                .scopes(SCOPES)
                .excludedPaths(List.of("/public/*"))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .loginMinAge(Duration.ZERO) // the local SSO approves at once, faster than a person
                .bearerPaths(List.of("/api/*")) // part 1's bearer variant: no session, a token per request
                .build();
        evesso.addServletContainerInitializer((classes, ctx) -> {
            EveSso.install(ctx, config);
            tinyServlet(ctx);
        }, null);

        pac4j = context("/pac4j", docBase);
        pac4j.addServletContainerInitializer((classes, ctx) -> {
            FilterRegistration.Dynamic filter = ctx.addFilter("pac4jSecurityFilter", Pac4jSetup.securityFilter(
                    sso.authorizeUrl(), sso.tokenUrl(), sso.esiBaseUrl() + "/verify", url("/pac4j/callback").toString(),
                    CLIENT_ID, CLIENT_SECRET, SCOPES));
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            ctx.addServlet("pac4jLogin", new Pac4jSetup.LoginServlet()).addMapping("/public/login");
            tinyServlet(ctx);
        }, null);

        tomcat.start();
        for (Context c : List.of(bare, evesso, pac4j)) {
            if (!c.getState().isAvailable()) {
                throw new IllegalStateException("context " + c.getPath() + " failed to start");
            }
        }
    }

    private Context context(String path, String docBase) {
        Context context = tomcat.addContext(path, docBase);
        StandardManager manager = new StandardManager();
        manager.setPathname(null);
        context.setManager(manager);
        return context;
    }

    private static void tinyServlet(jakarta.servlet.ServletContext context) {
        context.addServlet("tiny", new TinyServlet()).addMapping("/");
    }

    URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    String hostHeader() {
        return "localhost:" + port;
    }

    EveSsoRuntime evessoRuntime() {
        return (EveSsoRuntime) evesso.getServletContext().getAttribute(EveSsoRuntime.ATTRIBUTE);
    }

    /** Logs a new browser in through the whole EVE SSO redirect chain; returns its session cookie. */
    String logInEveSso() {
        Browser browser = new Browser();
        URI page = url("/evesso" + PAGE);
        Page landed = browser.get(page);
        if (landed.status() != 200 || !landed.uri().getPath().equals(page.getPath())) {
            throw new IllegalStateException("EVE SSO login failed: " + landed);
        }
        return "JSESSIONID=" + browser.cookie(page, "JSESSIONID");
    }

    /** A new session in the bare context (no login: a session like any application's); returns its cookie. */
    String bareSession() {
        Browser browser = new Browser();
        Page page = browser.get(url("/bare/public/login"));
        if (page.status() != 200) {
            throw new IllegalStateException("no session: " + page);
        }
        return "JSESSIONID=" + browser.cookie(url("/bare" + PAGE), "JSESSIONID");
    }

    /** Creates a session holding one small attribute. */
    static final class SessionServlet extends jakarta.servlet.http.HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response) throws IOException {
            request.getSession(true).setAttribute("user", "bench");
            response.setContentType("text/plain");
            response.getWriter().print("session\n");
        }
    }

    /** Logs a new browser in to the pac4j context (a profile saved in its session); returns its session cookie. */
    String logInPac4j() {
        Browser browser = new Browser();
        Page page = browser.get(url("/pac4j/public/login"));
        if (page.status() != 200) {
            throw new IllegalStateException("pac4j login failed: " + page);
        }
        return "JSESSIONID=" + browser.cookie(url("/pac4j" + PAGE), "JSESSIONID");
    }

    /** A load connection to {@code context + PAGE} with {@code cookie} (or none). */
    HttpConnection connection(String context, String cookie) {
        return new HttpConnection(address(), hostHeader(), context + PAGE, cookie);
    }

    /**
     * A connection to the EVE SSO context's bearer path carrying a valid access token of its own (minted by the local
     * SSO for this application, valid for the whole run), no cookie.
     */
    HttpConnection bearerConnection() {
        String token = sso.jwt().sign(sso.jwt().standardClaims(sso.characters().get(0), CLIENT_ID, SCOPES).build());
        return new HttpConnection(address(), hostHeader(), "/evesso/api" + PAGE, null, "Bearer " + token);
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        } finally {
            sso.close();
            try (Stream<Path> paths = Files.walk(baseDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
