package io.github.evesso.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /v2/oauth/token}: the {@code authorization_code} and {@code refresh_token} grants, behind the rate
 * limit on failed requests when the server has one ({@link FailedRequestLimit}).
 */
final class TokenHandler implements EndpointHandler {

    /** RFC 7636: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final LocalEveSso sso;

    TokenHandler(LocalEveSso sso) {
        this.sso = sso;
    }

    @Override
    public void handle(HttpExchange ex, RecordedRequest request, Fault fault) throws IOException {
        FailedRequestLimit limit = sso.failedRequestLimit();
        if (limit == null) {
            grant(ex, request, fault);
            return;
        }
        Optional<Duration> wait = limit.retryAfter();
        if (wait.isPresent()) {
            ex.getResponseHeaders().set("Retry-After", Long.toString(wait.get().getSeconds()));
            Http.oauthError(ex, 429, "too_many_requests",
                    "Too many failed requests. Retry after " + wait.get().getSeconds() + " seconds.");
            return;
        }
        grant(ex, request, fault);
        if (ex.getResponseCode() / 100 == 4) {
            limit.failed();
        }
    }

    private void grant(HttpExchange ex, RecordedRequest request, Fault fault) throws IOException {
        ClientRegistry.Client client = Http.authenticatedFormPost(ex, request, sso.clients());
        if (client == null) {
            return;
        }
        String grantType = request.formValue("grant_type");
        if (grantType == null) {
            Http.oauthError(ex, 400, "invalid_request", "grant_type is required.");
        } else if (grantType.equals("authorization_code")) {
            authorizationCode(ex, request, client, fault);
        } else if (grantType.equals("refresh_token")) {
            refreshToken(ex, request, client, fault);
        } else {
            Http.oauthError(ex, 400, "unsupported_grant_type", "Unsupported grant_type.");
        }
    }

    private void authorizationCode(HttpExchange ex, RecordedRequest request, ClientRegistry.Client client,
                                   Fault fault) throws IOException {
        String code = request.formValue("code");
        if (code == null) {
            Http.oauthError(ex, 400, "invalid_request", "code is required.");
            return;
        }
        GrantStore.AuthorizationCode grant = sso.grants().takeCode(code);
        String redirectUri = request.formValue("redirect_uri");
        String problem = grant == null ? "Authorization code is invalid or was already used."
                : !grant.clientId().equals(client.clientId()) ? "Authorization code was issued to another client."
                : sso.clock().instant().isAfter(grant.expiresAt()) ? "Authorization code has expired."
                : redirectUri == null && sso.requiresRedirectUri()
                        ? "redirect_uri is required: the authorization request carried one."
                : redirectUri != null && !grant.redirectUri().equals(redirectUri)
                        ? "redirect_uri does not match the authorization request."
                : pkceProblem(grant.codeChallenge(), request.formValue("code_verifier"), client);
        if (problem != null) {
            Http.oauthError(ex, 400, "invalid_grant", problem);
            return;
        }
        String refreshToken = grant.scopes().isEmpty() ? null : sso.grants().issueRefreshToken(
                new GrantStore.RefreshGrant(client.clientId(), grant.characterId(), grant.scopes()));
        answer(ex, client, grant.characterId(), grant.scopes(), refreshToken, fault);
    }

    private static String pkceProblem(String challenge, String verifier, ClientRegistry.Client client) {
        if (challenge == null) {
            return client.isPublic() ? "A public client must use PKCE." : null;
        }
        if (verifier == null) {
            return "code_verifier is required.";
        }
        if (!VERIFIER.matcher(verifier).matches() || !challenge.equals(Pkce.s256(verifier))) {
            return "code_verifier does not match the code_challenge.";
        }
        return null;
    }

    private void refreshToken(HttpExchange ex, RecordedRequest request, ClientRegistry.Client client, Fault fault)
            throws IOException {
        String token = request.formValue("refresh_token");
        if (token == null) {
            Http.oauthError(ex, 400, "invalid_request", "refresh_token is required.");
            return;
        }
        GrantStore.RefreshGrant grant = sso.grants().find(token);
        if (grant == null || !grant.clientId().equals(client.clientId())) {
            if (grant == null && sso.grants().wasSpent(token)) {
                sso.grants().recordReuse(token);
            }
            Http.oauthError(ex, 400, "invalid_grant", "Invalid refresh token.");
            return;
        }
        List<String> scopes = grant.scopes();
        String scope = request.formValue("scope");
        if (scope != null) {
            scopes = AuthorizationRequest.scopes(scope);
            if (!grant.scopes().containsAll(scopes)) {
                Http.oauthError(ex, 400, "invalid_scope", "Requested scopes exceed the original grant.");
                return;
            }
        }
        String next = token;
        if (sso.rotatesRefreshTokens()) {
            if (!sso.grants().consume(token, grant)) {
                sso.grants().recordReuse(token); // a refresh running at the same time spent it
                Http.oauthError(ex, 400, "invalid_grant", "Invalid refresh token.");
                return;
            }
            next = sso.grants().issueRefreshToken(grant);
        }
        answer(ex, client, grant.characterId(), scopes, next, fault);
    }

    private void answer(HttpExchange ex, ClientRegistry.Client client, long characterId, List<String> scopes,
                        String refreshToken, Fault fault) throws IOException {
        TestCharacter character = sso.roster().get(characterId);
        String accessToken = fault.accessToken() != null ? fault.accessToken()
                : sso.jwt().sign(sso.jwt().standardClaims(character, client.clientId(), scopes).build());
        sso.recordIssuedAccessToken(accessToken);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", accessToken);
        json.put("expires_in", sso.tokenLifetime().getSeconds() - 1);
        json.put("token_type", "Bearer");
        if (refreshToken != null) {
            json.put("refresh_token", refreshToken);
        }
        ex.getResponseHeaders().set("Pragma", "no-cache");
        Http.json(ex, 200, json);
    }
}
