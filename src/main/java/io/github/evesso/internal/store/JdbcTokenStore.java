package io.github.evesso.internal.store;

import static io.github.evesso.internal.store.Schema.GRANTS;
import static io.github.evesso.internal.store.Schema.OWNERS;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveTokenStore;
import io.github.evesso.EveTokenStoreLeaseLostException;
import io.github.evesso.GrantTokens;
import io.github.evesso.RefreshLease;
import io.github.evesso.StoredGrant;
import io.github.evesso.StoredGrant.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The token store on the application's {@link DataSource}: one row per character in {@code eve_sso_grant}, tokens
 * sealed by {@link TokenCipher}, each call one short transaction ({@link Jdbc}); no transaction is ever open while
 * the SSO is called. The single-flight refresh is a lease: {@link #tryLease} sets a random lease id and an expiry on
 * the row locked by {@code SELECT ... FOR UPDATE}, granted only at the expected version with no live lease; the
 * writes under a lease are one {@code UPDATE ... WHERE lease_id = ? AND row_version = ?}. Times come from the
 * nodes' clocks (which must agree to well within a lease).
 */
public final class JdbcTokenStore implements EveTokenStore {
    private static final String SELECT = "SELECT " + GrantRows.COLUMNS + " FROM " + GRANTS;
    private static final String WRITE = "UPDATE " + GRANTS + " SET character_name = ?, owner_hash = ?, scopes = ?,"
            + " status = 'OK', key_id = ?, access_token = ?, refresh_token = ?, access_expires_at = ?,"
            + " row_version = ?, updated_at = ?, lease_id = NULL, lease_until = NULL WHERE character_id = ?";

    private final Jdbc jdbc;
    private final GrantRows rows;
    private final Clock clock;

    private JdbcTokenStore(Jdbc jdbc, GrantRows rows, Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.clock = clock;
    }

    /**
     * Opens the store: creates or migrates the tables and checks the keys.
     *
     * @throws io.github.evesso.EveTokenStoreUnavailableException when the database cannot be reached or refuses
     * @throws io.github.evesso.EveTokenStoreKeyException when a configured key is not the one first used under its id
     */
    public static JdbcTokenStore open(DataSource dataSource, KeyRing keys, Duration queryTimeout, Clock clock) {
        Objects.requireNonNull(keys, "keys");
        Jdbc jdbc = new Jdbc(dataSource, (int) Math.max(1, queryTimeout.toSeconds()));
        Schema.migrate(jdbc);
        TokenCipher cipher = new TokenCipher(keys);
        KeyChecks.verify(jdbc, cipher);
        return new JdbcTokenStore(jdbc, new GrantRows(cipher), Objects.requireNonNull(clock, "clock"));
    }

    private Instant now() {
        return StoreRules.millis(clock.instant());
    }

    @Override
    public StoredGrant save(EveCharacter character, GrantTokens tokens) {
        StoreRules.character(character);
        GrantTokens stored = StoreRules.millis(tokens);
        long id = character.id();
        GrantRows.Sealed sealed = rows.seal(id, stored);
        Instant now = now();
        return jdbc.transaction("save the grant of character " + id, connection -> {
            Long version = lockedVersion(connection, id);
            if (version == null) {
                if (jdbc.insertIfAbsent(connection, "INSERT INTO " + GRANTS + " (" + GrantRows.COLUMNS + ") VALUES"
                        + " (?, ?, ?, ?, 'OK', ?, ?, ?, ?, 1, ?, NULL, NULL)", id, character.name(),
                        character.ownerHash(), StoreRules.scopesText(character.scopes()), sealed.keyId(),
                        sealed.refreshToken(), sealed.accessToken(), stored.accessTokenExpiresAt(), now)) {
                    return new StoredGrant(character, stored, Status.OK, now, 1, null);
                }
                version = lockedVersion(connection, id);
                if (version == null) {
                    throw new SQLException("the row inserted concurrently is gone again", "40001");
                }
            }
            if (write(connection, character, sealed, stored, version + 1, now, version) != 1) {
                throw new SQLException("the row changed under its lock", "40001");
            }
            return new StoredGrant(character, stored, Status.OK, now, version + 1, null);
        });
    }

    private Long lockedVersion(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = jdbc.prepare(connection,
                "SELECT row_version FROM " + GRANTS + " WHERE character_id = ? FOR UPDATE")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        }
    }

    /**
     * Writes the whole grant at {@code version}; {@code condition}: the version it must be at, or the lease id and
     * the version.
     */
    private int write(Connection connection, EveCharacter character, GrantRows.Sealed sealed, GrantTokens tokens,
            long version, Instant now, Object... condition) throws SQLException {
        String sql = WRITE + (condition.length == 1 ? " AND row_version = ?" : " AND lease_id = ? AND row_version = ?");
        Object[] values = {character.name(), character.ownerHash(), StoreRules.scopesText(character.scopes()),
            sealed.keyId(), sealed.accessToken(), sealed.refreshToken(), tokens.accessTokenExpiresAt(), version, now,
            character.id()};
        Object[] all = new Object[values.length + condition.length];
        System.arraycopy(values, 0, all, 0, values.length);
        System.arraycopy(condition, 0, all, values.length, condition.length);
        return jdbc.update(connection, sql, all);
    }

    @Override
    public Optional<StoredGrant> load(long characterId) {
        StoreRules.characterId(characterId);
        return jdbc.transaction("load the grant of character " + characterId, connection -> {
            try (PreparedStatement select = jdbc.prepare(connection, SELECT + " WHERE character_id = ?")) {
                select.setLong(1, characterId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(rows.read(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StoredGrant> list(long afterCharacterId, int limit) {
        StoreRules.page(afterCharacterId, limit);
        return jdbc.transaction("list the grants after character " + afterCharacterId, connection -> {
            try (PreparedStatement select = jdbc.prepare(connection,
                    SELECT + " WHERE character_id > ? ORDER BY character_id LIMIT ?")) {
                select.setLong(1, afterCharacterId);
                select.setInt(2, limit);
                List<StoredGrant> page = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        page.add(rows.read(row));
                    }
                }
                return List.copyOf(page);
            }
        });
    }

    @Override
    public Optional<RefreshLease> tryLease(long characterId, long expectedVersion, Duration leaseFor) {
        StoreRules.characterId(characterId);
        StoreRules.leaseFor(leaseFor);
        Instant now = now();
        Instant until = now.plus(leaseFor);
        String leaseId = StoreRules.newLeaseId();
        return jdbc.transaction("lease the grant of character " + characterId, connection -> {
            StoredGrant grant;
            try (PreparedStatement select = jdbc.prepare(connection,
                    SELECT + " WHERE character_id = ? FOR UPDATE")) {
                select.setLong(1, characterId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || row.getLong("row_version") != expectedVersion
                            || !Status.OK.name().equals(row.getString("status"))
                            || row.getString(GrantRows.REFRESH_TOKEN) == null) {
                        return Optional.empty();
                    }
                    Instant leasedUntil = Jdbc.instant(row, "lease_until");
                    if (leasedUntil != null && leasedUntil.isAfter(now)) {
                        return Optional.empty();
                    }
                    grant = rows.read(row);
                }
            }
            // The row is locked; the conditions are repeated so that the UPDATE alone would also be exclusive.
            if (jdbc.update(connection, "UPDATE " + GRANTS + " SET lease_id = ?, lease_until = ?"
                    + " WHERE character_id = ? AND row_version = ? AND status = 'OK'"
                    + " AND (lease_until IS NULL OR lease_until <= ?)", leaseId, until, characterId, expectedVersion,
                    now) != 1) {
                return Optional.empty();
            }
            StoredGrant leased = new StoredGrant(grant.character(), grant.tokens(), grant.status(), grant.updatedAt(),
                    grant.version(), until);
            return Optional.of(new RefreshLease(leased, leaseId, until));
        });
    }

    @Override
    public StoredGrant completeRefresh(RefreshLease lease, EveCharacter character, GrantTokens tokens) {
        StoreRules.sameCharacter(lease, character);
        return writeUnderLease(lease, character, StoreRules.refreshed(lease, tokens), "store the refresh");
    }

    @Override
    public StoredGrant saveRotatedRefreshToken(RefreshLease lease, String refreshToken) {
        Objects.requireNonNull(lease, "lease");
        GrantTokens old = lease.grant().tokens();
        GrantTokens rotated = new GrantTokens(old.accessToken(), old.accessTokenExpiresAt(),
                StoreRules.refreshToken(refreshToken));
        return writeUnderLease(lease, lease.grant().character(), rotated, "store the rotated refresh token");
    }

    private StoredGrant writeUnderLease(RefreshLease lease, EveCharacter character, GrantTokens tokens, String what) {
        GrantRows.Sealed sealed = rows.seal(character.id(), tokens);
        Instant now = now();
        long version = lease.version() + 1;
        return jdbc.transaction(what + " of character " + character.id(), connection -> {
            if (write(connection, character, sealed, tokens, version, now, lease.leaseId(), lease.version()) != 1) {
                throw new EveTokenStoreLeaseLostException(StoreRules.lostMessage(lease));
            }
            return new StoredGrant(character, tokens, Status.OK, now, version, null);
        });
    }

    @Override
    public boolean release(RefreshLease lease) {
        Objects.requireNonNull(lease, "lease");
        return jdbc.transaction("release the lease on the grant of character " + lease.characterId(),
                connection -> jdbc.update(connection, "UPDATE " + GRANTS + " SET lease_id = NULL, lease_until = NULL"
                        + " WHERE character_id = ? AND lease_id = ? AND row_version = ?", lease.characterId(),
                        lease.leaseId(), lease.version()) == 1);
    }

    @Override
    public boolean markNeedsLogin(long characterId, long expectedVersion) {
        StoreRules.characterId(characterId);
        Instant now = now();
        return jdbc.transaction("mark the grant of character " + characterId + " as needing a login",
                connection -> jdbc.update(connection, "UPDATE " + GRANTS + " SET status = 'NEEDS_LOGIN', key_id = NULL,"
                        + " refresh_token = NULL, access_token = NULL, access_expires_at = NULL,"
                        + " row_version = row_version + 1, updated_at = ?, lease_id = NULL, lease_until = NULL"
                        + " WHERE character_id = ? AND row_version = ? AND status = 'OK'", now, characterId,
                        expectedVersion) == 1);
    }

    @Override
    public boolean delete(long characterId) {
        StoreRules.characterId(characterId);
        return jdbc.transaction("delete the grant of character " + characterId, connection -> jdbc.update(connection,
                "DELETE FROM " + GRANTS + " WHERE character_id = ?", characterId) == 1);
    }

    @Override
    public boolean delete(RefreshLease lease) {
        Objects.requireNonNull(lease, "lease");
        return jdbc.transaction("delete the leased grant of character " + lease.characterId(),
                connection -> jdbc.update(connection, "DELETE FROM " + GRANTS
                        + " WHERE character_id = ? AND lease_id = ? AND row_version = ?", lease.characterId(),
                        lease.leaseId(), lease.version()) == 1);
    }

    @Override
    public Optional<String> recordOwnerHash(long characterId, String ownerHash) {
        StoreRules.characterId(characterId);
        StoreRules.ownerHash(ownerHash);
        Instant now = now();
        return jdbc.transaction("record the owner hash of character " + characterId, connection -> {
            String previous = lockedOwnerHash(connection, characterId);
            if (previous == null) {
                if (jdbc.insertIfAbsent(connection, "INSERT INTO " + OWNERS + " (character_id, owner_hash, recorded_at)"
                        + " VALUES (?, ?, ?)", characterId, ownerHash, now)) {
                    return Optional.empty();
                }
                previous = lockedOwnerHash(connection, characterId);
            }
            if (!ownerHash.equals(previous)) {
                jdbc.update(connection, "UPDATE " + OWNERS + " SET owner_hash = ?, recorded_at = ?"
                        + " WHERE character_id = ?", ownerHash, now, characterId);
            }
            return Optional.ofNullable(previous);
        });
    }

    private String lockedOwnerHash(Connection connection, long characterId) throws SQLException {
        try (PreparedStatement select = jdbc.prepare(connection,
                "SELECT owner_hash FROM " + OWNERS + " WHERE character_id = ? FOR UPDATE")) {
            select.setLong(1, characterId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcTokenStore{" + rows.cipher().keys() + "}";
    }
}
