package io.github.evesso.sample.dev;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tomcat.util.descriptor.web.ContextResource;

/**
 * The sample's token store when it runs in dev mode and in its tests: an H2 database in a file, offered by Tomcat as
 * a JNDI {@code DataSource} (the {@code <Resource>} below, as in a {@code context.xml}) and named by the library's
 * setting {@code eve.sso.token-store-datasource}, with a sample encryption key. On a server the same two settings
 * name the server's own pool (PostgreSQL: {@code server-config/tomcat/token-store.xml}) and its own key.
 */
public final class SampleTokenStore {
    /** The resource's name in {@code java:comp/env}. */
    public static final String RESOURCE_NAME = "jdbc/evesso";
    /** The JNDI name the library looks up ({@code eve.sso.token-store-datasource}). */
    public static final String JNDI_NAME = "java:comp/env/" + RESOURCE_NAME;
    /** The database's file name (H2 adds {@code .mv.db}) inside the data directory. */
    public static final String DATABASE = "evesso-sample";
    /**
     * The token store's key, {@code keyId:base64}. SAMPLE ONLY: it is public in this repository, so anyone can
     * decrypt a database encrypted with it. Generate your own: {@code openssl rand -base64 32}.
     */
    public static final String SAMPLE_KEYS = "sample-only:7VQXpgMB3V4eirzxsGuWA7FSP44qx5+MeDmqJvubsI0=";

    private SampleTokenStore() {
    }

    /** {@code jdbc:h2:file:<directory>/evesso-sample;MODE=PostgreSQL}. */
    public static String h2Url(Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().normalize().resolve(DATABASE) + ";MODE=PostgreSQL";
    }

    /**
     * The H2 data source as a Tomcat resource, what this {@code context.xml} element declares:
     * <pre>{@code
     * <Resource name="jdbc/evesso" auth="Container" type="org.h2.jdbcx.JdbcDataSource"
     *           factory="org.h2.jdbcx.JdbcDataSourceFactory" description="EVE SSO token store"
     *           url="jdbc:h2:file:/srv/eve-sso/data/evesso-sample;MODE=PostgreSQL" user="evesso" password="evesso"
     *           loginTimeout="10"/>
     * }</pre>
     * (H2's factory needs every one of {@code url}, {@code user}, {@code password}, {@code description} and
     * {@code loginTimeout}.) The H2 jar is in the WAR, where Tomcat finds the factory.
     */
    public static ContextResource h2Resource(Path directory) {
        return h2Resource(h2Url(directory));
    }

    /** The same resource on the H2 database at {@code url} (e.g. one H2 TCP server that several nodes share). */
    public static ContextResource h2Resource(String url) {
        ContextResource resource = new ContextResource();
        resource.setName(RESOURCE_NAME);
        resource.setAuth("Container");
        resource.setType("org.h2.jdbcx.JdbcDataSource");
        resource.setDescription("EVE SSO token store");
        resource.setProperty("factory", "org.h2.jdbcx.JdbcDataSourceFactory");
        resource.setProperty("url", url);
        resource.setProperty("user", "evesso"); // the H2 file's own user, created with the file
        resource.setProperty("password", "evesso");
        resource.setProperty("loginTimeout", "10");
        return resource;
    }

    /** The library's settings for the store: the JNDI name and the sample key; a mutable map. */
    public static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("eve.sso.token-store-datasource", JNDI_NAME);
        settings.put("eve.sso.token-store-keys", SAMPLE_KEYS);
        return settings;
    }
}
