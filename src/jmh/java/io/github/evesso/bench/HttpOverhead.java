package io.github.evesso.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Part 1: per-request overhead over HTTP. The same closed-loop load (same connection count, same request shape) on
 * the contexts of {@link BenchServer} (plus the bare one with a plain session cookie, to tell what any session costs
 * the container), warmed up, then measured in short rounds interleaved A B C D, B C D A, ... (the start rotates so
 * that no variant always follows the same one). Every EVE SSO and pac4j connection has
 * its own logged-in session. Each round also records the JVM's CPU time and bytes allocated per request (client and
 * server together: the client allocates nothing per request, so differences between variants are server-side).
 */
final class HttpOverhead {
    static final String BARE = "bare";
    static final String SESSION = "bare+session";
    static final String EVESSO = "EveSso";
    static final String PAC4J = "pac4j";
    static final String BEARER = "EveSso bearer";

    /** The settings of one run. */
    record Settings(int connections, long warmupMillis, int rounds, long roundMillis) {
    }

    /** Every round of every variant. */
    record Result(Settings settings, Map<String, List<LoadGenerator.Round>> rounds) {
    }

    private HttpOverhead() {
    }

    static Result run(BenchServer server, Settings settings) throws Exception {
        Map<String, List<HttpConnection>> variants = new LinkedHashMap<>();
        variants.put(BARE, new ArrayList<>());
        variants.put(SESSION, new ArrayList<>());
        variants.put(EVESSO, new ArrayList<>());
        variants.put(PAC4J, new ArrayList<>());
        variants.put(BEARER, new ArrayList<>());
        for (int i = 0; i < settings.connections(); i++) {
            variants.get(BARE).add(server.connection("/bare", null));
            variants.get(SESSION).add(server.connection("/bare", server.bareSession()));
            variants.get(EVESSO).add(server.connection("/evesso", server.logInEveSso()));
            variants.get(PAC4J).add(server.connection("/pac4j", server.logInPac4j()));
            variants.get(BEARER).add(server.bearerConnection());
        }
        for (Map.Entry<String, List<HttpConnection>> v : variants.entrySet()) {
            for (HttpConnection c : v.getValue()) {
                int status = c.exchange();
                if (status != 200) {
                    throw new IllegalStateException(v.getKey() + " answers " + status + " instead of 200: not logged in?");
                }
            }
        }
        List<String> names = new ArrayList<>(variants.keySet());
        Map<String, List<LoadGenerator.Round>> rounds = new LinkedHashMap<>();
        names.forEach(n -> rounds.put(n, new ArrayList<>()));
        try (LoadGenerator load = new LoadGenerator(settings.connections())) {
            for (String name : names) {
                Report.progress("part 1: warm-up " + name);
                load.run(variants.get(name), settings.warmupMillis());
            }
            for (int r = 0; r < settings.rounds(); r++) {
                for (int k = 0; k < names.size(); k++) {
                    String name = names.get((r + k) % names.size());
                    System.gc();
                    LoadGenerator.Round round = load.run(variants.get(name), settings.roundMillis());
                    rounds.get(name).add(round);
                    Report.progress(String.format("part 1: round %d %-12s %8.0f req/s  p50 %6.0f µs  p99 %6.0f µs"
                            + "  %5.1f µs CPU/req  %6.0f B/req  errors %d", r + 1, name, round.requestsPerSecond(),
                            round.latency().percentileMicros(0.50), round.latency().percentileMicros(0.99),
                            round.cpuMicrosPerRequest(), round.bytesAllocatedPerRequest(), round.errors()));
                }
            }
        } finally {
            variants.values().forEach(list -> list.forEach(HttpConnection::close));
        }
        return new Result(settings, rounds);
    }
}
