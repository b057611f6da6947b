package io.github.evesso;

import io.github.evesso.ConfigValues.StoreKey;
import io.github.evesso.EveSsoConfigKeys.Key;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the token store's settings, for {@link ConfigValidation}: the data source's name, each key, the current
 * key, and which settings go together (a data source needs keys or plaintext, not both; keys, current key and
 * plaintext mean nothing without a data source; a data source and a programmatic store exclude each other). Key
 * material is a secret: a problem names a key by its id (or its position when the id is invalid), never by its value.
 */
final class TokenStoreValidation {
    /** What a key id may look like: the rule of {@link EveTokenStores.JdbcBuilder#key}. */
    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The length of an AES-256 key. */
    static final int KEY_BYTES = 32;
    private static final String KEY_ID_RULE = "1 to 64 of A-Z a-z 0-9 . _ -";

    private final List<String> problems = new ArrayList<>();
    /** The valid ids among the keys, each once, in the order given. */
    private final Set<String> keyIds = new LinkedHashSet<>();

    private TokenStoreValidation() {
    }

    /**
     * The problems of the token store's settings in {@code v}, empty when they are valid.
     *
     * @param unreadable keys whose string value did not read (already reported: not reported missing as well)
     */
    static List<String> problems(ConfigValues v, Set<Key> unreadable) {
        TokenStoreValidation check = new TokenStoreValidation();
        check.dataSource(v.tokenStoreDataSource());
        check.keys(v.tokenStoreKeys());
        check.currentKey(v, unreadable.contains(Key.TOKEN_STORE_KEYS));
        check.combinations(v, unreadable);
        return check.problems;
    }

    private void dataSource(String jndiName) {
        if (jndiName == null) {
            return;
        }
        if (jndiName.isBlank()) {
            problems.add(Key.TOKEN_STORE_DATASOURCE + " must be a JNDI name such as java:comp/env/jdbc/eve, not blank");
        } else if (jndiName.chars().anyMatch(Character::isISOControl)) {
            problems.add(Key.TOKEN_STORE_DATASOURCE + " must not contain control characters");
        }
    }

    private void keys(List<StoreKey> keys) {
        for (int i = 0; i < keys.size(); i++) {
            StoreKey key = keys.get(i);
            String name;
            if (key.id() == null || !KEY_ID.matcher(key.id()).matches()) {
                name = "key " + (i + 1);
                problems.add(Key.TOKEN_STORE_KEYS + ": the id of " + name + " must be " + KEY_ID_RULE);
            } else {
                name = "key '" + key.id() + "'";
                if (!keyIds.add(key.id())) {
                    problems.add(Key.TOKEN_STORE_KEYS + ": " + name + " is given twice");
                }
            }
            if (key.base64Key() == null || key.base64Key().isBlank()) {
                problems.add(Key.TOKEN_STORE_KEYS + ": " + name + " has no value");
            } else if (!isAes256Key(key.base64Key())) {
                problems.add(Key.TOKEN_STORE_KEYS + ": " + name + " is not " + KEY_BYTES + " bytes of Base64");
            }
        }
    }

    private static boolean isAes256Key(String base64) {
        try {
            byte[] material = Base64.getDecoder().decode(base64);
            boolean ok = material.length == KEY_BYTES;
            Arrays.fill(material, (byte) 0);
            return ok;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** The current key must be one of the keys; several keys need one named. */
    private void currentKey(ConfigValues v, boolean keysUnreadable) {
        String current = v.tokenStoreCurrentKey();
        List<StoreKey> keys = v.tokenStoreKeys();
        if (current == null) {
            if (keyIds.size() > 1) {
                problems.add(Key.TOKEN_STORE_KEYS + " has " + keyIds.size() + " keys: " + Key.TOKEN_STORE_CURRENT_KEY
                        + " must name the one new writes are encrypted with");
            }
        } else if (keys.stream().anyMatch(key -> current.equals(key.base64Key()))) {
            problems.add(Key.TOKEN_STORE_CURRENT_KEY + " must name a key id, not a key's value");
        } else if (!KEY_ID.matcher(current).matches()) {
            problems.add(Key.TOKEN_STORE_CURRENT_KEY + " must be a key id: " + KEY_ID_RULE);
        } else if (!keyIds.contains(current) && !keysUnreadable) {
            problems.add(Key.TOKEN_STORE_CURRENT_KEY + " '" + current + "' is not one of " + Key.TOKEN_STORE_KEYS
                    + " (" + (keyIds.isEmpty() ? "none given" : String.join(", ", keyIds)) + ")");
        }
    }

    private void combinations(ConfigValues v, Set<Key> unreadable) {
        boolean dataSource = v.tokenStoreDataSource() != null;
        boolean keys = !v.tokenStoreKeys().isEmpty();
        boolean plaintext = v.tokenStorePlaintext();
        if (dataSource && v.tokenStore() != null) {
            problems.add(Key.TOKEN_STORE_DATASOURCE + " and a programmatic tokenStore(...) cannot both be set:"
                    + " configure one token store");
        }
        if (dataSource && !keys && !plaintext && !unreadable.contains(Key.TOKEN_STORE_KEYS)
                && !unreadable.contains(Key.TOKEN_STORE_PLAINTEXT)) {
            problems.add(Key.TOKEN_STORE_DATASOURCE + " needs " + Key.TOKEN_STORE_KEYS + " (or "
                    + Key.TOKEN_STORE_PLAINTEXT + "=true to store refresh tokens unencrypted)");
        }
        if (keys && plaintext) {
            problems.add(Key.TOKEN_STORE_KEYS + " and " + Key.TOKEN_STORE_PLAINTEXT + "=true cannot both be set:"
                    + " encrypt refresh tokens with the keys or store them unencrypted");
        }
        if (!dataSource) {
            String without = " has no effect without " + Key.TOKEN_STORE_DATASOURCE;
            if (keys) {
                problems.add(Key.TOKEN_STORE_KEYS + without);
            }
            if (v.tokenStoreCurrentKey() != null) {
                problems.add(Key.TOKEN_STORE_CURRENT_KEY + without);
            }
            if (plaintext) {
                problems.add(Key.TOKEN_STORE_PLAINTEXT + "=true" + without);
            }
        }
    }
}
