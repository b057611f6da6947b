package io.github.evesso.sample.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What one Tomcat node of a {@link TwoNodeCluster} is started with: its ports, the per-node values that
 * {@code server-config/tomcat/cluster-server.xml} reads (as {@code conf/catalina.properties} would give them), its
 * {@code jvmRoute} (sticky sessions) and the sample's settings. Written to a file for a node in its own JVM.
 *
 * @param name {@code node1} or {@code node2}: the static member this node is
 * @param httpPort the HTTP port on 127.0.0.1
 * @param clusterProperties the {@code ${...}} values of cluster-server.xml for this node
 * @param jvmRoute the engine's {@code jvmRoute} (the load balancer routes by it), or {@code null}: not sticky
 * @param manager the session manager of the cluster
 * @param settings the sample's server-side settings (context parameters)
 * @param tokenStoreUrl the JDBC URL of the token store's H2 database that the nodes share (offered to the application
 *     as the sample's {@code jdbc/evesso} resource), or {@code null}: no token store
 */
record NodeSpec(String name, int httpPort, Map<String, String> clusterProperties, String jvmRoute,
        ManagerKind manager, Map<String, String> settings, String tokenStoreUrl) {

    /** The cluster's session manager: cluster-server.xml's DeltaManager, or a BackupManager in its place. */
    enum ManagerKind {
        /** Every node holds every session (cluster-server.xml as it is). */
        DELTA,
        /** Each session has one primary and one backup node (the {@code <Manager>} element's className changed). */
        BACKUP
    }

    NodeSpec {
        clusterProperties = Map.copyOf(clusterProperties);
        settings = Map.copyOf(settings);
    }

    /** The values for {@code node} of a two-node cluster whose replication ports are {@code tribesPorts}. */
    static Map<String, String> clusterProperties(int node, int[] tribesPorts, String encryptionKey) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tribes.address", "127.0.0.1");
        p.put("tribes.port", Integer.toString(tribesPorts[node - 1]));
        for (int i = 0; i < tribesPorts.length; i++) {
            p.put("tribes.node" + (i + 1) + ".host", "127.0.0.1");
            p.put("tribes.node" + (i + 1) + ".port", Integer.toString(tribesPorts[i]));
        }
        p.put("tribes.encryption.key", encryptionKey);
        return p;
    }

    void write(Path file) {
        Properties p = new Properties();
        p.setProperty("name", name);
        p.setProperty("httpPort", Integer.toString(httpPort));
        if (jvmRoute != null) {
            p.setProperty("jvmRoute", jvmRoute);
        }
        p.setProperty("manager", manager.name());
        if (tokenStoreUrl != null) {
            p.setProperty("tokenStoreUrl", tokenStoreUrl);
        }
        clusterProperties.forEach((k, v) -> p.setProperty("cluster." + k, v));
        settings.forEach((k, v) -> p.setProperty("setting." + k, v));
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "a node of TwoNodeCluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NodeSpec read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> cluster = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("cluster.")) {
                cluster.put(key.substring("cluster.".length()), p.getProperty(key));
            } else if (key.startsWith("setting.")) {
                settings.put(key.substring("setting.".length()), p.getProperty(key));
            }
        }
        return new NodeSpec(p.getProperty("name"), Integer.parseInt(p.getProperty("httpPort")), cluster,
                p.getProperty("jvmRoute"), ManagerKind.valueOf(p.getProperty("manager")), settings,
                p.getProperty("tokenStoreUrl"));
    }
}
