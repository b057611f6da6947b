package io.github.evesso.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/** {@code POST /v2/oauth/revoke}: revokes a refresh token of the authenticated client; 200 even if unknown. */
final class RevokeHandler implements EndpointHandler {

    private final LocalEveSso sso;

    RevokeHandler(LocalEveSso sso) {
        this.sso = sso;
    }

    @Override
    public void handle(HttpExchange ex, RecordedRequest request, Fault fault) throws IOException {
        ClientRegistry.Client client = Http.authenticatedFormPost(ex, request, sso.clients());
        if (client == null) {
            return;
        }
        String token = request.formValue("token");
        if (token == null) {
            Http.oauthError(ex, 400, "invalid_request", "token is required.");
            return;
        }
        sso.grants().revoke(token, client.clientId());
        Http.send(ex, 200, null, null, Map.of());
    }
}
