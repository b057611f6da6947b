package io.github.evesso.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A validated authorize request (query of the GET, or form of the picker's POST). */
record AuthorizationRequest(ClientRegistry.Client client, String redirectUri, List<String> scopes, String state,
                            String codeChallenge) {

    /** Why an authorize request is rejected with a 400 page (never a redirect). */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private static final List<String> SINGLE_VALUED = List.of("response_type", "client_id", "redirect_uri",
            "scope", "state", "code_challenge", "code_challenge_method", "character_id", "action");
    /** base64url (no padding) of a SHA-256 digest. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    static AuthorizationRequest parse(Map<String, List<String>> params, ClientRegistry clients) throws Invalid {
        for (String name : SINGLE_VALUED) {
            List<String> values = params.get(name);
            if (values != null && values.size() > 1) {
                throw new Invalid("Parameter " + name + " is given more than once.");
            }
        }
        String responseType = FormEncoding.single(params, "response_type");
        if (!"code".equals(responseType)) {
            throw new Invalid("Unsupported response_type: only 'code' is supported.");
        }
        ClientRegistry.Client client = clients.find(FormEncoding.single(params, "client_id"));
        if (client == null) {
            throw new Invalid("Unknown client_id.");
        }
        String redirectUri = FormEncoding.single(params, "redirect_uri");
        if (!client.callbackUrl().equals(redirectUri)) {
            throw new Invalid("The redirect_uri does not match the callback URL registered for this application.");
        }
        String state = FormEncoding.single(params, "state");
        if (state == null || state.isEmpty()) {
            throw new Invalid("The state parameter is required.");
        }
        String challenge = FormEncoding.single(params, "code_challenge");
        String method = FormEncoding.single(params, "code_challenge_method");
        if (challenge != null || method != null) {
            if (!"S256".equals(method)) {
                throw new Invalid("Unsupported code_challenge_method: only S256 is supported.");
            }
            if (challenge == null || !S256_CHALLENGE.matcher(challenge).matches()) {
                throw new Invalid("Invalid code_challenge: expected base64url(SHA-256(verifier)) without padding.");
            }
        }
        return new AuthorizationRequest(client, redirectUri, scopes(FormEncoding.single(params, "scope")), state,
                challenge);
    }

    /** Splits the space-delimited scope list, dropping blanks and duplicates. */
    static List<String> scopes(String scope) {
        if (scope == null) {
            return List.of();
        }
        LinkedHashSet<String> scopes = new LinkedHashSet<>();
        for (String s : scope.split(" ")) {
            if (!s.isBlank()) {
                scopes.add(s.trim());
            }
        }
        return List.copyOf(new ArrayList<>(scopes));
    }

    /** The parameters to carry through the interactive picker's form. */
    Map<String, String> hiddenFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("response_type", "code");
        fields.put("client_id", client.clientId());
        fields.put("redirect_uri", redirectUri);
        fields.put("scope", String.join(" ", scopes));
        fields.put("state", state);
        if (codeChallenge != null) {
            fields.put("code_challenge", codeChallenge);
            fields.put("code_challenge_method", "S256");
        }
        return fields;
    }
}
