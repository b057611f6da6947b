package io.github.evesso.internal.store;

import io.github.evesso.EveTokenStoreKeyException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The start-up check of the configured keys: the first time a key id is used, its check value (a known text sealed
 * with the key) is stored in {@code eve_sso_key_check}; at every later start each configured key must open the check
 * value of its id. So a key id configured with other key material (a typo, a regenerated key) stops the start with a
 * clear message instead of failing at the first load, or writing rows that the other nodes cannot read.
 */
final class KeyChecks {
    private KeyChecks() {
    }

    /**
     * Checks every configured key, storing the check values of new key ids.
     *
     * @throws EveTokenStoreKeyException naming every key id whose key is not the one first used with it
     */
    static void verify(Jdbc jdbc, TokenCipher cipher) {
        if (cipher.keys().isPlaintext()) {
            return;
        }
        List<String> wrong = jdbc.transaction("check the token store's keys", connection -> {
            List<String> mismatched = new ArrayList<>();
            for (String keyId : cipher.keys().keyIds()) {
                String check = checkValue(connection, jdbc, keyId);
                if (check == null) {
                    jdbc.insertIfAbsent(connection, "INSERT INTO " + Schema.KEY_CHECKS
                            + " (key_id, check_value, created_at) VALUES (?, ?, ?)", keyId, cipher.sealCheck(keyId),
                            StoreRules.millis(Instant.now()));
                    check = checkValue(connection, jdbc, keyId);
                }
                if (check == null || !cipher.opensCheck(keyId, check)) {
                    mismatched.add(keyId);
                }
            }
            return mismatched;
        });
        if (!wrong.isEmpty()) {
            throw new EveTokenStoreKeyException("token store: the key configured as " + quoted(wrong)
                    + " is not the key first used under that id in this database (its check value in "
                    + Schema.KEY_CHECKS + " does not decrypt): configure the original key under that id, or give a "
                    + "new key a new id");
        }
    }

    private static String checkValue(Connection connection, Jdbc jdbc, String keyId) throws SQLException {
        try (PreparedStatement select = jdbc.prepare(connection,
                "SELECT check_value FROM " + Schema.KEY_CHECKS + " WHERE key_id = ?")) {
            select.setString(1, keyId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static String quoted(List<String> keyIds) {
        return "'" + String.join("', '", keyIds) + "'";
    }
}
