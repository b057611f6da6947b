package io.github.evesso.bench;

import static io.github.evesso.bench.Report.f2;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The report's "Machine" section: CPUs, JVM, versions and the system load around the run. */
final class MachineInfo {
    private MachineInfo() {
    }

    static void append(StringBuilder md, double loadBefore, double loadAfter) {
        md.append("## Machine\n\n");
        md.append("- ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (nproc)");
        cpuModel().ifPresent(m -> md.append(", ").append(m));
        md.append("; ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append('\n');
        md.append("- Java ").append(System.getProperty("java.runtime.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append("), heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB, GC ")
                .append(ManagementFactory.getGarbageCollectorMXBeans().get(0).getName()).append('\n');
        md.append("- Tomcat ").append(org.apache.catalina.util.ServerInfo.getServerNumber()).append(", JMH 1.37, pac4j ")
                .append(pac4jVersion()).append('\n');
        md.append("- System load average (1 min) ").append(f2(loadBefore)).append(" at the start, ")
                .append(f2(loadAfter)).append(" at the end")
                .append(loadBefore > 1 || loadAfter > 3 ? ": **other work was running on this machine; expect noise"
                        + " in the throughput and latency numbers** (CPU per request and JMH are less affected)"
                        : "").append(".\n\n");
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String pac4jVersion() {
        Package p = org.pac4j.core.config.Config.class.getPackage();
        String core = p.getImplementationVersion();
        return "jakartaee-pac4j 8.0.1 / pac4j-core " + (core != null ? core : "6.1.2");
    }
}
