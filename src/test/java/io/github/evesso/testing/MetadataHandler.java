package io.github.evesso.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /.well-known/oauth-authorization-server}: the RFC 8414 document, shaped like EVE's, as far as served. */
final class MetadataHandler implements EndpointHandler {

    /**
     * The client authentication methods {@link ClientRegistry#authenticate} accepts, at the token and revocation
     * endpoints. EVE's own document lists further ones (such as {@code client_secret_jwt}); this server does not
     * implement them, so it does not advertise them.
     */
    static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post");

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
        json.put("code_challenge_methods_supported", List.of("S256"));
        Http.json(ex, 200, json);
    }
}
