package io.github.evesso.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/** {@code GET /oauth/jwks}: the published RS256 key(s) and the ES256 key. */
final class JwksHandler implements EndpointHandler {

    private final KeyRing keys;

    JwksHandler(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public void handle(HttpExchange ex, RecordedRequest request, Fault fault) throws IOException {
        if (!request.method().equals("GET")) {
            Http.methodNotAllowed(ex, "GET");
            return;
        }
        Http.send(ex, 200, Http.JSON, keys.publicJwks().toString(true), Map.of());
    }
}
