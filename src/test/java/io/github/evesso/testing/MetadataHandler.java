package io.github.evesso.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /.well-known/oauth-authorization-server}: the RFC 8414 document, shaped like EVE's. */
final class MetadataHandler implements EndpointHandler {

    private static final List<String> AUTH_METHODS =
            List.of("client_secret_basic", "client_secret_post", "client_secret_jwt");

    private final LocalEveSso sso;

    MetadataHandler(LocalEveSso sso) {
        this.sso = sso;
    }

    @Override
    public void handle(HttpExchange ex, RecordedRequest request, Fault fault) throws IOException {
        if (!request.method().equals("GET")) {
            Http.methodNotAllowed(ex, "GET");
            return;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issuer", sso.issuer());
        json.put("authorization_endpoint", sso.authorizeUrl());
        json.put("token_endpoint", sso.tokenUrl());
        json.put("response_types_supported", List.of("code", "token"));
        json.put("jwks_uri", sso.jwksUrl());
        json.put("revocation_endpoint", sso.revokeUrl());
        json.put("revocation_endpoint_auth_methods_supported", AUTH_METHODS);
        json.put("token_endpoint_auth_methods_supported", AUTH_METHODS);
        json.put("token_endpoint_auth_signing_alg_values_supported", List.of("HS256"));
        json.put("code_challenge_methods_supported", List.of("S256"));
        Http.json(ex, 200, json);
    }
}
