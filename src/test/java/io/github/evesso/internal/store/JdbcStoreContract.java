package io.github.evesso.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveSsoConfigException;
import io.github.evesso.EveTokenStore;
import io.github.evesso.EveTokenStoreKeyException;
import io.github.evesso.EveTokenStoreUnavailableException;
import io.github.evesso.EveTokenStores;
import io.github.evesso.GrantTokens;
import io.github.evesso.RefreshLease;
import io.github.evesso.StoredGrant;
import io.github.evesso.internal.store.StoreBackend.JdbcBackend;
import io.github.evesso.support.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC store does beyond the contract, on each database: encryption at rest (scanning what the database
 * holds), keys and their rotation, the schema at start-up, and rollback when a transaction fails.
 */
abstract class JdbcStoreContract {
    protected final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final String keyTwo = StoreBackend.newKey();

    protected abstract JdbcBackend backend();

    /** Files the database writes (data and log), to scan for tokens in clear; empty for a database in memory. */
    List<Path> databaseFiles() {
        return backend().files();
    }

    @AfterEach
    void dropDatabase() {
        backend().dropDatabase();
    }

    static EveCharacter character(long id) {
        return new EveCharacter(id, "Pilot " + id, "owner-" + id, Set.of("esi-skills.read_skills.v1"));
    }

    /** Tokens unique to this run, so that a scan finds only them; short enough to stay uncompressed in a row. */
    GrantTokens uniqueTokens() {
        return new GrantTokens("eyJaccess." + UUID.randomUUID(), clock.instant().plusSeconds(1199),
                "refresh." + UUID.randomUUID());
    }

    KeyRing ring(Map<String, String> keys, String current) {
        List<String> problems = new ArrayList<>();
        KeyRing ring = KeyRing.of(keys, current, problems);
        assertThat(problems).isEmpty();
        return ring;
    }

    JdbcTokenStore open(KeyRing ring) {
        return JdbcBackend.open(backend().dataSource(), ring, clock);
    }

