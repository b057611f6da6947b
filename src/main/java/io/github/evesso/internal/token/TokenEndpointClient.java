package io.github.evesso.internal.token;

import io.github.evesso.EveSsoConfig;
import jakarta.json.bind.Jsonb;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls the SSO's token and revoke endpoints with HTTP Basic client authentication (standard Base64 with padding):
 * code exchange (with the PKCE verifier), refresh, and revocation.
 */
public final class TokenEndpointClient {
    private static final System.Logger LOG = System.getLogger(TokenEndpointClient.class.getName());

    private final SsoEndpoints endpoints;
    private final SsoHttp http;
    private final Jsonb jsonb;
    private final String basicCredentials;

    /** Creates the client. */
    public TokenEndpointClient(EveSsoConfig config, SsoEndpoints endpoints, SsoHttp http, Jsonb jsonb) {
        this.endpoints = endpoints;
        this.http = http;
        this.jsonb = jsonb;
        this.basicCredentials = Base64.getEncoder()
                .encodeToString((config.clientId() + ":" + config.clientSecret()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Exchanges an authorization code.
     *
     * @param codeVerifier the PKCE verifier, or {@code null} when PKCE is off
     */
    public TokenResponse exchangeCode(String code, String codeVerifier) throws SsoException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        if (codeVerifier != null) {
            form.put("code_verifier", codeVerifier);
        }
        return tokenCall(form, "code exchange");
    }

    /** Exchanges a refresh token for new tokens. */
    public TokenResponse refresh(String refreshToken) throws SsoException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return tokenCall(form, "token refresh");
    }

    /** Revokes a refresh token. */
    public void revoke(String refreshToken) throws SsoException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token_type_hint", "refresh_token");
        form.put("token", refreshToken);
        SsoHttp.Response response = http.postForm(endpoints.revocation(), basicCredentials, form, "token revocation");
        if (response.status() / 100 != 2) {
            throw new SsoRejectedException(response.status(), TokenResponse.errorCode(jsonb, response.body()));
        }
    }

    private TokenResponse tokenCall(Map<String, String> form, String what) throws SsoException {
        SsoHttp.Response response = http.postForm(endpoints.token(), basicCredentials, form, what);
        if (response.status() == 200) {
            return TokenResponse.parse(jsonb, response.body());
        }
        String error = TokenResponse.errorCode(jsonb, response.body());
        if (response.status() == 401 || error.startsWith("invalid_client")) {
            LOG.log(Level.ERROR, "EVE SSO rejected the client credentials during {0} (HTTP {1}, {2}):"
                    + " check eve.sso.client-id and eve.sso.client-secret", what, response.status(), error);
        }
        if (response.status() / 100 == 4) {
            throw new SsoRejectedException(response.status(), error);
        }
        throw new SsoBadResponseException(what + ": unexpected HTTP " + response.status());
    }
}
