package io.github.evesso.sample.cluster;

import java.net.URI;

/** A node of a {@link TwoNodeCluster}, in this JVM ({@link TomcatNode}) or in its own ({@link NodeProcess}). */
interface ClusterNode extends AutoCloseable {

    /** {@code node1} or {@code node2}. */
    String name();

    /** The HTTP port on 127.0.0.1. */
    int port();

    /** {@code http://localhost:<port><path>}: cookies are per host, so a browser sends one session to both nodes. */
    default URI url(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    @Override
    void close();
}
