package io.github.evesso.bench;

import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.internal.runtime.EveSsoRuntime;
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
 * calls and JWKS/metadata fetches over the measured logins (steady state: after the first login of the runtime), as
 * requests the local SSO received (only this runtime fetches them from it).
 */
final class LoginCost {
    /** The outcome. */
    record Result(int logins, double wallMicrosMedian, double wallMicrosP90, double libraryCpuMicrosMedian,
            double libraryCpuMicrosMean, double libraryUserShare, double callerCpuMicrosMedian,
            double ssoCpuMicrosMean, int tokenCalls, int jwksFetches, int metadataFetches, int jwksFetchesTotal,
            int metadataFetchesTotal, double tokenCallCpuMicrosMedian, double jwtCpuMicrosMedian) {
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
        int jwksBefore = sso.requestCount(Endpoint.JWKS);
        int metadataBefore = sso.requestCount(Endpoint.METADATA);
        double[] wall = new double[logins];
        double[] library = new double[logins];
        double[] libraryUser = new double[logins];
        double[] caller = new double[logins];
        double ssoTotal = 0;
        for (int i = 0; i < logins; i++) {
            double[] m = new double[6];
            oneLogin(runtime, m);
            wall[i] = m[0];
            caller[i] = m[1];
            library[i] = m[1] + m[3];
            libraryUser[i] = m[2] + m[4];
            ssoTotal += m[5];
        }
        int tokenCalls = sso.requestCount(Endpoint.TOKEN) - tokenBefore;
        double libraryMean = Arrays.stream(library).average().orElse(Double.NaN);
        Arrays.sort(wall);
        Arrays.sort(library);
        Arrays.sort(caller);
        double userShare = Arrays.stream(libraryUser).sum() / Arrays.stream(library).sum();
        int jwks = sso.requestCount(Endpoint.JWKS);
        int metadata = sso.requestCount(Endpoint.METADATA);
        double[] steps = steps(runtime, sso, logins); // its own validator fetches once more: counted before it
        return new Result(logins, wall[logins / 2], wall[(int) (logins * 0.9)], library[logins / 2], libraryMean,
                userShare, caller[logins / 2], ssoTotal / logins, tokenCalls, jwks - jwksBefore,
                metadata - metadataBefore, jwks, metadata, steps[0], steps[1]);
    }

    /**
     * Two steps of the callback alone, on the same runtime and under the same conditions, CPU as above (medians):
     * [0] a call to the token endpoint with the library's HTTP client and the response parsed (a refresh grant, so
     * that no browser round trip is needed; the same code path as the code exchange), [1] the JWT verification.
     */
    private static double[] steps(EveSsoRuntime runtime, LocalEveSso sso, int n) throws Exception {
        io.github.evesso.EveSsoConfig config = runtime.config();
        double[] call = new double[n];
        double[] jwt = new double[n];
        try (io.github.evesso.internal.sso.SsoHttp http = new io.github.evesso.internal.sso.SsoHttp(
                config.connectTimeout(), config.readTimeout());
                jakarta.json.bind.Jsonb jsonb = jakarta.json.bind.JsonbBuilder.create()) {
            // wired as the runtime wires them, on a client of their own
            io.github.evesso.internal.sso.SsoEndpoints endpoints =
                    new io.github.evesso.internal.sso.SsoEndpoints(config, http, jsonb);
            io.github.evesso.internal.jwt.AccessTokenValidator validator =
                    new io.github.evesso.internal.jwt.AccessTokenValidator(config, endpoints, http);
            io.github.evesso.internal.sso.TokenEndpointClient client =
                    new io.github.evesso.internal.sso.TokenEndpointClient(config, endpoints, http, jsonb);
            String refreshToken = sso.issueRefreshToken(sso.characters().get(0).id(), config.clientId(),
                    config.scopes());
            for (int i = -n; i < n; i++) { // the first n warm up
                Map<Long, long[]> before = otherThreadsCpu();
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                io.github.evesso.internal.sso.TokenResponse response = client.refresh(refreshToken);
                long cpu1 = THREADS.getCurrentThreadCpuTime();
                Map<Long, long[]> after = otherThreadsCpu();
                long others = 0;
                for (Map.Entry<Long, long[]> e : after.entrySet()) {
                    if (CATEGORY.get(e.getKey()) == 0) {
                        others += e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0];
                    }
                }
                refreshToken = response.refreshToken();
                long cpu2 = THREADS.getCurrentThreadCpuTime();
                validator.validate(response.accessToken());
                long cpu3 = THREADS.getCurrentThreadCpuTime();
                if (i >= 0) {
                    call[i] = (cpu1 - cpu0 + others) / 1e3;
                    jwt[i] = (cpu3 - cpu2) / 1e3;
                }
            }
        }
        Arrays.sort(call);
        Arrays.sort(jwt);
        return new double[] {call[n / 2], jwt[n / 2]};
    }

    /**
     * One login; when {@code measured} is given, fills it with the callback's wall µs, this thread's CPU and user-mode
     * µs, the library's HTTP client threads' CPU and user-mode µs, and the SSO's CPU µs.
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

        Map<Long, long[]> before = measured == null ? null : otherThreadsCpu();
        long user0 = THREADS.getCurrentThreadUserTime();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        runtime.callback().handle(callback, response);
        long t1 = System.nanoTime();
        long cpu1 = THREADS.getCurrentThreadCpuTime();
        long user1 = THREADS.getCurrentThreadUserTime();
        if (measured != null) {
            Map<Long, long[]> after = otherThreadsCpu();
            long[] cpu = new long[2];
            long[] user = new long[2];
            after.forEach((id, now) -> {
                long[] was = before.getOrDefault(id, new long[2]);
                cpu[CATEGORY.get(id)] += now[0] - was[0];
                user[CATEGORY.get(id)] += now[1] - was[1];
            });
            measured[0] = (t1 - t0) / 1e3;
            measured[1] = (cpu1 - cpu0) / 1e3;
            measured[2] = (user1 - user0) / 1e3;
            measured[3] = cpu[0] / 1e3;
            measured[4] = user[0] / 1e3;
            measured[5] = cpu[1] / 1e3;
        }
        if (response.getStatus() != 302 || SessionLogin.current(session) == null) {
            throw new IllegalStateException("the callback did not log in: " + response.getStatus());
        }
    }

    private static final Map<Long, Integer> CATEGORY = new HashMap<>();

    /**
     * CPU and user-mode ns of each thread of the library's HTTP client (category 0: its executor, the JDK client's
     * threads, and threads the JDK starts per task) and of the local SSO (1).
     */
    private static Map<Long, long[]> otherThreadsCpu() {
        long[] ids = THREADS.getAllThreadIds();
        Map<Long, long[]> cpus = new HashMap<>();
        for (long id : ids) {
            Integer category = CATEGORY.get(id);
            if (category == null) {
                ThreadInfo info = THREADS.getThreadInfo(id);
                String name = info == null ? "" : info.getThreadName();
                category = name.startsWith("eve-sso-http-") || name.startsWith("HttpClient-")
                        || name.startsWith("Thread-") ? 0
                        : name.startsWith("local-eve-sso-") || name.equals("HTTP-Dispatcher") ? 1 : -1;
                CATEGORY.put(id, category);
            }
            if (category >= 0) {
                long cpu = THREADS.getThreadCpuTime(id);
                if (cpu > 0) {
                    cpus.put(id, new long[] {cpu, THREADS.getThreadUserTime(id)});
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
