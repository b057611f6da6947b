package io.github.evesso.internal.store;

import io.github.evesso.EveTokenStoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Plain JDBC the way the token store uses it: every call in its own explicit transaction on a connection of the
 * application's {@link DataSource} (always closed), committed only when the whole call worked and rolled back
 * otherwise, every statement with the query timeout. A transaction that the database aborted as a serialisation
 * failure or deadlock (SQLState class 40) is run once more. Failures become {@link EveTokenStoreUnavailableException}s
 * whose text and cause carry no row values: the driver's own text only for connection, timeout, shutdown and
 * resource failures.
 */
final class Jdbc {
    /** One transaction's work. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final int queryTimeoutSeconds;

    Jdbc(DataSource dataSource, int queryTimeoutSeconds) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    /**
     * Runs {@code work} in one transaction.
     *
     * @param what the operation, for the failure message ("save the grant of character 5"); no values from rows
     * @throws EveTokenStoreUnavailableException when the database fails; the transaction is rolled back
     */
    <T> T transaction(String what, Work<T> work) {
        try {
            return attempt(work);
        } catch (SQLException first) {
            if (!isTransactionRollback(first)) {
                throw unavailable(what, first);
            }
            try {
                return attempt(work);
            } catch (SQLException second) {
                throw unavailable(what, second);
            }
        }
    }

    private <T> T attempt(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            boolean done = false;
            try {
                T result = work.run(connection);
                connection.commit();
                done = true;
                return result;
            } finally {
                if (!done) {
                    rollbackQuietly(connection);
                }
                if (autoCommit) {
                    restoreAutoCommitQuietly(connection);
                }
            }
        }
    }

    int queryTimeoutSeconds() {
        return queryTimeoutSeconds;
    }

    /** A statement with the query timeout set. */
    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setQueryTimeout(queryTimeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    /** Runs an update, returning the number of rows changed. */
    int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        }
    }

    /**
     * Inserts a row unless one with its key exists (another transaction may insert it concurrently: then this waits
     * for it and finds it). Portable: a savepoint and the SQLState of a unique violation, no dialect's upsert.
     *
     * @return {@code true} when inserted, {@code false} when the key existed
     */
    boolean insertIfAbsent(Connection connection, String sql, Object... values) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            update(connection, sql, values);
            return true;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(savepoint);
            return false;
        }
    }

    /** Binds values in order: {@link Instant}s as {@code TIMESTAMP WITH TIME ZONE} (UTC), the rest as they are. */
    static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Instant instant) {
                statement.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else if (value == null) {
                statement.setString(i + 1, null);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    /** Reads a {@code TIMESTAMP WITH TIME ZONE} column as an {@link Instant} ({@code null} when null). */
    static Instant instant(ResultSet row, String column) throws SQLException {
        Object value = row.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static boolean isTransactionRollback(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("40");
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // The connection is broken: closing it ends the transaction on the server, which rolls it back.
        }
    }

    private static void restoreAutoCommitQuietly(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException | RuntimeException ignored) {
            // A broken connection: the pool discards it.
        }
    }

    /** The failure of {@code what}, with a sanitised copy of the driver's exception as its cause. */
    static EveTokenStoreUnavailableException unavailable(String what, SQLException e) {
        String state = e.getSQLState() == null ? "none" : e.getSQLState();
        String text = "SQLState " + state + ", vendor code " + e.getErrorCode() + ", " + e.getClass().getSimpleName();
        String driverText = safeDriverText(e);
        if (driverText != null) {
            text += ": " + driverText;
        }
        SQLException cause = new SQLException(text, e.getSQLState(), e.getErrorCode());
        cause.setStackTrace(e.getStackTrace());
        String timeout = e instanceof SQLTimeoutException || "57014".equals(state) || "HYT00".equals(state)
                ? " (no answer within the store's query timeout)" : "";
        return new EveTokenStoreUnavailableException("token store: could not " + what + timeout + " (" + text + ")",
                cause);
    }

    /**
     * The driver's message, first line and at most 200 characters, for the failure classes whose text never carries
     * row values (connection 08, access rules and missing tables 42, insufficient resources 53, operator
     * intervention and cancel 57, H2's timeouts HYT); {@code null} for the others (a constraint or data error may
     * quote a row). H2's copy of the statement is cut off.
     */
    private static String safeDriverText(SQLException e) {
        String state = e.getSQLState();
        if (state == null || e.getMessage() == null
                || !(state.startsWith("08") || state.startsWith("42") || state.startsWith("53")
                || state.startsWith("57") || state.startsWith("HYT"))) {
            return null;
        }
        String text = e.getMessage().lines().findFirst().orElse("");
        int statement = text.indexOf("; SQL statement");
        if (statement >= 0) {
            text = text.substring(0, statement);
        }
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
