package io.github.evesso.bench;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.jwt.AccessTokenValidator;
import io.github.evesso.internal.sso.SsoEndpoints;
import io.github.evesso.internal.sso.SsoHttp;
import io.github.evesso.testing.LocalEveSso;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;

/**
 * The set-up the validation benchmarks share: a started {@link LocalEveSso}, the benchmark application's
 * configuration against it, and an {@link AccessTokenValidator} wired as the runtime wires it. Closing stops them.
 */
final class ValidatorBench implements AutoCloseable {
    final LocalEveSso sso = LocalEveSso.builder().build().start();
    final EveSsoConfig config = EveSsoConfig.builder()
            .clientId(BenchServer.CLIENT_ID)
            .clientSecret(BenchServer.CLIENT_SECRET)
            .callbackUrl(URI.create("http://localhost/app/sso/callback"))
            .metadataUrl(URI.create(sso.metadataUrl()))
            .scopes(BenchServer.SCOPES)
            .build();
    final SsoHttp http = new SsoHttp(config.connectTimeout(), config.readTimeout());
    final Jsonb jsonb = JsonbBuilder.create();
    final AccessTokenValidator validator = new AccessTokenValidator(config, new SsoEndpoints(config, http, jsonb),
            http);

    /** A token the local SSO signs now for its first character with the benchmark's scopes. */
    String token() {
        return sso.jwt().sign(sso.jwt().standardClaims(sso.characters().get(0), BenchServer.CLIENT_ID,
                BenchServer.SCOPES).build());
    }

    @Override
    public void close() throws Exception {
        http.close();
        jsonb.close();
        sso.close();
    }
}
