package io.github.evesso.internal.store;

import io.github.evesso.EveTokenStore;
import io.github.evesso.support.SharedPostgres;
import io.github.evesso.support.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One implementation of the token store under test, and the empty databases its tests run on: in memory, H2 in
 * memory, H2 on file, and the shared real PostgreSQL. JDBC stores get one random key, {@code k1}.
 */
abstract class StoreBackend {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    /** A new random AES-256 key in Base64. */
    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A store on a new, empty database. */
    abstract EveTokenStore newStore(TestClock clock);

    /** Another store on the database of the last {@link #newStore} (a second node). */
    abstract EveTokenStore secondNode(TestClock clock);

    /** Drops the database of the last {@link #newStore}. */
    void dropDatabase() {
    }

    static StoreBackend inMemory() {
        return new StoreBackend() {
            private InMemoryTokenStore store;

            @Override
            EveTokenStore newStore(TestClock clock) {
                store = new InMemoryTokenStore(clock);
                return store;
            }

            /** One JVM's memory is one node: the "second node" of the in-memory store is the store itself. */
            @Override
            EveTokenStore secondNode(TestClock clock) {
                return store;
            }

            @Override
            public String toString() {
                return "in memory";
            }
        };
    }

    static JdbcBackend h2InMemory() {
        return new JdbcBackend("H2 in memory") {
            @Override
            DataSource newDataSource() {
                JdbcDataSource ds = new JdbcDataSource();
                ds.setURL("jdbc:h2:mem:store" + DATABASES.incrementAndGet()
                        + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
                return ds;
            }

            @Override
            void drop(DataSource ds) {
                execute(ds, "SHUTDOWN");
            }
        };
    }

    static JdbcBackend h2File() {
        return new JdbcBackend("H2 on file") {
            @Override
            List<Path> files() {
                return List.of(directory);
            }

            @Override
            DataSource newDataSource() {
                try {
                    directory = Files.createTempDirectory("eve-sso-store-h2");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                JdbcDataSource ds = new JdbcDataSource();
                ds.setURL("jdbc:h2:file:" + directory.resolve("store").toAbsolutePath()
                        + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
                return ds;
            }

            @Override
            void drop(DataSource ds) {
                execute(ds, "SHUTDOWN");
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    static JdbcBackend postgres() {
        return new JdbcBackend("PostgreSQL") {
            @Override
            DataSource newDataSource() {
                return SharedPostgres.newSchema();
            }

            @Override
            List<Path> files() {
                return List.of(SharedPostgres.dataDirectory());
            }

            @Override
            void drop(DataSource ds) {
                execute(ds, "DROP SCHEMA " + ((PGSimpleDataSource) ds).getCurrentSchema() + " CASCADE");
            }
        };
    }

    static void execute(DataSource ds, String sql) {
        try (Connection connection = ds.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JDBC backend: a new database per test, stores opened on it with any key ring. */
    abstract static class JdbcBackend extends StoreBackend {
        private final String name;
        final String key = newKey();
        private DataSource dataSource;

        JdbcBackend(String name) {
            this.name = name;
        }

        /** The directory of the database's files of the last new database (set by {@link #newDataSource}). */
        Path directory;

        abstract DataSource newDataSource();

        /** The database's files, to scan for tokens in clear; none for a database in memory. */
        List<Path> files() {
            return List.of();
        }

        abstract void drop(DataSource dataSource);

        /** The database of the last {@link #newStore} (or {@link #newDatabase}). */
        DataSource dataSource() {
            return dataSource;
        }

        /** A new, empty database, without opening a store on it. */
        DataSource newDatabase() {
            dataSource = newDataSource();
            return dataSource;
        }

        KeyRing ring() {
            return KeyRing.of(Map.of("k1", key), null, new java.util.ArrayList<>());
        }

        @Override
        EveTokenStore newStore(TestClock clock) {
            newDatabase();
            return open(ring(), clock);
        }

        @Override
        EveTokenStore secondNode(TestClock clock) {
            return open(ring(), clock);
        }

        JdbcTokenStore open(KeyRing ring, TestClock clock) {
            return open(dataSource, ring, clock);
        }

        static JdbcTokenStore open(DataSource dataSource, KeyRing ring, TestClock clock) {
            return JdbcTokenStore.open(dataSource, ring, QUERY_TIMEOUT, clock);
        }

        @Override
        void dropDatabase() {
            if (dataSource != null) {
                drop(dataSource);
                dataSource = null;
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
