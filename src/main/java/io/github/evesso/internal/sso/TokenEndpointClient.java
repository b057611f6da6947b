package io.github.evesso.internal.sso;

import io.github.evesso.EveSsoConfig;
import jakarta.json.bind.Jsonb;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private final Clock clock;
    /** Set when the SSO answered with {@code Retry-After}: until then, no call of any login goes out. */
    private volatile Instant quietUntil = Instant.MIN;

    /** Creates the client. */
    public TokenEndpointClient(EveSsoConfig config, SsoEndpoints endpoints, SsoHttp http, Jsonb jsonb) {
        this.endpoints = endpoints;
        this.http = http;
        this.jsonb = jsonb;
        this.basicCredentials = Base64.getEncoder()
                .encodeToString((config.clientId() + ":" + config.clientSecret()).getBytes(StandardCharsets.UTF_8));
        this.clock = config.clock();
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
        SsoHttp.Response response = post(endpoints.revocation(), form, "token revocation");
        if (response.status() / 100 != 2) {
            throw new SsoRejectedException(response.status(), TokenResponse.errorCode(jsonb, response.body()));
        }
    }

    /**
     * Revokes a refresh token, logging instead of throwing when that fails: revocation is best effort and never
     * blocks what the caller is doing.
     *
     * @param occasion what the revocation is for, for the log (e.g. "logout")
     */
    public void revokeQuietly(String refreshToken, String occasion) {
        try {
            revoke(refreshToken);
        } catch (SsoException e) {
            LOG.log(Level.WARNING, "Revoking the EVE refresh token ({0}) failed: {1}", occasion, e.getMessage());
        }
    }

    /**
     * One POST, unless the SSO asked every client call to wait ({@code Retry-After} on a 429, 420 or 5xx): EVE
     * rate-limits per application, so one login's back-off is not enough; every login honours the wait.
     */
    private SsoHttp.Response post(URI endpoint, Map<String, String> form, String what) throws SsoException {
        Instant now = clock.instant();
        Instant until = quietUntil;
        if (now.isBefore(until)) {
            throw new SsoUnavailableException(what + ": EVE SSO asked to wait until " + until,
                    Duration.between(now, until), null);
        }
        try {
            return http.postForm(endpoint, basicCredentials, form, what);
        } catch (SsoUnavailableException e) {
            e.retryAfter().ifPresent(wait -> quietUntil = now.plus(Backoff.believed(wait)));
            throw e;
        }
    }

    private TokenResponse tokenCall(Map<String, String> form, String what) throws SsoException {
        SsoHttp.Response response = post(endpoints.token(), form, what);
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
