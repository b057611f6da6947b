package io.github.evesso.sample.cluster;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link TomcatNode} in a JVM of its own, so that a test can kill it as a server dies ({@link NodeProcess}).
 * Arguments: the {@link NodeSpec} file, and {@code await-peer} for the node that starts second. Prints
 * {@value #READY} and its port once the application is up; stops when its standard input closes (the test JVM ended).
 */
public final class ClusterNodeMain {
    /** The line's start that says the node serves. */
    static final String READY = "CLUSTER NODE READY ";

    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws IOException {
        TomcatNode node = TomcatNode.start(NodeSpec.read(Path.of(args[0])),
                args.length > 1 && args[1].equals("await-peer"));
        System.out.println(READY + node.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the parent closes the pipe
        }
        node.close();
        System.exit(0);
    }
}
