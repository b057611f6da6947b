package io.github.evesso.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat for tests: host {@code localhost}, one HTTP connector on 127.0.0.1 with an ephemeral port that
 * is bound at once ({@link Tomcat#init()}), so that URLs such as the callback are known before anything is deployed;
 * its work directory is temporary.
 */
final class LoopbackTomcat {
    final Tomcat tomcat = new Tomcat();
    final Path baseDir;
    final int port;

    /** @param maxHeaderSize the connector's {@code maxHttpRequestHeaderSize}, or 0 for Tomcat's default */
    LoopbackTomcat(int maxHeaderSize) {
        try {
            baseDir = Files.createTempDirectory("evesso-tomcat");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("localhost");
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        if (maxHeaderSize > 0) {
            connector.setProperty("maxHttpRequestHeaderSize", Integer.toString(maxHeaderSize));
        }
        tomcat.setConnector(connector);
        tomcat.getHost().setAutoDeploy(false);
        try {
            tomcat.init();
        } catch (LifecycleException e) {
            deleteRecursively(baseDir);
            throw new IllegalStateException(e);
        }
        port = connector.getLocalPort();
    }

    /** Stops and destroys Tomcat, then deletes its work directory. */
    void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        } finally {
            deleteRecursively(baseDir);
        }
    }

    /** Deletes a temporary directory tree, ignoring what cannot be deleted. */
    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temporary files only
        }
    }
}
