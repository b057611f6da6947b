package io.github.evesso.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v2/oauth/authorize} (validate, then approve, deny or show the picker by {@link AuthorizeMode})
 * and {@code POST /v2/oauth/authorize} (the picker's choice).
 */
final class AuthorizeHandler implements EndpointHandler {

    private final LocalEveSso sso;

    AuthorizeHandler(LocalEveSso sso) {
        this.sso = sso;
    }

    @Override
    public void handle(HttpExchange ex, RecordedRequest request, Fault fault) throws IOException {
        switch (request.method()) {
            case "GET" -> get(ex, request);
            case "POST" -> post(ex, request);
            default -> Http.methodNotAllowed(ex, "GET, POST");
        }
    }

    private void get(HttpExchange ex, RecordedRequest request) throws IOException {
        AuthorizationRequest authz;
        try {
            authz = AuthorizationRequest.parse(request.query(), sso.clients());
        } catch (AuthorizationRequest.Invalid e) {
            Http.html(ex, 400, Html.errorPage(e.getMessage()));
            return;
        }
        switch (sso.authorizeMode()) {
            case AUTO_APPROVE -> approve(ex, authz, sso.takeAutoApproveCharacter());
            case DENY -> deny(ex, authz);
            case INTERACTIVE -> Http.html(ex, 200,
                    AuthorizePage.render(authz, sso.characters(), Endpoint.AUTHORIZE.path()));
        }
    }

    private void post(HttpExchange ex, RecordedRequest request) throws IOException {
        if (!Http.isForm(request)) {
            Http.html(ex, 400, Html.errorPage("Expected a form submission."));
            return;
        }
        AuthorizationRequest authz;
        try {
            authz = AuthorizationRequest.parse(request.form(), sso.clients());
        } catch (AuthorizationRequest.Invalid e) {
            Http.html(ex, 400, Html.errorPage(e.getMessage()));
            return;
        }
        String action = request.formValue("action");
        if ("deny".equals(action)) {
            deny(ex, authz);
            return;
        }
        TestCharacter character = null;
        try {
            String id = request.formValue("character_id");
            character = id == null ? null : sso.roster().find(Long.parseLong(id));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (!"approve".equals(action) || character == null) {
            Http.html(ex, 400, Html.errorPage("Choose a character or decline."));
            return;
        }
        approve(ex, authz, character);
    }

    private void approve(HttpExchange ex, AuthorizationRequest authz, TestCharacter character) throws IOException {
        String code = sso.grants().issueCode(new GrantStore.AuthorizationCode(authz.client().clientId(),
                authz.redirectUri(), character.id(), sso.takeGrantedScopes(authz.scopes()), authz.codeChallenge(),
                sso.clock().instant().plus(LocalEveSso.CODE_LIFETIME)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("state", authz.state());
        Http.redirect(ex, FormEncoding.appendQuery(authz.redirectUri(), params));
    }

    private static void deny(HttpExchange ex, AuthorizationRequest authz) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", "access_denied");
        params.put("error_description", "The user declined the authorization request.");
        params.put("state", authz.state());
        Http.redirect(ex, FormEncoding.appendQuery(authz.redirectUri(), params));
    }
}
