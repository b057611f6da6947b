package io.github.evesso.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The token store's tables, created or migrated at start-up by plain versioned DDL: {@code eve_sso_schema_version}
 * records each applied step. Runs on PostgreSQL 14 and later and on H2 (PostgreSQL mode or not).
 *
 * <p>A start on a database already at the current version only reads the version table: no DDL, no lock, so the
 * application's database user needs no right to create tables once a DBA has run the DDL.
 *
 * <p>Nodes starting at once: the steps run while holding a row lock on version row 0 ({@code SELECT ... FOR
 * UPDATE}), so on PostgreSQL a second node waits and then finds the steps applied; every step is idempotent
 * ({@code IF NOT EXISTS}) and the version rows are inserted only when absent, so on H2 (where DDL commits and so
 * releases the lock) and for PostgreSQL's own race of two {@code CREATE TABLE IF NOT EXISTS} a failed attempt is
 * simply run again, up to five times.
 */
final class Schema {
    static final String VERSIONS = "eve_sso_schema_version";
    static final String GRANTS = "eve_sso_grant";
    static final String OWNERS = "eve_sso_owner_hash";
    static final String KEY_CHECKS = "eve_sso_key_check";

    /** A migration step: its version, what it does, and its idempotent statements. */
    record Step(int version, String description, List<String> statements) {
    }

    /** Every step, in order. A new step is appended (never edit an applied one) and must be idempotent. */
    static final List<Step> STEPS = List.of(new Step(1, "grants, owner-hash history, key checks", List.of(
            "CREATE TABLE IF NOT EXISTS " + GRANTS + " ("
                    + " character_id BIGINT NOT NULL PRIMARY KEY,"
                    + " character_name VARCHAR(255) NOT NULL,"
                    + " owner_hash VARCHAR(255) NOT NULL,"
                    + " scopes TEXT NOT NULL,"
                    + " status VARCHAR(16) NOT NULL CHECK (status IN ('OK', 'NEEDS_LOGIN')),"
                    + " key_id VARCHAR(64),"
                    + " refresh_token TEXT,"
                    + " access_token TEXT,"
                    + " access_expires_at TIMESTAMP WITH TIME ZONE,"
                    + " row_version BIGINT NOT NULL,"
                    + " updated_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " lease_id VARCHAR(64),"
                    + " lease_until TIMESTAMP WITH TIME ZONE)",
            "CREATE TABLE IF NOT EXISTS " + OWNERS + " ("
                    + " character_id BIGINT NOT NULL PRIMARY KEY,"
                    + " owner_hash VARCHAR(255) NOT NULL,"
                    + " recorded_at TIMESTAMP WITH TIME ZONE NOT NULL)",
            "CREATE TABLE IF NOT EXISTS " + KEY_CHECKS + " ("
                    + " key_id VARCHAR(64) NOT NULL PRIMARY KEY,"
                    + " check_value TEXT NOT NULL,"
                    + " created_at TIMESTAMP WITH TIME ZONE NOT NULL)")));

    /** The schema version this library writes. */
    static final int CURRENT = STEPS.get(STEPS.size() - 1).version();

    private static final int ATTEMPTS = 5;

    private Schema() {
    }

    /**
     * Creates or migrates the tables.
     *
     * @return the schema version found before (0 for an empty database)
     */
    static int migrate(Jdbc jdbc) {
        Integer applied = appliedVersion(jdbc);
        if (applied != null && applied >= CURRENT) {
            return applied;
        }
        for (int attempt = 1;; attempt++) {
            try {
                return jdbc.transaction("create or migrate the token store's tables", connection -> {
                    execute(connection, jdbc, "CREATE TABLE IF NOT EXISTS " + VERSIONS + " ("
                            + " version INTEGER NOT NULL PRIMARY KEY,"
                            + " description VARCHAR(200) NOT NULL,"
                            + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
                    connection.commit();
                    return applyMissingSteps(connection, jdbc);
                });
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || isConnectionFailure(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static int applyMissingSteps(Connection connection, Jdbc jdbc) throws SQLException {
        if (!lockRow(connection, jdbc)) {
            jdbc.insertIfAbsent(connection, "INSERT INTO " + VERSIONS + " (version, description, applied_at)"
                    + " VALUES (0, 'lock row of the migrations', ?)", Instant.now());
            if (!lockRow(connection, jdbc)) {
                throw new SQLException("the migration lock row is missing", "40001");
            }
        }
        int found = appliedVersion(connection, jdbc);
        for (Step step : STEPS) {
            if (step.version() > found) {
                for (String sql : step.statements()) {
                    execute(connection, jdbc, sql);
                }
                jdbc.insertIfAbsent(connection, "INSERT INTO " + VERSIONS + " (version, description, applied_at)"
                        + " VALUES (?, ?, ?)", step.version(), step.description(), Instant.now());
            }
        }
        return found;
    }

    /**
     * The applied version, read without DDL nor locks (so that a schema a DBA created works for an application user
     * who may not create tables); {@code null} when the version table cannot be read (missing).
     */
    private static Integer appliedVersion(Jdbc jdbc) {
        try {
            return jdbc.transaction("read the token store's schema version",
                    connection -> appliedVersion(connection, jdbc));
        } catch (RuntimeException e) {
            if (isConnectionFailure(e)) {
                throw e;
            }
            return null;
        }
    }

    private static boolean lockRow(Connection connection, Jdbc jdbc) throws SQLException {
        try (PreparedStatement select = jdbc.prepare(connection,
                "SELECT version FROM " + VERSIONS + " WHERE version = 0 FOR UPDATE");
                ResultSet row = select.executeQuery()) {
            return row.next();
        }
    }

    private static int appliedVersion(Connection connection, Jdbc jdbc) throws SQLException {
        try (PreparedStatement select = jdbc.prepare(connection, "SELECT MAX(version) FROM " + VERSIONS);
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    private static void execute(Connection connection, Jdbc jdbc, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(jdbc.queryTimeoutSeconds());
            statement.execute(sql);
        }
    }

    /** A database that cannot be reached is reported at once, not tried five times. */
    private static boolean isConnectionFailure(RuntimeException e) {
        return e.getCause() instanceof SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith("08");
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the token store's tables", e);
        }
    }
}
