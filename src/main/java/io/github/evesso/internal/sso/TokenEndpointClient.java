package io.github.evesso.internal.sso;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.sso.RetryAfterGates.Call;
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
 * code exchange (with the callback URL as {@code redirect_uri} and the PKCE verifier), refresh, and revocation.
 * Honours the SSO's {@code Retry-After} for every login ({@link RetryAfterGates}: a wait asked on a code exchange holds
 * back logins only) and sends again, later, the revocations it could not send ({@link RevocationRetries}).
 * {@link #close()} stops those retries.
 */
public final class TokenEndpointClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TokenEndpointClient.class.getName());

    private final SsoEndpoints endpoints;
    private final SsoHttp http;
    private final Jsonb jsonb;
    private final String basicCredentials;
    private final String redirectUri;
    private final Clock clock;
    private final RetryAfterGates gates = new RetryAfterGates();
    private final RevocationRetries revocationRetries;

    /** Creates the client. */
    public TokenEndpointClient(EveSsoConfig config, SsoEndpoints endpoints, SsoHttp http, Jsonb jsonb) {
        this.endpoints = endpoints;
        this.http = http;
        this.jsonb = jsonb;
        this.basicCredentials = Base64.getEncoder()
                .encodeToString((config.clientId() + ":" + config.clientSecret()).getBytes(StandardCharsets.UTF_8));
        this.redirectUri = config.callbackUrl().toString();
        this.clock = config.clock();
        this.revocationRetries = new RevocationRetries(this::revoke, () -> gates.closedUntil(Call.REVOCATION),
                clock, config.maxRetryBackoff());
    }

    /**
     * Exchanges an authorization code. Sends {@code redirect_uri}, the exact callback URL of the authorization
     * request, as RFC 6749 section 4.1.3 requires (EVE does not need it, standard servers refuse the code without it).
     *
     * @param codeVerifier the PKCE verifier, or {@code null} when PKCE is off
     */
    public TokenResponse exchangeCode(String code, String codeVerifier) throws SsoException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (codeVerifier != null) {
            form.put("code_verifier", codeVerifier);
        }
        return tokenCall(form, Call.CODE_EXCHANGE);
    }

    /** Exchanges a refresh token for new tokens. */
    public TokenResponse refresh(String refreshToken) throws SsoException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return tokenCall(form, Call.REFRESH);
    }

    /** Revokes a refresh token. */
    public void revoke(String refreshToken) throws SsoException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token_type_hint", "refresh_token");
        form.put("token", refreshToken);
        SsoHttp.Response response = post(endpoints.revocation(), form, Call.REVOCATION);
        if (response.status() / 100 != 2) {
            throw new SsoRejectedException(response.status(), TokenResponse.errorCode(jsonb, response.body()));
        }
    }

    /**
     * Revokes a refresh token, logging instead of throwing when that fails: revocation is best effort and never
     * blocks what the caller is doing. When the SSO is unavailable or asked to wait, the token is queued and its
     * revocation sent again once the SSO takes calls (at most {@value RevocationRetries#CAPACITY} wait).
     *
     * @param occasion what the revocation is for, for the log (e.g. "logout")
     */
    public void revokeQuietly(String refreshToken, String occasion) {
        try {
            revoke(refreshToken);
        } catch (SsoUnavailableException e) {
            LOG.log(Level.WARNING, "Revoking the EVE refresh token ({0}) failed: {1}; it is sent again once EVE SSO"
                    + " takes calls", occasion, e.getMessage());
            revocationRetries.add(refreshToken);
        } catch (SsoException refused) {
            LOG.log(Level.WARNING, "Revoking the EVE refresh token ({0}) failed: {1}", occasion, refused.getMessage());
        }
    }

    /** Stops sending queued revocations; those still queued are dropped. */
    @Override
    public void close() {
        revocationRetries.close();
    }

    /** Until when the SSO asked refresh calls to wait ({@code Retry-After}); a past instant when it asks no wait. */
    public Instant refreshesPausedUntil() {
        return gates.closedUntil(Call.REFRESH);
    }

    /**
     * One POST, unless the SSO asked such calls to wait ({@code Retry-After} on a 429, 420 or 5xx): EVE rate-limits
     * per application, so one login's back-off is not enough; every login honours the wait. Any answer the SSO
     * gives wakes the queued revocations.
     */
    private SsoHttp.Response post(URI endpoint, Map<String, String> form, Call call) throws SsoException {
        Instant now = clock.instant();
        Instant until = gates.closedUntil(call);
        if (now.isBefore(until)) {
            throw new SsoUnavailableException(call.description() + ": EVE SSO asked to wait until " + until,
                    Duration.between(now, until), null);
        }
        SsoHttp.Response response;
        try {
            response = http.postForm(endpoint, basicCredentials, form, call.description());
        } catch (SsoUnavailableException e) {
            e.retryAfter().ifPresent(wait -> gates.close(call, now, wait));
            throw e;
        }
        revocationRetries.wake();
        return response;
    }

    private TokenResponse tokenCall(Map<String, String> form, Call call) throws SsoException {
        SsoHttp.Response response = post(endpoints.token(), form, call);
        String what = call.description();
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
