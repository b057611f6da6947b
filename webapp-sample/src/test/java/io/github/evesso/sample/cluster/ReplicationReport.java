package io.github.evesso.sample.cluster;

import io.github.evesso.sample.cluster.ReplicationProbe.Received;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What session replication carried per kind of request in one test, printed as a {@code REPLICATION} line of the
 * test's output: the figures of server-config/tomcat/README.md ("What to size").
 */
final class ReplicationReport {
    private final String setUp;
    private final Map<String, Set<String>> seen = new LinkedHashMap<>();
    private final Map<String, Integer> largest = new LinkedHashMap<>();

    /** A report on {@code setUp}, e.g. "DeltaManager, sticky, one character". */
    ReplicationReport(String setUp) {
        this.setUp = setUp;
    }

    /** Records what one request of kind {@code what} made the node send, as the other node received it. */
    void add(String what, List<Received> messages) {
        seen.computeIfAbsent(what, w -> new LinkedHashSet<>()).add(describe(messages));
        largest.merge(what, messages.stream().mapToInt(Received::bytes).sum(), Math::max);
    }

    /** The most bytes one request of kind {@code what} made the node send. */
    int largest(String what) {
        return largest.getOrDefault(what, 0);
    }

    /** Prints the report; {@code attributeBytes}: the library's session attribute serialized. */
    void print(int attributeBytes, int framingBytes) {
        System.out.printf("REPLICATION %s: %s; the login attribute serialized: %d B; each message also carries %d B"
                + " of framing and encryption%n", setUp, seen.entrySet().stream()
                        .map(e -> e.getKey() + ": " + String.join(" | ", e.getValue()))
                        .collect(Collectors.joining("; ")), attributeBytes, framingBytes);
    }

    /** e.g. {@code SESSION-DELTA 2572 B}, or {@code nothing}. */
    static String describe(List<Received> messages) {
        return messages.isEmpty() ? "nothing" : messages.stream().map(r -> r.type() + " " + r.bytes() + " B")
                .collect(Collectors.joining(" + "));
    }
}
