package io.github.evesso.sample;

import io.github.evesso.sample.dev.SampleServer;
import io.github.evesso.sample.dev.SampleTokenStore;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Valve;

/**
 * One packaged sample WAR on embedded Tomcat (127.0.0.1, reached as {@code localhost}) with the Tomcat configuration
 * from {@code server-config/tomcat/context.xml}, logging in against a {@link LocalEveSso} on 127.0.0.1 in
 * auto-approve mode. The EVE SSO settings are server-side context parameters, as an administrator would set them.
 */
public final class SampleApp implements AutoCloseable {
    /** The sample's client id at the local SSO. */
    public static final String CLIENT_ID = "sample-test-client";
    /** The sample's secret at the local SSO (never to be seen in a page or a log). */
    public static final String CLIENT_SECRET = "sample-test-secret-do-not-leak";

    /** The two configuration styles, each its own WAR. */
    public enum Style {
        /** No web.xml: {@code @WebServlet} pages, the library registers itself. */
        ANNOTATIONS("sample.war"),
        /** {@code WEB-INF/web.xml} declares the filter, the callback servlet and the pages. */
        WEBXML("sample.war.webxml");

        private final String property;

        Style(String property) {
            this.property = property;
        }

        /** The packaged WAR (from the system property failsafe sets). */
        public Path war() {
            String path = System.getProperty(property);
            if (path == null) {
                throw new IllegalStateException(property + " is not set: run the tests with `mvn verify`");
            }
            return Path.of(path);
        }
    }

    final LocalEveSso sso;
    final SampleServer server;

    private SampleApp(LocalEveSso sso, SampleServer server) {
        this.sso = sso;
        this.server = server;
    }

    /** Starts the app of {@code style}; {@code overrides} are further context parameters. */
    static SampleApp start(Style style, Map<String, String> overrides) {
        return start(style, overrides, SampleServer.bind("127.0.0.1", 0), null);
    }

    /**
     * Starts the app of {@code style} with the sample's token store ({@link SampleTokenStore}: its H2 file in
     * {@code dataDir}, as a {@code <Resource>}, and its settings), as the dev launcher runs it.
     */
    static SampleApp startWithTokenStore(Style style, Path dataDir) {
        return start(style, SampleTokenStore.settings(), SampleServer.bind("127.0.0.1", 0), dataDir);
    }

    /** Starts the app of {@code style} with {@code hostValves} in Tomcat's host (see {@link SampleServer#bind}). */
    static SampleApp start(Style style, List<Valve> hostValves) {
        return start(style, Map.of(), SampleServer.bind("127.0.0.1", 0, hostValves), null);
    }

    private static SampleApp start(Style style, Map<String, String> overrides, SampleServer server,
            Path dataDir) {
        LocalEveSso sso = null;
        try {
            String callback = "http://localhost:" + server.port() + "/sso/callback";
            sso = LocalEveSso.builder().client(CLIENT_ID, CLIENT_SECRET, callback).build().start();
            Map<String, String> parameters = settings(sso, callback);
            parameters.putAll(overrides);
            server.deploy(style.war(), contextXml(), parameters,
                    dataDir == null ? List.of() : List.of(SampleTokenStore.h2Resource(dataDir)));
            return new SampleApp(sso, server);
        } catch (RuntimeException e) {
            server.close();
            if (sso != null) {
                sso.close();
            }
            throw e;
        }
    }

    /**
     * The server-side settings (context parameters) of a sample logging in at {@code sso} with the public callback
     * URL {@code callback}; a mutable map, for overrides.
     */
    public static Map<String, String> settings(LocalEveSso sso, String callback) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("eve.sso.client-id", CLIENT_ID);
        parameters.put("eve.sso.client-secret", CLIENT_SECRET);
        parameters.put("eve.sso.callback-url", callback);
        parameters.put("eve.sso.metadata-url", sso.metadataUrl());
        parameters.put("sample.esi-base-url", sso.esiBaseUrl());
        parameters.put("sample.portrait-url", "/static/portrait-placeholder.svg");
        parameters.put("eve.sso.login-min-age", "0"); // the local SSO approves faster than a person
        return parameters;
    }

    static SampleApp start(Style style) {
        return start(style, Map.of());
    }

    static Path contextXml() {
        return Path.of(System.getProperty("sample.context-xml", "../server-config/tomcat/context.xml"));
    }

    URI url(String path) {
        return server.url(path);
    }

    /** What ESI answers for {@code character}'s wallet, asked directly with a token minted by the local SSO. */
    String expectedBalance(TestCharacter character) throws IOException, InterruptedException {
        String token = sso.jwt().sign(sso.jwt()
                .standardClaims(character, CLIENT_ID, List.of(LocalEveSso.WALLET_SCOPE)).build());
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sso.esiBaseUrl() + Wallets.path(character.id())))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("ESI answered " + r.statusCode() + " for " + character.name());
        }
        return Wallets.isk(new BigDecimal(r.body().strip()));
    }

    @Override
    public void close() {
        server.close();
        sso.close();
    }
}
