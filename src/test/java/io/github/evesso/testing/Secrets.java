package io.github.evesso.testing;

import java.security.SecureRandom;
import java.util.Base64;

/** Random values shaped like EVE's. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** An authorization code: 192 random bits, base64url without padding. */
    static String authorizationCode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(24));
    }

    /**
     * An opaque refresh token: 256 random bits in standard Base64 with padding, so it always ends in {@code =}
     * and often holds {@code +} or {@code /}: a client that forgets to URL-encode it fails here as on EVE.
     */
    static String refreshToken() {
        return Base64.getEncoder().encodeToString(bytes(32));
    }

    /** An owner hash like EVE's {@code 4vXH...=} (160 bits, standard Base64). */
    static String ownerHash() {
        return Base64.getEncoder().encodeToString(bytes(20));
    }

    /** A short random suffix for key ids. */
    static String shortId() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(6));
    }
}
