package io.github.evesso.bench;

import io.github.evesso.support.Browser;
import io.github.evesso.support.Scenario;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Part 4: a refresh storm. One logged-in session (the test fixtures' {@link Scenario}: embedded Tomcat, local SSO, a
 * shared test clock), {@code concurrency} keep-alive connections carrying its cookie. Each round moves the clock to 30 s
 * before the access token expires (inside the 60 s refresh window), then releases every connection's request at once
 * and counts the token-endpoint calls. Run once with the local SSO answering at once and once with every refresh
 * delayed, to show what the waiting requests see.
 */
final class RefreshStorm {
    /** One kind of round, aggregated. */
    record Result(String label, int rounds, int concurrency, List<Integer> tokenCallsPerRound, long errors,
            LatencyHistogram latency) {
    }

    private RefreshStorm() {
    }

    static List<Result> run(int concurrency, int rounds, Duration ssoDelay) throws Exception {
        List<Result> results = new ArrayList<>();
        try (Scenario scenario = Scenario.start()) {
            Browser browser = new Browser();
            scenario.logIn(browser);
            String cookie = "JSESSIONID=" + browser.cookie(scenario.url("/protected/home"), "JSESSIONID");
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", scenario.app.port());
            List<HttpConnection> connections = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
                Thread t = new Thread(r, "bench-storm");
                t.setDaemon(true);
                return t;
            });
            try {
                for (int i = 0; i < concurrency; i++) {
                    HttpConnection c = new HttpConnection(address, "localhost:" + scenario.app.port(),
                            "/app/protected/home", cookie);
                    if (c.exchange() != 200) {
                        throw new IllegalStateException("the storm session is not logged in");
                    }
                    connections.add(c);
                }
                burst(connections, pool, new LatencyHistogram()); // warm-up: the container's threads exist afterwards
                results.add(rounds(scenario, connections, pool, rounds, false, null,
                        "baseline: fresh token, no refresh due"));
                results.add(rounds(scenario, connections, pool, rounds, true, null, "SSO answers at once"));
                results.add(rounds(scenario, connections, pool, rounds, true, ssoDelay,
                        "SSO answers the refresh after " + ssoDelay.toMillis() + " ms"));
            } finally {
                pool.shutdownNow();
                connections.forEach(HttpConnection::close);
            }
        }
        return results;
    }

    private static Result rounds(Scenario scenario, List<HttpConnection> connections, ExecutorService pool,
            int rounds, boolean expire, Duration delay, String label) throws Exception {
        LatencyHistogram latency = new LatencyHistogram();
        List<Integer> calls = new ArrayList<>();
        long errors = 0;
        for (int r = 0; r < rounds; r++) {
            if (expire) {
                scenario.clock.advance(Duration.ofMinutes(19).plusSeconds(30));
            }
            if (delay != null) {
                scenario.sso.enqueue(Endpoint.TOKEN, Fault.delay(delay));
            }
            int before = scenario.sso.requestCount(Endpoint.TOKEN);
            errors += burst(connections, pool, latency);
            calls.add(scenario.sso.requestCount(Endpoint.TOKEN) - before);
            Report.progress("part 4: " + label + ", round " + (r + 1) + ": " + calls.get(calls.size() - 1)
                    + " token-endpoint call(s), max latency " + Math.round(latency.maxMicros()) + " µs");
        }
        return new Result(label, rounds, connections.size(), calls, errors, latency);
    }

    /** Releases one request on every connection at once; records the latencies, returns the non-200 count. */
    private static long burst(List<HttpConnection> connections, ExecutorService pool, LatencyHistogram latency)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(connections.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> futures = new ArrayList<>();
        for (HttpConnection c : connections) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                long t0 = System.nanoTime();
                int status = c.exchange();
                return new long[] {System.nanoTime() - t0, status};
            }));
        }
        ready.await();
        go.countDown();
        long errors = 0;
        for (Future<long[]> f : futures) {
            long[] result = f.get();
            latency.record(result[0]);
            if (result[1] != 200) {
                errors++;
            }
        }
        return errors;
    }
}
