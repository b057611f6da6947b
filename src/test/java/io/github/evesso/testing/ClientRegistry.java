package io.github.evesso.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The registered applications and client authentication (HTTP Basic as EVE requires, form fields, public clients). */
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
     * The client authenticated by one of the methods the metadata advertises, or {@code null} when authentication
     * fails:
     * <ul>
     *   <li>{@code client_secret_basic}: {@code Authorization: Basic base64(id ":" secret)}, standard Base64 with
     *       padding; id and secret are URL-decoded as RFC 6749 §2.3.1 has clients form-encode them (credentials of
     *       plain unreserved characters, as EVE issues them, are the same either way);</li>
     *   <li>{@code client_secret_post}: {@code client_id} and {@code client_secret} form fields;</li>
     *   <li>a public client: the {@code client_id} form field alone (PKCE then stands in for the secret).</li>
     * </ul>
     * The caller refuses a request that uses both the header and {@code client_secret}.
     */
    Client authenticate(String authorization, String formClientId, String formClientSecret) {
        if (authorization != null) {
            return basic(authorization);
        }
        Client c = find(formClientId);
        if (c == null) {
            return null;
        }
        if (formClientSecret == null) {
            return c.isPublic() ? c : null;
        }
        return secretMatches(c, formClientSecret) ? c : null;
    }

    private Client basic(String authorization) {
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
        String clientId;
        String secret;
        try {
            clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return null;
        }
        Client c = find(clientId);
        return c != null && secretMatches(c, secret) ? c : null;
    }

    private static boolean secretMatches(Client c, String given) {
        return !c.isPublic() && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                c.secret().getBytes(StandardCharsets.UTF_8));
    }
}
