package io.github.evesso.bench;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveSso;
import io.github.evesso.internal.EveSsoRuntime;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.LocalEveSso;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Part 3: what one login costs the application. Each login is started through the filter's login path, approved by the
 * local SSO (not measured), then the callback ({@code LoginCallback.handle}: state check, code exchange over loopback
 * HTTP, token-response parse, JWT verification, session write) runs on this thread with hand-written request/session
 * objects. Measured per callback: wall time, and CPU time of this thread plus the library's HTTP client threads
 * ({@code eve-sso-http-*}, {@code HttpClient-*}): the library's CPU, the SSO's work and waiting excluded. The local SSO's
 * own CPU ({@code local-eve-sso-*}, {@code HTTP-Dispatcher}) is recorded separately. Also counts token-endpoint
 * calls and JWKS/metadata fetches over the measured logins (steady state: after the first login of the runtime).
 */
final class LoginCost {
    /** The outcome. */
    record Result(int logins, double wallMicrosMedian, double wallMicrosP90, double libraryCpuMicrosMedian,
            double libraryCpuMicrosMean, double callerCpuMicrosMedian, double ssoCpuMicrosMean, int tokenCalls,
            int jwksFetches, int metadataFetches, int jwksFetchesTotal, int metadataFetchesTotal) {
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private LoginCost() {
    }

    static Result run(BenchServer server, int warmup, int logins) throws Exception {
        EveSsoRuntime runtime = server.evessoRuntime();
        LocalEveSso sso = server.sso;
        for (int i = 0; i < warmup; i++) {
            oneLogin(runtime, null);
        }
        int tokenBefore = sso.requestCount(Endpoint.TOKEN);
        int jwksBefore = runtime.validator().jwksFetches();
        int metadataBefore = runtime.endpoints().metadataFetches();
        double[] wall = new double[logins];
        double[] library = new double[logins];
        double[] caller = new double[logins];
        double ssoTotal = 0;
        for (int i = 0; i < logins; i++) {
            double[] m = new double[4];
            oneLogin(runtime, m);
            wall[i] = m[0];
            caller[i] = m[1];
            library[i] = m[1] + m[2];
            ssoTotal += m[3];
        }
        int tokenCalls = sso.requestCount(Endpoint.TOKEN) - tokenBefore;
        double libraryMean = Arrays.stream(library).average().orElse(Double.NaN);
        Arrays.sort(wall);
        Arrays.sort(library);
        Arrays.sort(caller);
        return new Result(logins, wall[logins / 2], wall[(int) (logins * 0.9)], library[logins / 2], libraryMean,
                caller[logins / 2], ssoTotal / logins, tokenCalls,
                runtime.validator().jwksFetches() - jwksBefore, runtime.endpoints().metadataFetches() - metadataBefore,
                runtime.validator().jwksFetches(), runtime.endpoints().metadataFetches());
    }

    /**
     * One login; when {@code measured} is given, fills it with the callback's wall µs, this thread's CPU µs, the
     * library's HTTP client threads' CPU µs and the SSO's CPU µs.
     */
    private static void oneLogin(EveSsoRuntime runtime, double[] measured) throws Exception {
        BenchSession session = new BenchSession("login");
        BenchRequest start = new BenchRequest("/evesso", "/sso/login", null).session(session);
        BenchResponse redirect = new BenchResponse();
        runtime.gate().filter(start, redirect, (rq, rs) -> {
            throw new IllegalStateException("the login path must not reach the application");
        });
        String authorize = redirect.getHeader("Location");
        if (redirect.getStatus() != 302 || authorize == null) {
            throw new IllegalStateException("no redirect to the SSO: " + redirect.getStatus());
        }
        HttpURLConnection approve = (HttpURLConnection) URI.create(authorize).toURL().openConnection();
        approve.setInstanceFollowRedirects(false);
        String back = approve.getHeaderField("Location");
        approve.getInputStream().close();
        if (approve.getResponseCode() != 302 || back == null) {
            throw new IllegalStateException("the SSO did not approve: " + approve.getResponseCode());
        }
        Map<String, String> query = query(URI.create(back).getRawQuery());
        BenchRequest callback = new BenchRequest("/evesso", "/sso/callback", null).session(session)
                .parameter("code", query.get("code")).parameter("state", query.get("state"));
        BenchResponse response = new BenchResponse();

        Map<Long, Long> before = measured == null ? null : otherThreadsCpu();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        runtime.callback().handle(callback, response);
        long t1 = System.nanoTime();
        long cpu1 = THREADS.getCurrentThreadCpuTime();
        if (measured != null) {
            Map<Long, Long> after = otherThreadsCpu();
            long[] delta = new long[2];
            after.forEach((id, cpu) -> delta[CATEGORY.get(id)] += cpu - before.getOrDefault(id, 0L));
            measured[0] = (t1 - t0) / 1e3;
            measured[1] = (cpu1 - cpu0) / 1e3;
            measured[2] = delta[0] / 1e3;
            measured[3] = delta[1] / 1e3;
        }
        if (response.getStatus() != 302 || !(session.getAttribute(EveSso.TOKEN) instanceof EveAccessToken)) {
            throw new IllegalStateException("the callback did not log in: " + response.getStatus());
        }
    }

    private static final Map<Long, Integer> CATEGORY = new HashMap<>();

    /** CPU ns of each of the library's HTTP client threads (category 0) and the local SSO's threads (1). */
    private static Map<Long, Long> otherThreadsCpu() {
        long[] ids = THREADS.getAllThreadIds();
        Map<Long, Long> cpus = new HashMap<>();
        for (long id : ids) {
            Integer category = CATEGORY.get(id);
            if (category == null) {
                ThreadInfo info = THREADS.getThreadInfo(id);
                String name = info == null ? "" : info.getThreadName();
                category = name.startsWith("eve-sso-http-") || name.startsWith("HttpClient-") ? 0
                        : name.startsWith("local-eve-sso-") || name.equals("HTTP-Dispatcher") ? 1 : -1;
                CATEGORY.put(id, category);
            }
            if (category >= 0) {
                long cpu = THREADS.getThreadCpuTime(id);
                if (cpu > 0) {
                    cpus.put(id, cpu);
                }
            }
        }
        return cpus;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
