package io.github.evesso.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The registered applications and client authentication (HTTP Basic, as EVE requires). */
final class ClientRegistry {

    /** A registered application; a {@code null} secret makes a public (PKCE-only) client. */
    record Client(String clientId, String secret, String callbackUrl) {
        Client {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(callbackUrl, "callbackUrl");
            if (clientId.isEmpty() || clientId.indexOf(':') >= 0) {
                throw new IllegalArgumentException("client id must be non-empty and contain no ':'");
            }
        }

        boolean isPublic() {
            return secret == null;
        }

        @Override
        public String toString() {
            return "Client[" + clientId + ", " + callbackUrl + "]";
        }
    }

    /** Standard Base64 WITH padding; URL-safe characters or a missing '=' are rejected like on EVE. */
    private static final Pattern STANDARD_BASE64 = Pattern.compile("(?:[A-Za-z0-9+/]{4})*"
            + "(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    void register(String clientId, String secret, String callbackUrl) {
        Client c = new Client(clientId, secret, callbackUrl);
        clients.put(c.clientId(), c);
    }

    Client find(String clientId) {
        return clientId == null ? null : clients.get(clientId);
    }

    /**
     * The client authenticated by {@code Authorization: Basic base64(id:secret)}, or, for a public client
     * only, by a {@code client_id} form field; {@code null} when authentication fails.
     */
    Client authenticate(String authorization, String formClientId) {
        if (authorization == null) {
            Client c = find(formClientId);
            return c != null && c.isPublic() ? c : null;
        }
        if (authorization.length() < 6 || !authorization.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return null;
        }
        String encoded = authorization.substring(6).trim();
        if (encoded.isEmpty() || !STANDARD_BASE64.matcher(encoded).matches()) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        Client c = find(decoded.substring(0, colon));
        if (c == null || c.isPublic()) {
            return null;
        }
        byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, c.secret().getBytes(StandardCharsets.UTF_8)) ? c : null;
    }
}
