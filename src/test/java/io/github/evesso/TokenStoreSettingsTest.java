package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.support.Browser;
import io.github.evesso.support.LogCapture;
import io.github.evesso.support.Page;
import io.github.evesso.support.TestApp;
import io.github.evesso.support.TestClock;
import io.github.evesso.testing.LocalEveSso;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.descriptor.web.ContextResource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The token store as the settings name it: a {@code DataSource} found by its JNDI name in the container, with the
 * configured key; a name bound to nothing, or a database that cannot be reached, stops the application's start with a
 * message that says which setting and why (and never shows the key).
 */
@Timeout(60)
class TokenStoreSettingsTest {
    private static final String KEY = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpBQkNERUY=";
    private static final String JNDI = "java:comp/env/jdbc/eve";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final TestClock clock = new TestClock();
    private final LocalEveSso sso = LocalEveSso.builder().clock(clock).build().start();
    private TestApp app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
        sso.close();
    }

    /** A context with JNDI and {@code resource} bound as {@code jdbc/eve}. */
    private static TestApp.ContainerSettings withResource(ContextResource resource) {
        return new TestApp.ContainerSettings() {
            @Override
            public void apply(Connector connector, Context context) {
                context.getNamingResources().addResource(resource);
            }

            @Override
            public boolean naming() {
                return true;
            }
        };
    }

    private static ContextResource h2(String url) {
        ContextResource resource = new ContextResource();
        resource.setName("jdbc/eve");
        resource.setType(JdbcDataSource.class.getName());
        resource.setProperty("factory", "org.h2.jdbcx.JdbcDataSourceFactory");
        resource.setProperty("url", url);
        resource.setProperty("user", "sa");
        resource.setProperty("password", ""); // H2's factory reads all five
        resource.setProperty("description", "the token store");
        resource.setProperty("loginTimeout", "5");
        return resource;
    }

    private TestApp start(ContextResource resource) {
        return TestApp.start(sso, clock, b -> b.properties(Map.of(
                "eve.sso.token-store-datasource", JNDI,
                "eve.sso.token-store-keys", "k1:" + KEY)), withResource(resource));
    }

    @Test
    void aDataSourceNamedByJndiHoldsTheGrantOfEachLogin() {
        String url = "jdbc:h2:mem:jndi" + DATABASES.incrementAndGet() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
        app = start(h2(url));

        Page page = new Browser().get(app.url("/protected/home"));

        assertThat(page.status()).isEqualTo(200);
        JdbcDataSource same = new JdbcDataSource();
        same.setURL(url);
        same.setUser("sa");
        EveTokenStore store = EveTokenStores.jdbc(same).key("k1", KEY).build();
        assertThat(store.load(90000001L)).hasValueSatisfying(grant -> {
            assertThat(grant.status()).isEqualTo(StoredGrant.Status.OK);
            assertThat(grant.refreshToken()).isEqualTo(sso.issuedRefreshTokens().get(0));
        });
        assertThat(app.runtime().storedTokens().characters()).hasSize(1);
    }

    @Test
    void aJndiNameBoundToNothingStopsTheStartNamingTheSetting() {
        try (LogCapture log = LogCapture.start()) {
            ContextResource other = h2("jdbc:h2:mem:unused;DB_CLOSE_DELAY=-1");
            other.setName("jdbc/other");

            assertThatThrownBy(() -> start(other)).isInstanceOf(IllegalStateException.class);

            assertThat(log.text()).contains("eve.sso.token-store-datasource: no DataSource is bound to the JNDI name "
                    + JNDI).doesNotContain(KEY);
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedAtStartUpStopsTheStartAndSaysSo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ContextResource postgres = new ContextResource();
        postgres.setName("jdbc/eve");
        postgres.setType("org.postgresql.ds.PGSimpleDataSource");
        postgres.setProperty("factory", "org.apache.naming.factory.BeanFactory");
        postgres.setProperty("serverName", "127.0.0.1");
        postgres.setProperty("portNumber", String.valueOf(closedPort));
        postgres.setProperty("databaseName", "postgres");
        postgres.setProperty("connectTimeout", "2");
        try (LogCapture log = LogCapture.start()) {
            assertThatThrownBy(() -> start(postgres)).isInstanceOf(IllegalStateException.class);

            assertThat(log.text()).contains("EveTokenStoreUnavailableException").doesNotContain(KEY);
        }
    }
}
