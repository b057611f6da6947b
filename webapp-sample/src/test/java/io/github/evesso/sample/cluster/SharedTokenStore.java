package io.github.evesso.sample.cluster;

import io.github.evesso.EveTokenStore;
import io.github.evesso.EveTokenStores;
import io.github.evesso.sample.dev.SampleTokenStore;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;

/**
 * One token store for the nodes of a {@link TwoNodeCluster}: an in-memory H2 database in this JVM, served by H2's TCP
 * server on 127.0.0.1 (the failsafe run sets {@code h2.bindAddress}), which every node's {@code jdbc/evesso}
 * resource reaches, as the nodes of a real cluster share one PostgreSQL.
 */
final class SharedTokenStore implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Server server;
    private final String url;

    private SharedTokenStore(Server server, String url) {
        this.server = server;
        this.url = url;
    }

    /** Starts the TCP server on a free port of 127.0.0.1. */
    static SharedTokenStore start() {
        if (!"127.0.0.1".equals(System.getProperty("h2.bindAddress"))) {
            throw new IllegalStateException("h2.bindAddress must be 127.0.0.1 (the sample's failsafe settings)");
        }
        try {
            Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            return new SharedTokenStore(server, "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:cluster-store-"
                    + DATABASES.incrementAndGet() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        } catch (SQLException e) {
            throw new IllegalStateException("the H2 TCP server did not start", e);
        }
    }

    /** The JDBC URL the nodes use. */
    String url() {
        return url;
    }

    /** The store as the nodes see it (the sample's key), for a test to read. */
    EveTokenStore open() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("evesso");
        dataSource.setPassword("evesso");
        String[] key = SampleTokenStore.SAMPLE_KEYS.split(":", 2);
        return EveTokenStores.jdbc(dataSource).key(key[0], key[1]).build();
    }

    @Override
    public void close() {
        server.stop();
    }
}
