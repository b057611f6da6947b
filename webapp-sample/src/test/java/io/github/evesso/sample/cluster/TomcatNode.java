package io.github.evesso.sample.cluster;

import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.sample.SampleApp;
import io.github.evesso.sample.dev.SampleServer;
import io.github.evesso.sample.dev.SampleTokenStore;
import io.github.evesso.support.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.catalina.Session;
import org.apache.catalina.ha.ClusterRuleSet;
import org.apache.catalina.ha.session.BackupManager;
import org.apache.catalina.ha.session.ClusterManagerBase;
import org.apache.catalina.ha.tcp.SimpleTcpCluster;
import org.apache.catalina.tribes.group.GroupChannel;
import org.apache.catalina.tribes.membership.MemberImpl;
import org.apache.tomcat.util.IntrospectionUtils;
import org.apache.tomcat.util.digester.Digester;
import org.xml.sax.SAXException;

/**
 * One node of a Tomcat cluster in this JVM: the sample's web.xml WAR (distributable) on embedded Tomcat
 * ({@link SampleServer}) with {@code server-config/tomcat/cluster-context.xml}, in an engine whose {@code <Cluster>} is
 * read from {@code server-config/tomcat/cluster-server.xml} by Tomcat's own rules for that element, with this node's
 * {@code ${...}} values. The node starts its engine and channel first, meets its peer (when told to), and only then
 * deploys the application, so that the session manager gets the peer's sessions at its start.
 */
final class TomcatNode implements ClusterNode {
    /** How long a node waits to meet its peer. */
    static final Duration MEMBERSHIP_TIMEOUT = Duration.ofSeconds(15);

    private final NodeSpec spec;
    private final SampleServer server;
    private final SimpleTcpCluster cluster;
    private final ReplicationProbe probe = new ReplicationProbe();

    private TomcatNode(NodeSpec spec, SampleServer server, SimpleTcpCluster cluster) {
        this.spec = spec;
        this.server = server;
        this.cluster = cluster;
    }

    /** The directory of the ready-to-copy server configuration (the repository's {@code server-config}). */
    static Path serverConfig() {
        return Path.of(System.getProperty("sample.server-config", "../server-config"));
    }

    /**
     * Starts the node.
     *
     * @param awaitPeer whether to wait (at most {@link #MEMBERSHIP_TIMEOUT}) until the other node is a member before
     *     the application starts: the node that starts second does
     */
    static TomcatNode start(NodeSpec spec, boolean awaitPeer) {
        SimpleTcpCluster cluster = readCluster(serverConfig().resolve("tomcat/cluster-server.xml"),
                spec.clusterProperties());
        if (spec.manager() == NodeSpec.ManagerKind.BACKUP) {
            // README's BackupManager line:
            // <Manager className="org.apache.catalina.ha.session.BackupManager" accessTimeout="15000"/>
            BackupManager backup = new BackupManager();
            backup.setAccessTimeout(15_000);
            cluster.setManagerTemplate(backup);
        }
        // two nodes in one JVM would register the same MBeans; a node of its own JVM keeps them
        ((GroupChannel) cluster.getChannel()).setJmxEnabled(false);
        SampleServer server = SampleServer.bind("127.0.0.1", spec.httpPort());
        TomcatNode node = new TomcatNode(spec, server, cluster);
        try {
            cluster.getChannel().addChannelListener(node.probe);
            server.engine().setCluster(cluster);
            if (spec.jvmRoute() != null) {
                server.engine().setJvmRoute(spec.jvmRoute());
            }
            server.start();
            if (awaitPeer) {
                node.awaitMembers(1);
            }
            server.deploy(SampleApp.Style.WEBXML.war(), serverConfig().resolve("tomcat/cluster-context.xml"),
                    spec.settings(), spec.tokenStoreUrl() == null ? List.of()
                            : List.of(SampleTokenStore.h2Resource(spec.tokenStoreUrl())));
            if (!(server.context().getManager() instanceof ClusterManagerBase)) {
                throw new IllegalStateException("the application is not clustered: its manager is "
                        + server.context().getManager());
            }
            return node;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Reads a {@code <Cluster>} element as Tomcat reads it inside {@code <Engine>} in {@code server.xml}, with
     * {@code ${name}} replaced from {@code properties} only (as {@code conf/catalina.properties} would supply them;
     * an unknown name fails instead of staying in the configuration).
     */
    static SimpleTcpCluster readCluster(Path file, Map<String, String> properties) {
        IntrospectionUtils.PropertySource values = name -> {
            String value = properties.get(name);
            if (value == null) {
                throw new IllegalStateException(file + " names ${" + name + "}, which this node does not set");
            }
            return value;
        };
        Digester digester = new Digester() {
            {
                source = new IntrospectionUtils.PropertySource[] {values};
            }
        };
        digester.setValidating(false);
        digester.setClassLoader(TomcatNode.class.getClassLoader());
        digester.addObjectCreate("Cluster", null, "className");
        digester.addSetProperties("Cluster");
        digester.addRuleSet(new ClusterRuleSet("Cluster/"));
        try {
            return (SimpleTcpCluster) digester.parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Waits (bounded) until the cluster has at least {@code count} other members. */
    void awaitMembers(int count) {
        long deadline = System.nanoTime() + MEMBERSHIP_TIMEOUT.toNanos();
        while (cluster.getMembers().length < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(spec.name() + " did not meet " + count + " other node(s) within "
                        + MEMBERSHIP_TIMEOUT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public int port() {
        return server.port();
    }

    /** The replication messages this node received. */
    ReplicationProbe probe() {
        return probe;
    }

    /**
     * What tribes adds to each message this node sends, beyond what {@link ReplicationProbe} counts: its
     * {@code ChannelData} header (options, timestamp, ids, lengths: 28 B, and the sender's member data), the frame's
     * start and end marks and length (18 B), and the EncryptInterceptor's IV and GCM tag (28 B).
     */
    int framingBytes() {
        return 28 + ((MemberImpl) cluster.getLocalMember()).getDataLength() + 18 + 28;
    }

    /** How many other nodes this node sees now. */
    int memberCount() {
        return cluster.getMembers().length;
    }

    /**
     * A copy of the characters that session {@code sessionId} holds on this node (its library attribute, serialized
     * and read back with the test's classes), or empty when this node has no such session or it holds no login. The
     * manager's own list of sessions, without side effects (a BackupManager's get would make this node primary).
     */
    Optional<EveLogins> logins(String sessionId) {
        return sessionObject(sessionId).map(s -> s.getSession().getAttribute(SessionLogin.ATTRIBUTE))
                .map(attribute -> Serialization.deserialize(Serialization.serialize(attribute), EveLogins.class));
    }

    /** Whether this node holds session {@code sessionId} (a copy, for a BackupManager's backup node). */
    boolean holdsSession(String sessionId) {
        return sessionObject(sessionId).isPresent();
    }

    /** The serialized size of session {@code sessionId}'s library attribute on this node. */
    int loginAttributeBytes(String sessionId) {
        return sessionObject(sessionId).map(s -> s.getSession().getAttribute(SessionLogin.ATTRIBUTE))
                .map(attribute -> Serialization.serialize(attribute).length).orElse(0);
    }

    private Optional<Session> sessionObject(String sessionId) {
        List<Session> sessions = Arrays.asList(server.context().getManager().findSessions());
        return sessions.stream().filter(s -> s.getIdInternal().equals(sessionId)).findFirst();
    }

    /** Stops the node as an administrator does (its sessions stay on the other node). */
    @Override
    public void close() {
        server.close();
    }
}