    /** Every value of every row of the store's tables, as text. */
    List<String> tableText() throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = backend().dataSource().getConnection()) {
            for (String table : List.of(Schema.GRANTS, Schema.OWNERS, Schema.KEY_CHECKS, Schema.VERSIONS)) {
                try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + table);
                        ResultSet rows = select.executeQuery()) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int c = 1; c <= columns; c++) {
                            values.add(String.valueOf(rows.getString(c)));
                        }
                    }
                }
            }
        }
        return values;
    }

    /** The needles found in the database's files, read as bytes. */
    List<String> foundInFiles(List<String> needles) throws Exception {
        List<String> found = new ArrayList<>();
        for (Path root : databaseFiles()) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    needles.stream().filter(bytes::contains).forEach(n -> found.add(n + " in " + file));
                }
            }
        }
        return found;
    }

    String column(long characterId, String column) throws SQLException {
        try (Connection connection = backend().dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + column + " FROM " + Schema.GRANTS + " WHERE character_id = ?")) {
            select.setLong(1, characterId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    void sql(String sql) {
        StoreBackend.execute(backend().dataSource(), sql);
    }

    @Test
    void theDatabaseHoldsNoTokenInClearNeitherInItsRowsNorInItsFiles() throws Exception {
        EveTokenStore store = backend().newStore(clock);
        List<String> secrets = new ArrayList<>();
        GrantTokens login = uniqueTokens();
        StoredGrant grant = store.save(character(90000001), login);
        GrantTokens refreshed = uniqueTokens();
        store.completeRefresh(store.tryLease(90000001, grant.version(), Duration.ofSeconds(30)).orElseThrow(),
                character(90000001), refreshed);
        GrantTokens other = uniqueTokens();
        store.save(character(90000002), other);
        for (GrantTokens t : List.of(login, refreshed, other)) {
            secrets.add(t.accessToken());
            secrets.add(t.refreshToken());
            secrets.add(t.refreshToken().substring(0, 12));
        }
        secrets.add(backend().key);
        sql(databaseFiles().isEmpty() ? "SELECT 1" : checkpoint());

        assertThat(String.join("\n", tableText())).doesNotContain(secrets).contains("k1");
        assertThat(foundInFiles(secrets)).isEmpty();
        assertThat(store.load(90000001).orElseThrow().tokens()).isEqualTo(refreshed);
    }

    /** The statement that makes the database write its data files now. */
    protected String checkpoint() {
        return "CHECKPOINT";
    }

    @Test
    void plaintextIsStoredOnlyWhenAskedForAndThenTheScanFindsTheTokens() throws Exception {
        DataSource ds = backend().newDatabase();
        assertThatThrownBy(() -> EveTokenStores.jdbc(ds).build()).isInstanceOf(EveSsoConfigException.class)
                .hasMessageContaining("no encryption key is configured").hasMessageContaining("plaintext");

        EveTokenStore plain = EveTokenStores.jdbc(ds).plaintext().build();
        GrantTokens tokens = uniqueTokens();
        plain.save(character(90000001), tokens);
        sql(databaseFiles().isEmpty() ? "SELECT 1" : checkpoint());

        assertThat(String.join("\n", tableText())).contains(tokens.accessToken(), tokens.refreshToken());
        if (!databaseFiles().isEmpty()) {
            assertThat(foundInFiles(List.of(tokens.refreshToken()))).isNotEmpty();
        }
        assertThat(column(90000001, "key_id")).isNull();
        assertThatThrownBy(() -> open(backend().ring()).load(90000001))
                .isInstanceOf(EveTokenStoreKeyException.class)
                .hasMessageContaining("stored in plaintext, but this store encrypts");
    }

    @Test
    void aDatabaseErrorThatQuotesTheFailingRowReachesNoMessageNorCauseEvenInPlaintextMode() {
        DataSource ds = backend().newDatabase();
        EveTokenStore plain = EveTokenStores.jdbc(ds).plaintext().build();
        sql("ALTER TABLE " + Schema.GRANTS + " ADD CONSTRAINT short_names CHECK (LENGTH(character_name) < 10)");
        GrantTokens tokens = uniqueTokens();

        assertThatThrownBy(() -> plain.save(new EveCharacter(90000001, "A rather long name", "owner", Set.of()),
                tokens)).isInstanceOfSatisfying(EveTokenStoreUnavailableException.class, e -> {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    e.printStackTrace(new java.io.PrintWriter(trace));
                    assertThat(trace.toString()).contains("SQLState 23").doesNotContain(tokens.accessToken(),
                            tokens.refreshToken(), "A rather long name");
                });
    }

    @Test
    void aWrongKeyUnderAKnownIdStopsTheStartNamingTheIdButNeverAKey() {
        EveTokenStore store = backend().newStore(clock);
        store.save(character(90000001), uniqueTokens());
        String wrong = StoreBackend.newKey();

        assertThatThrownBy(() -> open(ring(Map.of("k1", wrong), null)))
                .isInstanceOf(EveTokenStoreKeyException.class).hasMessageContaining("'k1'")
                .hasMessageNotContaining(wrong).hasMessageNotContaining(backend().key);
        assertThatThrownBy(() -> EveTokenStores.jdbc(backend().dataSource()).key("k1", wrong).build())
                .isInstanceOf(EveTokenStoreKeyException.class);
    }

    @Test
    void aRowOfAKeyNoLongerConfiguredFailsToLoadNamingTheKeyIdInsteadOfGivingGarbage() {
        EveTokenStore store = backend().newStore(clock);
        StoredGrant grant = store.save(character(90000001), uniqueTokens());
        JdbcTokenStore withoutK1 = open(ring(Map.of("k2", keyTwo), null));

        assertThatThrownBy(() -> withoutK1.load(90000001)).isInstanceOf(EveTokenStoreKeyException.class)
                .hasMessageContaining("character 90000001").hasMessageContaining("key 'k1', which is not configured")
                .hasMessageNotContaining(keyTwo);
        assertThatThrownBy(() -> withoutK1.tryLease(90000001, grant.version(), Duration.ofSeconds(30)))
                .isInstanceOf(EveTokenStoreKeyException.class);
        assertThatThrownBy(() -> withoutK1.list(0, 10)).isInstanceOf(EveTokenStoreKeyException.class);
        assertThat(store.load(90000001).orElseThrow().leasedUntil()).as("no lease left behind").isNull();
    }

    @Test
    void rotationKeepsOldRowsReadableAndWritesEveryNewRowWithTheNewKey() throws Exception {
        EveTokenStore withK1 = backend().newStore(clock);
        GrantTokens old = uniqueTokens();
        StoredGrant oldGrant = withK1.save(character(90000001), old);
        withK1.save(character(90000003), uniqueTokens());
        Map<String, String> both = new LinkedHashMap<>();
        both.put("k1", backend().key);
        both.put("k2", keyTwo);

        JdbcTokenStore rotated = open(ring(both, "k2"));
        assertThat(rotated.load(90000001).orElseThrow().tokens()).isEqualTo(old);
        GrantTokens fresh = uniqueTokens();
        rotated.save(character(90000002), fresh);
        RefreshLease lease = rotated.tryLease(90000001, oldGrant.version(), Duration.ofSeconds(30)).orElseThrow();
        GrantTokens refreshed = uniqueTokens();
        rotated.completeRefresh(lease, character(90000001), refreshed);

        assertThat(column(90000001, "key_id")).isEqualTo("k2");
        assertThat(column(90000002, "key_id")).isEqualTo("k2");
        assertThat(column(90000003, "key_id")).isEqualTo("k1");
        JdbcTokenStore onlyK2 = open(ring(Map.of("k2", keyTwo), null));
        assertThat(onlyK2.load(90000001).orElseThrow().tokens()).isEqualTo(refreshed);
        assertThat(onlyK2.load(90000002).orElseThrow().tokens()).isEqualTo(fresh);
        assertThatThrownBy(() -> onlyK2.load(90000003)).isInstanceOf(EveTokenStoreKeyException.class);
    }

    @Test
    void aCiphertextMovedToAnotherRowOrColumnOrAlteredDoesNotDecrypt() throws Exception {
        EveTokenStore store = backend().newStore(clock);
        store.save(character(90000001), uniqueTokens());
        store.save(character(90000002), uniqueTokens());
        store.save(character(90000003), uniqueTokens());
        String sealed = column(90000001, "refresh_token");

        sql("UPDATE " + Schema.GRANTS + " SET refresh_token = '" + sealed + "' WHERE character_id = 90000002");
        sql("UPDATE " + Schema.GRANTS + " SET access_token = refresh_token WHERE character_id = 90000003");

        assertThatThrownBy(() -> store.load(90000002)).isInstanceOf(EveTokenStoreKeyException.class)
                .hasMessageContaining("refresh_token of character 90000002 does not decrypt with key 'k1'");
        assertThatThrownBy(() -> store.load(90000003)).isInstanceOf(EveTokenStoreKeyException.class)
                .hasMessageContaining("access_token of character 90000003");
        char last = sealed.charAt(sealed.length() - 3);
        String altered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 2);
        sql("UPDATE " + Schema.GRANTS + " SET refresh_token = '" + altered + "' WHERE character_id = 90000001");
        assertThatThrownBy(() -> store.load(90000001)).isInstanceOf(EveTokenStoreKeyException.class);
    }

    @Test
    void invalidKeySettingsAreAllReportedAtOnceWithoutKeyMaterial() {
        DataSource ds = backend().newDatabase();
        String shortKey = java.util.Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> EveTokenStores.jdbc(ds).key("a", shortKey).key("b c", StoreBackend.newKey())
                .key("d", "not base64 !!").currentKey("e").queryTimeout(Duration.ZERO).build())
                .isInstanceOfSatisfying(EveSsoConfigException.class, e -> assertThat(e.problems()).hasSize(5))
                .hasMessageContaining("key 'a' must be 32 bytes").hasMessageContaining("key 'd' is not Base64")
                .hasMessageContaining("'e' is not among").hasMessageContaining("query timeout")
                .hasMessageNotContaining(shortKey).hasMessageNotContaining("not base64 !!");
        assertThatThrownBy(() -> EveTokenStores.jdbc(ds).key("a", StoreBackend.newKey())
                .key("b", StoreBackend.newKey()).build()).hasMessageContaining("name the current one");
        assertThatThrownBy(() -> EveTokenStores.jdbc(ds).plaintext().key("a", StoreBackend.newKey()).build())
                .hasMessageContaining("choose one");
    }

    @Test
    void theTablesAreCreatedAtTheFirstStartAndTheSecondStartChangesNothing() throws Exception {
        EveTokenStore first = backend().newStore(clock);
        first.save(character(90000001), uniqueTokens());
        List<String> before = versionRows();

        EveTokenStore second = backend().secondNode(clock);

        assertThat(before).hasSize(2).anySatisfy(r -> assertThat(r).startsWith("1 "));
        assertThat(versionRows()).isEqualTo(before);
        assertThat(second.load(90000001)).isPresent();
    }

    List<String> versionRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = backend().dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT version, description, applied_at FROM " + Schema.VERSIONS + " ORDER BY version");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                rows.add(row.getInt(1) + " " + row.getString(2) + " " + row.getString(3));
            }
        }
        return rows;
    }

    @Test
    void fourStoresStartingAtOnceOnAnEmptyDatabaseAllStartAndShareOneSchema() throws Exception {
        DataSource ds = backend().newDatabase();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<JdbcTokenStore>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(pool.submit(() -> {
                    go.await();
                    return JdbcBackend.open(ds, backend().ring(), clock);
                }));
            }
            go.countDown();
            List<JdbcTokenStore> stores = new ArrayList<>();
            for (var start : starts) {
                stores.add(start.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            stores.get(0).save(character(90000001), uniqueTokens());
            assertThat(stores.get(3).load(90000001)).isPresent();
            assertThat(versionRows()).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefreshWhoseCommitFailsLeavesThePreviousRowAndTheLeaseSoTheHolderCanWriteItLater() {
        backend().newDatabase();
        FaultyDataSource faulty = new FaultyDataSource(backend().dataSource());
        JdbcTokenStore store = JdbcBackend.open(faulty.dataSource(), backend().ring(), clock);
        GrantTokens login = uniqueTokens();
        StoredGrant grant = store.save(character(90000001), login);
        RefreshLease lease = store.tryLease(90000001, grant.version(), Duration.ofSeconds(30)).orElseThrow();
        GrantTokens rotated = uniqueTokens();

        faulty.failNextCommit();
        assertThatThrownBy(() -> store.completeRefresh(lease, character(90000001), rotated))
                .isInstanceOf(EveTokenStoreUnavailableException.class).hasMessageContaining("08006")
                .hasMessageNotContaining(rotated.refreshToken());

        StoredGrant after = store.load(90000001).orElseThrow();
        assertThat(after.version()).isEqualTo(grant.version());
        assertThat(after.tokens()).isEqualTo(login);
        assertThat(after.leasedUntil()).isEqualTo(lease.until());
        assertThat(store.completeRefresh(lease, character(90000001), rotated).tokens()).isEqualTo(rotated);
    }

    @Test
    void aLeaseOrLoginWhoseCommitFailsLeavesNothingBehind() {
        backend().newDatabase();
        FaultyDataSource faulty = new FaultyDataSource(backend().dataSource());
        JdbcTokenStore store = JdbcBackend.open(faulty.dataSource(), backend().ring(), clock);
        StoredGrant grant = store.save(character(90000001), uniqueTokens());

        faulty.failNextCommit();
        assertThatThrownBy(() -> store.tryLease(90000001, grant.version(), Duration.ofSeconds(30)))
                .isInstanceOf(EveTokenStoreUnavailableException.class);
        faulty.failNextCommit();
        assertThatThrownBy(() -> store.save(character(90000001), uniqueTokens()))
                .isInstanceOf(EveTokenStoreUnavailableException.class);
        faulty.failNextCommit();
        assertThatThrownBy(() -> store.save(character(90000002), uniqueTokens()))
                .isInstanceOf(EveTokenStoreUnavailableException.class);

        assertThat(store.load(90000001)).contains(grant);
        assertThat(store.load(90000002)).isEmpty();
        assertThat(store.tryLease(90000001, grant.version(), Duration.ofSeconds(30))).isPresent();
    }

    @Test
    void aCallBlockedByAnotherTransactionsLockFailsWithinTheQueryTimeout() throws Exception {
        EveTokenStore store = backend().newStore(clock);
        StoredGrant grant = store.save(character(90000001), uniqueTokens());
        EveTokenStore impatient = EveTokenStores.jdbc(backend().dataSource()).key("k1", backend().key)
                .queryTimeout(Duration.ofSeconds(1)).build();
        try (Connection holder = backend().dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT row_version FROM " + Schema.GRANTS + " WHERE character_id = 90000001 FOR UPDATE")) {
                lock.executeQuery().close();
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> impatient.tryLease(90000001, grant.version(), Duration.ofSeconds(30)))
                    .isInstanceOf(EveTokenStoreUnavailableException.class)
                    .hasMessageContaining("lease the grant of character 90000001");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            holder.rollback();
        }
        assertThat(store.tryLease(90000001, grant.version(), Duration.ofSeconds(30))).isPresent();
    }
}
