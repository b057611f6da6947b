package io.github.evesso.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Profiling aid, not part of the report: puts one variant of part 1 under load for a while, so that a profiler (e.g.
 * {@code -XX:StartFlightRecording}) sees only that variant. Arguments: variant ({@code bare}, {@code evesso},
 * {@code pac4j}), seconds, connections.
 */
public final class ProfileHttp {
    private ProfileHttp() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty(BenchmarkReport.NODELAY, "true");
        String variant = args.length > 0 ? args[0] : "evesso";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (BenchServer server = new BenchServer(); LoadGenerator load = new LoadGenerator(connections)) {
            if (variant.equals("login")) {
                server.logInEveSso();
                LoginCost.Result r = LoginCost.run(server, 1_000, seconds * 100);
                Report.progress(r.toString());
                System.exit(0);
            }
            List<HttpConnection> list = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                list.add(switch (variant) {
                    case "bare" -> server.connection("/bare", null);
                    case "pac4j" -> server.connection("/pac4j", server.logInPac4j());
                    default -> server.connection("/evesso", server.logInEveSso());
                });
            }
            for (int s = 0; s < seconds; s += 5) {
                LoadGenerator.Round r = load.run(list, 5_000);
                Report.progress(String.format("%s %8.0f req/s %5.1f µs CPU/req %6.0f B/req errors %d", variant,
                        r.requestsPerSecond(), r.cpuMicrosPerRequest(), r.bytesAllocatedPerRequest(), r.errors()));
            }
            list.forEach(HttpConnection::close);
        }
        System.exit(0);
    }
}
