package io.github.evesso.sample.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TomcatNode} in its own JVM ({@link ClusterNodeMain}, the test's class path), which {@link #kill()} ends
 * with SIGKILL, as a server crashes: no session is written anywhere, no member says goodbye.
 */
final class NodeProcess implements ClusterNode {
    /** How long the JVM may take until its application serves. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final NodeSpec spec;
    private final Process process;
    private final Path log;

    private NodeProcess(NodeSpec spec, Process process, Path log) {
        this.spec = spec;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the JVM and waits (bounded) until its application serves.
     *
     * @param dir where the node's settings and log go
     */
    static NodeProcess start(NodeSpec spec, boolean awaitPeer, Path dir) {
        Path specFile = dir.resolve(spec.name() + ".properties");
        Path log = dir.resolve(spec.name() + ".log");
        spec.write(specFile);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        for (String property : List.of("sample.war.webxml", "sample.server-config", "java.util.logging.config.file")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterNodeMain.class.getName(),
                specFile.toString(), awaitPeer ? "await-peer" : "first"));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NodeProcess node = new NodeProcess(spec, process, log);
        try {
            node.awaitReady();
        } catch (RuntimeException e) {
            node.kill();
            throw e;
        }
        return node;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (Files.readString(log).contains(ClusterNodeMain.READY)) {
                    return;
                }
                if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(spec.name() + " exited with " + process.exitValue() + ":\n"
                            + Files.readString(log));
                }
            }
            throw new IllegalStateException(spec.name() + " did not serve within " + START_TIMEOUT + ":\n"
                    + Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public int port() {
        return spec.httpPort();
    }

    /** The node's output so far (its log). */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, and waits (bounded) until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(spec.name() + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
