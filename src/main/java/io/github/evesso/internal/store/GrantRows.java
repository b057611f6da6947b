package io.github.evesso.internal.store;

import io.github.evesso.EveCharacter;
import io.github.evesso.GrantTokens;
import io.github.evesso.StoredGrant;
import io.github.evesso.StoredGrant.Status;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The mapping between a {@link StoredGrant} and a row of {@code eve_sso_grant}, tokens sealed and opened. */
final class GrantRows {
    static final String COLUMNS = "character_id, character_name, owner_hash, scopes, status, key_id, refresh_token,"
            + " access_token, access_expires_at, row_version, updated_at, lease_id, lease_until";
    static final String REFRESH_TOKEN = "refresh_token";
    static final String ACCESS_TOKEN = "access_token";

    /** The token columns of one write: the key id and both tokens as stored. */
    record Sealed(String keyId, String accessToken, String refreshToken) {
        @Override
        public String toString() {
            return "Sealed{keyId=" + keyId + "}";
        }
    }

    private final TokenCipher cipher;

    GrantRows(TokenCipher cipher) {
        this.cipher = cipher;
    }

    TokenCipher cipher() {
        return cipher;
    }

    /** Seals both tokens of a write with the current key (before any connection is taken). */
    Sealed seal(long characterId, GrantTokens tokens) {
        return new Sealed(cipher.writeKeyId(), cipher.seal(characterId, ACCESS_TOKEN, tokens.accessToken()),
                cipher.seal(characterId, REFRESH_TOKEN, tokens.refreshToken()));
    }

    /**
     * The grant of the current row of {@code row}, its tokens opened.
     *
     * @throws io.github.evesso.EveTokenStoreKeyException when a token cannot be opened
     */
    StoredGrant read(ResultSet row) throws SQLException {
        long id = row.getLong("character_id");
        EveCharacter character = new EveCharacter(id, row.getString("character_name"), row.getString("owner_hash"),
                StoreRules.scopes(row.getString("scopes")));
        Status status = Status.valueOf(row.getString("status"));
        GrantTokens tokens = null;
        if (status == Status.OK) {
            String keyId = row.getString("key_id");
            String access = cipher.open(id, ACCESS_TOKEN, keyId, row.getString(ACCESS_TOKEN));
            String refresh = cipher.open(id, REFRESH_TOKEN, keyId, row.getString(REFRESH_TOKEN));
            tokens = new GrantTokens(access, Jdbc.instant(row, "access_expires_at"), refresh);
        }
        return new StoredGrant(character, tokens, status, Jdbc.instant(row, "updated_at"), row.getLong("row_version"),
                Jdbc.instant(row, "lease_until"));
    }
}
