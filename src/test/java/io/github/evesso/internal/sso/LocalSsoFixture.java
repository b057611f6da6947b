package io.github.evesso.internal.sso;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.support.TestClock;
import io.github.evesso.testing.LocalEveSso;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SSO layer's test bench without a servlet container: a started {@link LocalEveSso} on a {@link TestClock} with
 * one registered application, and the library's SSO objects ({@link SsoHttp}, {@link SsoEndpoints},
 * {@link TokenEndpointClient}) wired to it as {@code EveSsoRuntime} wires them. Hold it in a test's
 * {@code @AutoClose} field: closing it closes every client it made, then the SSO.
 */
public final class LocalSsoFixture implements AutoCloseable {
    /** The registered application's client id. */
    public static final String CLIENT_ID = "component-client";
    /** The registered application's secret. */
    public static final String CLIENT_SECRET = "the-component-secret";
    /** The registered application's callback. */
    public static final URI CALLBACK = URI.create("http://localhost:8080/app/sso/callback");

    /** The clock of the SSO and of every configuration made here. */
    public final TestClock clock = new TestClock();
    /** The started local SSO. */
    public final LocalEveSso sso;
    private final Jsonb jsonb = JsonbBuilder.create();
    private final List<AutoCloseable> clients = new ArrayList<>();

    /** Starts the local SSO with {@link #CLIENT_ID} registered. */
    public LocalSsoFixture() {
        this(b -> {
        });
    }

    /** Starts the local SSO with {@link #CLIENT_ID} registered and {@code settings} applied. */
    public LocalSsoFixture(Consumer<LocalEveSso.Builder> settings) {
        LocalEveSso.Builder builder = LocalEveSso.builder().clock(clock).client(CLIENT_ID, CLIENT_SECRET,
                CALLBACK.toString());
        settings.accept(builder);
        sso = builder.build().start();
    }

    /** The application's configuration against the local SSO's metadata, changed by {@code customize}. */
    public EveSsoConfig config(Consumer<EveSsoConfig.Builder> customize) {
        EveSsoConfig.Builder builder = EveSsoConfig.builder()
                .clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET)
                .callbackUrl(CALLBACK)
                .metadataUrl(URI.create(sso.metadataUrl()))
                .clock(clock)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(3));
        customize.accept(builder);
        return builder.build();
    }

    /** The application's configuration against the local SSO's metadata, as {@link #config(Consumer)} makes it. */
    public EveSsoConfig config() {
        return config(b -> {
        });
    }

    /** A new HTTP client with {@code config}'s timeouts, closed with the fixture. */
    public SsoHttp http(EveSsoConfig config) {
        SsoHttp http = new SsoHttp(config.connectTimeout(), config.readTimeout());
        clients.add(http);
        return http;
    }

    /** The JSON-B instance the SSO objects share. */
    public Jsonb jsonb() {
        return jsonb;
    }

    /** The endpoint resolver for {@code config}, on a client of its own. */
    public SsoEndpoints endpoints(EveSsoConfig config) {
        return new SsoEndpoints(config, http(config), jsonb);
    }

    /**
     * The token-endpoint client for {@code config}, with its own endpoint resolver and HTTP client; closed with the
     * fixture (which stops its revocation retries).
     */
    public TokenEndpointClient tokenClient(EveSsoConfig config) {
        SsoHttp http = http(config);
        TokenEndpointClient client = new TokenEndpointClient(config, new SsoEndpoints(config, http, jsonb), http,
                jsonb);
        clients.add(client);
        return client;
    }

    /** Closes every client made here (token-endpoint clients first, as the runtime does), then the SSO. */
    @Override
    public void close() throws Exception {
        for (int i = clients.size() - 1; i >= 0; i--) {
            clients.get(i).close();
        }
        jsonb.close();
        sso.close();
    }
}
