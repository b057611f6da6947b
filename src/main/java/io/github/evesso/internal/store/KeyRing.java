package io.github.evesso.internal.store;

import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys a JDBC token store encrypts with: key id to AES-256 key, one of them current (for writing), the others
 * for reading rows not yet rewritten. Or, asked for explicitly, none: plaintext. Key material is never shown: not in
 * {@code toString()}, not in a problem text.
 */
public final class KeyRing {
    /** What a key id may look like (it is stored in every row and named in messages). */
    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final int KEY_BYTES = 32;

    private final Map<String, SecretKey> keys;
    private final String currentKeyId;

    private KeyRing(Map<String, SecretKey> keys, String currentKeyId) {
        this.keys = Collections.unmodifiableMap(keys);
        this.currentKeyId = currentKeyId;
    }

    /** The explicit plaintext ring: tokens are stored as they are. */
    public static KeyRing plaintext() {
        return new KeyRing(Map.of(), null);
    }

    /**
     * Builds a ring from key ids and Base64 key material, adding every problem found to {@code problems} (and
     * returning {@code null} then).
     *
     * @param base64Keys key id to Base64 of 32 random bytes, in the order given
     * @param currentKeyId the key to write with; may be {@code null} when there is exactly one key
     */
    public static KeyRing of(Map<String, String> base64Keys, String currentKeyId, List<String> problems) {
        int before = problems.size();
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (Map.Entry<String, String> key : base64Keys.entrySet()) {
            String id = key.getKey();
            if (id == null || !KEY_ID.matcher(id).matches()) {
                problems.add("token store: a key id must be 1 to 64 of A-Z a-z 0-9 . _ - (got "
                        + (id == null ? "none" : "'" + printable(id) + "'") + ")");
                continue;
            }
            byte[] material = decode(key.getValue());
            if (material == null) {
                problems.add("token store: key '" + id + "' is not Base64");
            } else if (material.length != KEY_BYTES) {
                problems.add("token store: key '" + id + "' must be " + KEY_BYTES + " bytes (256 bits) in Base64, it"
                        + " is " + material.length + " bytes");
            } else {
                keys.put(id, new SecretKeySpec(material, "AES"));
            }
            if (material != null) {
                Arrays.fill(material, (byte) 0);
            }
        }
        String current = currentKeyId;
        if (current == null && base64Keys.size() == 1) {
            current = base64Keys.keySet().iterator().next();
        }
        if (base64Keys.isEmpty()) {
            problems.add("token store: no encryption key is configured; configure a key (an id and 32 random bytes in "
                    + "Base64) or ask for plaintext storage explicitly");
        } else if (current == null) {
            problems.add("token store: " + base64Keys.size() + " keys are configured; name the current one (the key "
                    + "new rows are encrypted with)");
        } else if (!base64Keys.containsKey(current)) {
            problems.add("token store: the current key '" + printable(current) + "' is not among the configured keys "
                    + base64Keys.keySet());
        }
        return problems.size() > before ? null : new KeyRing(keys, current);
    }

    private static byte[] decode(String base64) {
        if (base64 == null) {
            return null;
        }
        String text = base64.strip();
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBasic) {
            try {
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException notUrlSafe) {
                return null;
            }
        }
    }

    private static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** Whether this ring stores plaintext (no keys). */
    boolean isPlaintext() {
        return currentKeyId == null;
    }

    /** The id of the key new values are encrypted with, or {@code null} in plaintext mode. */
    String currentKeyId() {
        return currentKeyId;
    }

    /** The key with this id, or {@code null} when it is not configured. */
    SecretKey key(String keyId) {
        return keys.get(keyId);
    }

    Set<String> keyIds() {
        return keys.keySet();
    }

    /** Names the key ids and the current one; never key material. */
    @Override
    public String toString() {
        return isPlaintext() ? "KeyRing{plaintext}"
                : "KeyRing{keys=" + keys.keySet() + ", current=" + currentKeyId + "}";
    }
}
