package io.github.evesso.bench;

import io.github.evesso.internal.store.JdbcTokenStore;
import io.github.evesso.internal.store.KeyRing;
import io.github.evesso.support.SharedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Part 8's databases, each new and empty, with an encrypting JDBC token store on it (one AES-256 key, as in
 * production): the test suite's embedded PostgreSQL server (a schema of its own) and H2 in {@code MODE=PostgreSQL}, in
 * memory and on file. Reached through a connection pool, as an application's store is (H2's
 * {@link JdbcConnectionPool} over the driver's {@code ConnectionPoolDataSource}); {@link Kind#POSTGRES_NO_POOL} opens a
 * connection per store call, to show what the pool saves.
 */
final class StoreDatabases {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    /** Where the store's tables are. */
    enum Kind {
        POSTGRES("PostgreSQL (embedded server, 127.0.0.1)"),
        POSTGRES_NO_POOL("PostgreSQL, no pool: a new connection per store call"),
        H2_MEMORY("H2 in memory"),
        H2_FILE("H2 on file");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** An open database; closing it drops it (schema, or H2 database and its files). */
    record Database(Kind kind, DataSource dataSource, Runnable drop) implements AutoCloseable {
        /** A new encrypting token store on this database (its tables created as at an application's start). */
        JdbcTokenStore store(Clock clock) {
            return JdbcTokenStore.open(dataSource, KeyRing.of(Map.of("k1", KEY), null, new ArrayList<>()),
                    QUERY_TIMEOUT, clock);
        }

        @Override
        public void close() {
            drop.run();
        }
    }

    private StoreDatabases() {
    }

    /** A new, empty database of {@code kind}; PostgreSQL is started at its first use (a few seconds). */
    static Database open(Kind kind) {
        return switch (kind) {
            case POSTGRES, POSTGRES_NO_POOL -> postgres(kind);
            case H2_MEMORY -> h2(kind, "jdbc:h2:mem:bench-store" + DATABASES.incrementAndGet(), null);
            case H2_FILE -> {
                Path directory;
                try {
                    directory = Files.createTempDirectory("eve-sso-bench-h2");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                yield h2(kind, "jdbc:h2:file:" + directory.resolve("store").toAbsolutePath(), directory);
            }
        };
    }

    private static Database postgres(Kind kind) {
        PGSimpleDataSource direct = (PGSimpleDataSource) SharedPostgres.newSchema();
        String schema = direct.getCurrentSchema();
        Runnable dropSchema = () -> execute(direct, "DROP SCHEMA " + schema + " CASCADE");
        if (kind == Kind.POSTGRES_NO_POOL) {
            return new Database(kind, direct, dropSchema);
        }
        PGConnectionPoolDataSource pooled = new PGConnectionPoolDataSource();
        pooled.setURL(direct.getURL()); // server, port, database, schema and timeouts; not the user
        pooled.setUser(direct.getUser());
        pooled.setLoginTimeout(direct.getLoginTimeout());
        JdbcConnectionPool pool = JdbcConnectionPool.create(pooled);
        return new Database(kind, pool, () -> {
            pool.dispose();
            dropSchema.run();
        });
    }

    private static Database h2(Kind kind, String url, Path directory) {
        JdbcDataSource direct = new JdbcDataSource();
        direct.setURL(url + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        JdbcConnectionPool pool = JdbcConnectionPool.create(direct);
        return new Database(kind, pool, () -> {
            execute(pool, "SHUTDOWN");
            pool.dispose();
            if (directory != null) {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    Report.progress("part 8: could not delete " + directory + ": " + e.getMessage());
                }
            }
        });
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            Report.progress("part 8: " + sql + " failed: " + e.getMessage());
        }
    }
}
