package io.github.evesso.sample.dev;

import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.LocalEveSsoMain;
import io.github.evesso.testing.TestCharacter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.tomcat.util.descriptor.web.ContextResource;

/**
 * Runs the sample WAR on an embedded Tomcat at {@code http://localhost:8080/}: {@code mvn -Pdev package exec:java}.
 *
 * <p><b>Dev mode</b> ({@code -Deve.sso.dev-mode=true}, set only by the {@code dev} Maven profile, and no EVE
 * application configured): a local fake EVE SSO starts beside the app on {@code 127.0.0.1:9090}, with its own
 * client id and a random secret, so that anyone can log in as a test character without an EVE account. It is
 * refused unless the app listens on a loopback address only, and it logs a loud warning.
 *
 * <p><b>Real EVE SSO</b>: with {@code EVE_SSO_CLIENT_ID}, {@code EVE_SSO_CLIENT_SECRET}, {@code EVE_SSO_CALLBACK_URL}
 * (and optionally {@code EVE_SSO_SCOPES}) in the environment, the same command runs the app against EVE Online: the
 * WAR reads them through MicroProfile Config, exactly as on a server.
 *
 * <p>Options (system properties): {@code sample.port} (8080), {@code sample.bind} (127.0.0.1),
 * {@code sample.sso-port} (9090), {@code sample.style} ({@code annotations} or {@code webxml}),
 * {@code sample.sso-auto-approve} (false: the character picker is shown), {@code sample.data-dir} ({@code data}:
 * the token store's H2 file, {@code data/evesso-sample.mv.db} under the working directory).
 */
public final class DevLauncher {
    private static final System.Logger LOG = System.getLogger(DevLauncher.class.getName());
    /** The switch; only the dev profile sets it. */
    public static final String DEV_MODE = "eve.sso.dev-mode";
    /** The client id of the sample at the local EVE SSO. */
    public static final String DEV_CLIENT_ID = "eve-sso-sample-dev";
    /** The path of the callback servlet (the library's {@code eve.sso.callback-url} must point here). */
    public static final String CALLBACK_PATH = "/sso/callback";

    private DevLauncher() {
    }

    /** How the launcher runs. */
    public enum Mode {
        /** With a local fake EVE SSO: no EVE account needed. */
        DEV,
        /** Against the EVE SSO application configured in the environment. */
        REAL_SSO
    }

    /**
     * What to start.
     *
     * @param devModeFlag the value of {@link #DEV_MODE}
     * @param bind the address the app listens on
     * @param port the app's port (0: any free one)
     * @param ssoPort the local EVE SSO's port in dev mode (0: any free one)
     * @param interactive whether the local EVE SSO shows its character picker (else it approves at once)
     * @param war the WAR to run
     * @param contextXml a Tomcat context.xml for the app, or {@code null}
     * @param dataDir where the token store's H2 database file goes ({@link SampleTokenStore}), or {@code null} for
     *     no token store
     * @param config looks up environment variables and system properties ({@code name -> value or null})
     */
    public record Options(boolean devModeFlag, String bind, int port, int ssoPort, boolean interactive, Path war,
            Path contextXml, Path dataDir, Function<String, String> config) {

        /** The options of {@code mvn exec:java}: system properties and the environment. */
        static Options fromSystem() {
            boolean webxml = "webxml".equalsIgnoreCase(System.getProperty("sample.style", "annotations"));
            String war = System.getProperty(webxml ? "sample.war.webxml" : "sample.war");
            if (war == null) {
                throw new IllegalStateException("sample.war is not set: run `mvn -Pdev package exec:java` in"
                        + " webapp-sample");
            }
            String contextXml = System.getProperty("sample.context-xml");
            return new Options(Boolean.parseBoolean(System.getProperty(DEV_MODE)),
                    System.getProperty("sample.bind", "127.0.0.1"),
                    Integer.getInteger("sample.port", 8080),
                    Integer.getInteger("sample.sso-port", LocalEveSsoMain.DEFAULT_PORT),
                    !Boolean.getBoolean("sample.sso-auto-approve"),
                    Path.of(war),
                    contextXml == null ? null : Path.of(contextXml),
                    Path.of(System.getProperty("sample.data-dir", "data")),
                    name -> System.getProperty(name, System.getenv(name)));
        }
    }

    /** A running sample; {@link #close()} stops the app and the local EVE SSO. */
    public record Running(SampleServer server, LocalEveSso sso, Mode mode) implements AutoCloseable {
        /** {@code http://localhost:<port><path>}. */
        public URI url(String path) {
            return server.url(path);
        }

        @Override
        public void close() {
            server.close();
            if (sso != null) {
                sso.close();
            }
        }
    }

    /** Loggers kept quiet (and referenced, so that their level sticks). */
    private static List<java.util.logging.Logger> quiet;

