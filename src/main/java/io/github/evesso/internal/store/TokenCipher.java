package io.github.evesso.internal.store;

import io.github.evesso.EveTokenStoreKeyException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for the token columns, through the JDK's {@code javax.crypto}: a fresh 96-bit random IV per value, a
 * 128-bit tag, and additional authenticated data that binds each ciphertext to its row and column ("eve-sso/v1/" +
 * column + "/" + character id), so a value copied into another row or column does not decrypt. A stored value is
 * Base64 of IV followed by ciphertext and tag; its key id is stored beside it. In plaintext mode values pass
 * through unchanged (key id {@code null}).
 */
final class TokenCipher {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing keys;

    TokenCipher(KeyRing keys) {
        this.keys = keys;
    }

    /** The key id to store beside values sealed now ({@code null} in plaintext mode). */
    String writeKeyId() {
        return keys.currentKeyId();
    }

    KeyRing keys() {
        return keys;
    }

    /** Seals a token of {@code column} of character {@code characterId} with the current key. */
    String seal(long characterId, String column, String value) {
        if (value == null || keys.isPlaintext()) {
            return value;
        }
        return seal(keys.key(keys.currentKeyId()), aad(column, Long.toString(characterId)), value);
    }

    /**
     * Opens a stored token.
     *
     * @param keyId the key id stored with the row ({@code null}: plaintext)
     * @throws EveTokenStoreKeyException when it cannot be opened with the configured keys
     */
    String open(long characterId, String column, String keyId, String stored) {
        if (stored == null) {
            return null;
        }
        if (keyId == null) {
            if (!keys.isPlaintext()) {
                throw new EveTokenStoreKeyException("the " + column + " of character " + characterId + " is stored in "
                        + "plaintext, but this store encrypts: delete the row (the character logs in again)");
            }
            return stored;
        }
        SecretKey key = keys.key(keyId);
        if (key == null) {
            throw new EveTokenStoreKeyException("the grant of character " + characterId + " was encrypted with key '"
                    + keyId + "', which is not configured" + (keys.isPlaintext() ? " (this store is in plaintext mode)"
                    : "; configured: " + keys.keyIds()));
        }
        String plain = open(key, aad(column, Long.toString(characterId)), stored);
        if (plain == null) {
            throw new EveTokenStoreKeyException("the " + column + " of character " + characterId + " does not decrypt "
                    + "with key '" + keyId + "': the key configured as '" + keyId + "' is not the one it was encrypted "
                    + "with, or the row was altered");
        }
        return plain;
    }

    /** The check value of a key: a known text sealed with it, so that start-up can tell a wrong key. */
    String sealCheck(String keyId) {
        return seal(keys.key(keyId), aad("key-check", keyId), CHECK_TEXT);
    }

    /** Whether {@code stored} is the check value of this key id under the configured key. */
    boolean opensCheck(String keyId, String stored) {
        return CHECK_TEXT.equals(open(keys.key(keyId), aad("key-check", keyId), stored));
    }

    private static final String CHECK_TEXT = "eve-sso token store key check";

    private static byte[] aad(String column, String rowKey) {
        return ("eve-sso/v1/" + column + "/" + rowKey).getBytes(StandardCharsets.UTF_8);
    }

    private static String seal(SecretKey key, byte[] aad, String value) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getClass().getName());
        }
    }

    /** The opened text, or {@code null} when the value is malformed or its tag does not verify. */
    private static String open(SecretKey key, byte[] aad, String stored) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(aad);
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getClass().getName());
        }
    }
}
