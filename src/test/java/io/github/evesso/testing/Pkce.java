package io.github.evesso.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair as a client makes one (RFC 7636): a verifier of 32 random bytes, base64url without padding, and its
 * S256 challenge. The token endpoint checks verifiers with {@link #s256(String)}. Immutable.
 *
 * @param verifier  what the code exchange sends as {@code code_verifier}
 * @param challenge what the authorize request (or {@link LocalEveSso#issueAuthorizationCode}) carries
 */
public record Pkce(String verifier, String challenge) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh random pair. */
    public static Pkce create() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Pkce(verifier, s256(verifier));
    }

    /** The S256 challenge of {@code verifier}: base64url (no padding) of its SHA-256. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Never the verifier. */
    @Override
    public String toString() {
        return "Pkce[challenge=" + challenge + "]";
    }
}
