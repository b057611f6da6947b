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
        if (!request.method().equals("POST")) {
            Http.methodNotAllowed(ex, "POST");
            return;
        }
        if (!Http.isForm(request)) {
            Http.oauthError(ex, 400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
            return;
        }
        ClientRegistry.Client client = sso.clients().authenticate(request.header("Authorization"),
                request.formValue("client_id"));
        if (client == null) {
            Http.invalidClient(ex);
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