    /** Starts the sample as {@code mvn -Pdev package exec:java} asks, then runs until the JVM is stopped. */
    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        }
        quiet = Stream.of("org.apache.catalina.loader.WebappLoader", "org.apache.catalina.startup.ContextConfig")
                .map(java.util.logging.Logger::getLogger).toList();
        quiet.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        Running running = start(Options.fromSystem());
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "eve-sso-sample-shutdown"));
        StringBuilder banner = new StringBuilder("\n  EVE SSO sample is running: open ").append(running.url("/"))
                .append('\n');
        if (running.mode() == Mode.DEV) {
            banner.append("  DEV MODE: logins go to a local fake EVE SSO at ").append(running.sso().baseUrl())
                    .append("\n  Test characters: ").append(running.sso().characters().stream()
                            .map(TestCharacter::name).collect(Collectors.joining(", "))).append('\n');
        } else {
            banner.append("  Logins go to the EVE SSO application configured in the environment.\n");
        }
        banner.append("  Stop with Ctrl+C.\n");
        System.out.println(banner);
        new CountDownLatch(1).await();
    }

    /**
     * Decides the mode.
     *
     * @throws IllegalStateException when neither an EVE application is configured nor dev mode is on, or dev mode is
     *     asked for on an address other than loopback
     */
    public static Mode mode(Options options) {
        if (configured(options.config(), "EVE_SSO_CLIENT_ID", "eve.sso.client-id")) {
            if (options.devModeFlag()) {
                LOG.log(Level.INFO, "EVE_SSO_CLIENT_ID is set: using the real EVE SSO, not dev mode");
            }
            return Mode.REAL_SSO;
        }
        if (!options.devModeFlag()) {
            throw new IllegalStateException("No EVE SSO application configured. Set EVE_SSO_CLIENT_ID,"
                    + " EVE_SSO_CLIENT_SECRET and EVE_SSO_CALLBACK_URL (see webapp-sample/README.md), or run"
                    + " `mvn -Pdev package exec:java` for dev mode with a local EVE SSO.");
        }
        requireLoopback(options.bind());
        return Mode.DEV;
    }

    /**
     * Starts the app (and in dev mode the local EVE SSO).
     *
     * @throws IllegalStateException see {@link #mode}, or when the app does not start
     */
    public static Running start(Options options) {
        Mode mode = mode(options);
        SampleServer server = SampleServer.bind(options.bind(), options.port());
        LocalEveSso sso = null;
        try {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (mode == Mode.DEV) {
                String callback = "http://localhost:" + server.port() + CALLBACK_PATH;
                String secret = randomSecret();
                sso = LocalEveSsoMain.startForDevMode(options.ssoPort(), DEV_CLIENT_ID, secret, callback,
                        options.interactive());
                LOG.log(Level.WARNING, "*** DEV MODE *** EVE SSO logins go to a local FAKE EVE SSO at {0}, which"
                        + " logs anyone in as a test character. For development on this machine only: never on a"
                        + " server.", sso.baseUrl());
                parameters.put("eve.sso.client-id", DEV_CLIENT_ID);
                parameters.put("eve.sso.client-secret", secret);
                parameters.put("eve.sso.callback-url", callback);
                parameters.put("eve.sso.metadata-url", sso.metadataUrl());
                parameters.put("sample.esi-base-url", sso.esiBaseUrl());
                parameters.put("sample.portrait-url", "/static/portrait-placeholder.svg");
                // the fake SSO's picker can be clicked (or approve) faster than EVE's login: no minimum age here
                parameters.put("eve.sso.login-min-age", "0");
            } else {
                warnOnCallbackMismatch(options.config().apply("EVE_SSO_CALLBACK_URL"), server.port());
            }
            List<ContextResource> resources = List.of();
            if (options.dataDir() != null) {
                resources = List.of(tokenStore(options, parameters));
            }
            server.deploy(options.war(), options.contextXml(), parameters, resources);
            return new Running(server, sso, mode);
        } catch (RuntimeException e) {
            server.close();
            if (sso != null) {
                sso.close();
            }
            throw e;
        }
    }

    /**
     * The token store on an H2 file in {@code options.dataDir()}: its resource, and its settings added to
     * {@code parameters}. The sample key unless the environment gives one ({@code EVE_SSO_TOKEN_STORE_KEYS}).
     */
    private static ContextResource tokenStore(Options options, Map<String, String> parameters) {
        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + options.dataDir(), e);
        }
        Map<String, String> settings = SampleTokenStore.settings();
        if (configured(options.config(), "EVE_SSO_TOKEN_STORE_KEYS", "eve.sso.token-store-keys")) {
            settings.remove("eve.sso.token-store-keys");
        } else {
            LOG.log(Level.WARNING, "The token store is encrypted with the sample's public key: fine for test"
                    + " characters; for real ones set EVE_SSO_TOKEN_STORE_KEYS=<id>:<key> (openssl rand -base64 32)");
        }
        parameters.putAll(settings);
        LOG.log(Level.INFO, "Token store: H2 database {0}.mv.db, JNDI {1}",
                options.dataDir().toAbsolutePath().normalize().resolve(SampleTokenStore.DATABASE),
                SampleTokenStore.JNDI_NAME);
        return SampleTokenStore.h2Resource(options.dataDir());
    }

    /** Refuses dev mode unless {@code bind} is a loopback address (127.0.0.1, ::1, localhost). */
    static void requireLoopback(String bind) {
        boolean loopback;
        try {
            loopback = bind != null && InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new IllegalStateException("Dev mode refused: the app would listen on " + bind + ". Dev mode lets"
                    + " anyone log in through a fake EVE SSO, so it only runs on 127.0.0.1 / localhost.");
        }
    }

    private static boolean configured(Function<String, String> config, String... names) {
        for (String name : names) {
            String value = config.apply(name);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static void warnOnCallbackMismatch(String callback, int port) {
        if (callback != null && !callback.startsWith("http://localhost:" + port + "/")
                && !callback.startsWith("http://127.0.0.1:" + port + "/")) {
            LOG.log(Level.WARNING, "EVE_SSO_CALLBACK_URL is {0}, but the app listens on port {1}: the callback must"
                    + " reach this app, at path " + CALLBACK_PATH, callback, String.valueOf(port));
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
