package io.github.evesso.sample.cluster;

import io.github.evesso.sample.SampleApp;
import io.github.evesso.sample.dev.SampleTokenStore;
import io.github.evesso.testing.LocalEveSso;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two Tomcat nodes replicating sessions over 127.0.0.1 with {@code server-config/tomcat/cluster-server.xml}, both
 * serving the sample's web.xml WAR against one {@link LocalEveSso}; started one after the other (node1, then node2,
 * which meets node1 before its application starts). Node2 always runs in this JVM, so that tests can look into its
 * sessions; node1 too, or in a JVM of its own that a test can kill.
 *
 * <p>There is no load balancer: a test's browser sends each request to the node the test names, with the same
 * cookie (cookies are per host, not per port). Both nodes have node1's callback URL, the one registered at the SSO,
 * as the public one; {@link #onNode} delivers the SSO's redirect there to another node, as a load balancer would.
 */
final class TwoNodeCluster implements AutoCloseable {

    /** How the load balancer routes the requests of one session. */
    enum Routing {
        /** By the session id's {@code jvmRoute} ({@code .node1}): another node only when its node is gone. */
        STICKY,
        /** Any node, any request: the nodes have no {@code jvmRoute}. */
        NON_STICKY
    }

    private final LocalEveSso sso;
    private final List<ClusterNode> nodes = new ArrayList<>();
    private SharedTokenStore tokenStore;

    private TwoNodeCluster(LocalEveSso sso) {
        this.sso = sso;
    }

    /** A cluster to configure; {@link Builder#start} starts it. */
    static Builder builder() {
        return new Builder();
    }

    /** The SSO both nodes log in at. */
    LocalEveSso sso() {
        return sso;
    }

    /** Node1, which started first (in this JVM unless {@link Builder#node1InItsOwnJvm}). */
    ClusterNode node1() {
        return nodes.get(0);
    }

    /** Node1 in this JVM. */
    TomcatNode node1InProcess() {
        return (TomcatNode) nodes.get(0);
    }

    /** Node1 in its own JVM, to be killed. */
    NodeProcess node1Process() {
        return (NodeProcess) nodes.get(0);
    }

    /** Node2, in this JVM. */
    TomcatNode node2() {
        return (TomcatNode) nodes.get(1);
    }

    /** What a load balancer does with {@code url} (the public URL): the same request, served by {@code node}. */
    static URI onNode(URI url, ClusterNode node) {
        return URI.create(url.toString().replaceFirst("^http://localhost:\\d+/", "http://localhost:" + node.port()
                + "/"));
    }

    /** The token store the nodes share ({@link Builder#tokenStore}). */
    SharedTokenStore tokenStore() {
        return Objects.requireNonNull(tokenStore, "the cluster was started without a token store");
    }

    /** Stops what still runs; a node already killed is left alone. */
    @Override
    public void close() {
        try {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
        } finally {
            try {
                sso.close();
            } finally {
                if (tokenStore != null) {
                    tokenStore.close();
                }
            }
        }
    }

    /** The first port above those tried by {@link #freePorts}: Linux's ephemeral ports start at 32768. */
    private static final int BELOW_EPHEMERAL = 32_768;
    private static final int LOWEST = 20_000;

    /**
     * Reserves {@code count} distinct free ports on 127.0.0.1 (held together, then released for the nodes), chosen
     * below the ephemeral range: a port the system hands out for outgoing connections (the nodes' calls to the SSO
     * and the database while they start) could otherwise be taken between its release and the node's bind.
     */
    static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0, attempts = 0; i < count; attempts++) {
                if (attempts > 1_000) {
                    throw new IllegalStateException("no free port on 127.0.0.1 between " + LOWEST + " and "
                            + BELOW_EPHEMERAL);
                }
                int candidate = ThreadLocalRandom.current().nextInt(LOWEST, BELOW_EPHEMERAL);
                try {
                    ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress());
                    held.add(socket);
                    ports[i++] = candidate;
                } catch (IOException taken) {
                    // in use: try another
                }
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // released either way
                }
            }
        }
    }

    /** Configures a {@link TwoNodeCluster}. */
    static final class Builder {
        private Routing routing = Routing.STICKY;
        private NodeSpec.ManagerKind manager = NodeSpec.ManagerKind.DELTA;
        private Path node1Dir;
        private Duration tokenLifetime = Duration.ofMinutes(20);
        private Duration refreshWindow;
        private boolean tokenStore;

        private Builder() {
        }

        /**
         * Gives both nodes one token store: the sample's settings, on an H2 database in this JVM that the nodes reach
         * over TCP on 127.0.0.1 (default: none, the sessions only).
         */
        Builder tokenStore() {
            this.tokenStore = true;
            return this;
        }

        /** How requests are routed (default {@link Routing#STICKY}). */
        Builder routing(Routing routing) {
            this.routing = routing;
            return this;
        }

        /** The session manager (default cluster-server.xml's DeltaManager). */
        Builder manager(NodeSpec.ManagerKind manager) {
            this.manager = manager;
            return this;
        }

        /** Runs node1 in a JVM of its own, its settings and log in {@code dir}. */
        Builder node1InItsOwnJvm(Path dir) {
            this.node1Dir = dir;
            return this;
        }

        /**
         * Access tokens live {@code lifetime} at the SSO and the nodes refresh them {@code refreshWindow} before
         * they expire (defaults: 20 minutes and the library's 60 s): short ones make refreshes due within seconds.
         */
        Builder tokens(Duration lifetime, Duration refreshWindow) {
            this.tokenLifetime = lifetime;
            this.refreshWindow = refreshWindow;
            return this;
        }

        /** Starts the SSO, node1 and then node2; stops what started if something fails. */
        TwoNodeCluster start() {
            int[] ports = freePorts(4); // HTTP node1, node2; replication node1, node2
            int[] tribes = {ports[2], ports[3]};
            String callback = "http://localhost:" + ports[0] + "/sso/callback";
            TwoNodeCluster cluster = new TwoNodeCluster(LocalEveSso.builder()
                    .client(SampleApp.CLIENT_ID, SampleApp.CLIENT_SECRET, callback).tokenLifetime(tokenLifetime)
                    .build().start());
            try {
                Map<String, String> settings = SampleApp.settings(cluster.sso, callback);
                if (refreshWindow != null) {
                    settings.put("eve.sso.refresh-window", refreshWindow.toMillis() + "ms");
                }
                String storeUrl = null;
                if (tokenStore) {
                    cluster.tokenStore = SharedTokenStore.start();
                    storeUrl = cluster.tokenStore.url();
                    settings.putAll(SampleTokenStore.settings());
                }
                byte[] key = new byte[16];
                new SecureRandom().nextBytes(key);
                String hexKey = HexFormat.of().formatHex(key);
                NodeSpec[] specs = new NodeSpec[2];
                for (int n = 1; n <= 2; n++) {
                    specs[n - 1] = new NodeSpec("node" + n, ports[n - 1],
                            NodeSpec.clusterProperties(n, tribes, hexKey),
                            routing == Routing.STICKY ? "node" + n : null, manager, settings, storeUrl);
                }
                cluster.nodes.add(node1Dir != null ? NodeProcess.start(specs[0], false, node1Dir)
                        : TomcatNode.start(specs[0], false));
                TomcatNode node2 = TomcatNode.start(specs[1], true);
                cluster.nodes.add(node2);
                if (cluster.node1() instanceof TomcatNode node1) {
                    node1.awaitMembers(1);
                }
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
    }
}
