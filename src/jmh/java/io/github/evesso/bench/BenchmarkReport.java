package io.github.evesso.bench;

import static io.github.evesso.bench.Report.f0;
import static io.github.evesso.bench.Report.f1;
import static io.github.evesso.bench.Report.f2;
import static io.github.evesso.bench.Report.yesNo;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs every benchmark of the library and writes {@code BENCHMARKS.md}: per-request overhead over HTTP against a bare
 * servlet and pac4j (part 1), the filter's hot path with JMH (part 2), the cost of a login (part 3), a refresh storm
 * (part 4), the session footprint (part 5), ESI and bearer costs (parts 6, 7) and the token store (part 8).
 * Benchmarks, not tests: a missed target is reported, never a failure; only a benchmark that cannot run (a login that
 * fails, a wrong status) stops it.
 *
 * <p>{@code -Dbench.smoke=true} shrinks every part to a few seconds (CI keeps the benchmarks working with it) and
 * writes {@code bench.smokeReport} instead of {@code bench.report}. {@code -Dbench.connections=N} changes part 1's
 * connection count. {@code -Dbench.only=8} runs only part 8 and puts it into the existing report
 * ({@link PartialReport}).
 */
public final class BenchmarkReport {
    private static final double TARGET_VS_BARE = 0.98;
    private static final double TARGET_BEARER_VS_BARE = 0.97;
    private static final double TARGET_VS_PAC4J = 1.5;
    private static final double TARGET_HOT_PATH_NS = 1_000;
    private static final int TARGET_SESSION_BYTES = 1_024;
    static final String NODELAY = "sun.net.httpserver.nodelay";

    private BenchmarkReport() {
    }

    public static void main(String[] args) throws Exception {
        // The JDK HTTP server behind the local SSO writes a response's headers and body separately without
        // TCP_NODELAY, so every answer waits ~40 ms for a delayed ACK: the fake's latency, not the library's. Read once,
        // when the JVM's first server starts.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        boolean smoke = Boolean.getBoolean("bench.smoke");
        Path report = Path.of(smoke ? System.getProperty("bench.smokeReport", "target/BENCHMARKS-smoke.md")
                : System.getProperty("bench.report", "BENCHMARKS.md"));
        String only = System.getProperty("bench.only", "");
        if (!only.isBlank()) {
            PartialReport.run(only, smoke, report);
            System.exit(0);
        }
        int connections = Integer.getInteger("bench.connections", smoke ? 2 : 4);
        HttpOverhead.Settings http = smoke ? new HttpOverhead.Settings(connections, 300, 1, 300)
                : new HttpOverhead.Settings(connections, 5_000, 24, 1_000);
        JmhParts.Settings jmh = smoke ? new JmhParts.Settings(1, 200, 1, 200) : new JmhParts.Settings(3, 1_000, 5, 1_000);
        int loginWarmup = smoke ? 3 : 1_000;
        int logins = smoke ? 5 : 300;
        int stormConcurrency = 100;
        int stormRounds = smoke ? 1 : 5;
        Duration stormDelay = Duration.ofSeconds(2);

        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long started = System.nanoTime();
        Report.progress((smoke ? "smoke" : "full") + " run; report: " + report.toAbsolutePath());

        Report.progress("part 2 (and 3's breakdown): JMH");
        List<JmhParts.Score> scores = JmhParts.run(jmh);

        HttpOverhead.Result overhead;
        LoginCost.Result login;
        SessionFootprint.Result footprint;
        try (BenchServer server = new BenchServer()) {
            Report.progress("part 1: per-request overhead over HTTP");
            overhead = HttpOverhead.run(server, http);
            Report.progress("part 3: login cost");
            login = LoginCost.run(server, loginWarmup, logins);
            Report.progress("part 5: session footprint");
            footprint = SessionFootprint.measure(server.evesso);
        }
        Report.progress("part 4: refresh storm");
        List<RefreshStorm.Result> storm = RefreshStorm.run(stormConcurrency, stormRounds, stormDelay);
        Report.progress("part 8: token store");
        TokenStorePart.Result store = TokenStorePart.run(TokenStorePart.Settings.of(smoke));
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        double seconds = (System.nanoTime() - started) / 1e9;

        String text = render(smoke, jmh, scores, overhead, login, loginWarmup, footprint, storm, store, loadBefore,
                loadAfter, seconds);
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, text, StandardCharsets.UTF_8);
        Report.progress("wrote " + report.toAbsolutePath() + " (" + Math.round(seconds) + " s)");
        System.exit(0); // a thread left behind by a component under test must not keep exec:exec waiting
    }

    // ------------------------------------------------------------------------------------------------ the report

    private static String render(boolean smoke, JmhParts.Settings jmh,
            List<JmhParts.Score> scores, HttpOverhead.Result overhead, LoginCost.Result login, int loginWarmup,
            SessionFootprint.Result footprint, List<RefreshStorm.Result> storm, TokenStorePart.Result store,
            double loadBefore, double loadAfter, double seconds) {
        StringBuilder md = new StringBuilder();
        Map<String, List<LoadGenerator.Round>> rounds = overhead.rounds();
        List<Double> vsBare = ratios(rounds.get(HttpOverhead.EVESSO), rounds.get(HttpOverhead.BARE));
        List<Double> vsPac4j = ratios(rounds.get(HttpOverhead.EVESSO), rounds.get(HttpOverhead.PAC4J));
        List<Double> bearerVsBare = ratios(rounds.get(HttpOverhead.BEARER), rounds.get(HttpOverhead.BARE));
        List<Double> cpuVsBare = cpuRatios(rounds.get(HttpOverhead.EVESSO), rounds.get(HttpOverhead.BARE));
        List<Double> cpuVsSession = cpuRatios(rounds.get(HttpOverhead.EVESSO), rounds.get(HttpOverhead.SESSION));
        double cpuBare = medianCpu(rounds.get(HttpOverhead.BARE));
        double ownEve = medianCpu(rounds.get(HttpOverhead.EVESSO)) - cpuBare;
        double ownPac4j = medianCpu(rounds.get(HttpOverhead.PAC4J)) - cpuBare;
        JmhParts.Score baseline = JmhParts.find(scores, "FilterHotPathBenchmark.baseline");
        JmhParts.Score hot = JmhParts.find(scores, "FilterHotPathBenchmark.loggedInFreshToken");
        JmhParts.Score publicPath = JmhParts.find(scores, "FilterHotPathBenchmark.publicPath");
        JmhParts.Score pac4jHot = JmhParts.find(scores, "FilterHotPathBenchmark.pac4jLoggedIn");
        JmhParts.Score five = JmhParts.find(scores, "FilterHotPathBenchmark.loggedInFiveCharacters");
        double fiveNs = five.score() - baseline.score();
        int perCharacter = SessionFootprint.bytesPerExtraCharacter();
        double hotNs = hot.score() - baseline.score();
        double hotBytes = hot.bytesPerOp() - baseline.bytesPerOp();
        RefreshStorm.Result stormNow = storm.get(1);
        RefreshStorm.Result stormDelayed = storm.get(2);
        boolean oneCallEach = storm.subList(1, storm.size()).stream()
                .allMatch(r -> r.tokenCallsPerRound().stream().allMatch(c -> c == 1));

        md.append("# Benchmarks\n\n");
        if (smoke) {
            md.append("> **Smoke run** (`-Dbench.smoke=true`): every part shrunk to a few seconds to check that the"
                    + " benchmarks still work. These numbers mean nothing.\n\n");
        }
        md.append("What EVE SSO costs an application, measured by `mvn -B -Pbench test-compile exec:exec` (sources in"
                + " `src/jmh/java`, never in the library jar). Benchmarks are not tests: nothing here fails a build on a"
                + " number. Generated ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter
                .ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append(" in ").append(Math.round(seconds)).append(" s.\n\n");

        md.append("## Summary\n\n| measure | target | result | |\n| --- | --- | --- | --- |\n");
        md.append("| 1. req/s behind EveSsoFilter / bare servlet, over HTTP (median of per-round ratios) | ≥ ")
                .append(TARGET_VS_BARE).append(" | ").append(range(vsBare)).append(" | ")
                .append(yesNo(Report.median(vsBare) >= TARGET_VS_BARE)).append(" |\n");
        md.append("| 1. the same from CPU per request (bare / EveSso): the ratio of a CPU-bound server, less noisy | ≥ ")
                .append(TARGET_VS_BARE).append(" | ").append(range(cpuVsBare)).append(" | ")
                .append(yesNo(Report.median(cpuVsBare) >= TARGET_VS_BARE)).append(" |\n");
        md.append("| 1. CPU per request, bare servlet with a session / EveSso: what the filter adds beyond the session"
                + " any login needs | — | ").append(range(cpuVsSession)).append(" | |\n");
        md.append("| 1. req/s of bearer requests (token verified before, no session) / bare servlet, over HTTP | ≥ ")
                .append(TARGET_BEARER_VS_BARE).append(" | ").append(range(bearerVsBare)).append(" | ")
                .append(yesNo(Report.median(bearerVsBare) >= TARGET_BEARER_VS_BARE)).append(" |\n");
        md.append("| 1. req/s behind EveSsoFilter / behind pac4j SecurityFilter, over HTTP | ≥ ").append(TARGET_VS_PAC4J)
                .append(" | ").append(range(vsPac4j)).append(" | ")
                .append(yesNo(Report.median(vsPac4j) >= TARGET_VS_PAC4J)).append(" |\n");
        md.append("| 1. the filters' own CPU per request over HTTP (beyond bare): pac4j / EveSso | ≥ ")
                .append(TARGET_VS_PAC4J).append(" | ");
        if (ownEve > 0 && ownPac4j > 0) {
            md.append(f1(ownPac4j / ownEve)).append(" (").append(f1(ownPac4j)).append(" µs / ").append(f1(ownEve))
                    .append(" µs) | ").append(yesNo(ownPac4j / ownEve >= TARGET_VS_PAC4J));
        } else {
            md.append("not measurable: pac4j ").append(f1(ownPac4j)).append(" µs, EveSso ").append(f1(ownEve))
                    .append(" µs, within the noise | ");
        }
        md.append(" |\n");
        md.append("| 2. the filters alone (JMH): pac4j time per call / EveSso | ≥ ").append(TARGET_VS_PAC4J)
                .append(" | ").append(f1((pac4jHot.score() - baseline.score()) / hotNs)).append(" | ")
                .append(yesNo((pac4jHot.score() - baseline.score()) / hotNs >= TARGET_VS_PAC4J)).append(" |\n");
        md.append("| 2. filter hot path, logged in with a fresh token, minus the bare chain call | ≤ 1 µs | ")
                .append(f1(hotNs)).append(" ns | ").append(yesNo(hotNs <= TARGET_HOT_PATH_NS)).append(" |\n");
        md.append("| 2. filter hot path with 5 characters in the session / with 1 | ≤ 1.1 | ")
                .append(f1(fiveNs / hotNs)).append(" (").append(f1(fiveNs)).append(" ns) | ")
                .append(yesNo(fiveNs / hotNs <= 1.1)).append(" |\n");
        md.append("| 2. bytes allocated per call beyond the bare chain call | 0 | ").append(f0(hotBytes))
                .append(" B | ").append(yesNo(hotBytes < 1)).append(" |\n");
        md.append("| 3. library CPU per login callback (median) | — | ").append(f0(login.libraryCpuMicrosMedian()))
                .append(" µs | |\n");
        md.append("| 3. JWKS + metadata fetches per login, steady state | 0 | ")
                .append(login.jwksFetches() + login.metadataFetches()).append(" in ").append(login.logins())
                .append(" logins | ").append(yesNo(login.jwksFetches() + login.metadataFetches() == 0)).append(" |\n");
        md.append("| 4. token-endpoint calls per storm of ").append(stormNow.concurrency())
                .append(" concurrent requests at expiry | exactly 1 | ").append(stormCalls(storm)).append(" | ")
                .append(yesNo(oneCallEach)).append(" |\n");
        md.append("| 5. serialized session footprint without the raw token strings | ≤ 1 KB | ")
                .append(footprint.withoutTokens()).append(" B | ")
                .append(yesNo(footprint.withoutTokens() <= TARGET_SESSION_BYTES)).append(" |\n");
        md.append("| 5. serialized bytes per extra character in the session, without its token strings | ≤ 400 B | ")
                .append(perCharacter).append(" B | ").append(yesNo(perCharacter <= 400)).append(" |\n");
        md.append(TokenStorePart.summaryRow(store)).append('\n');

        MachineInfo.append(md, loadBefore, loadAfter);
        partOne(md, overhead, vsBare, vsPac4j);
        partTwo(md, jmh, baseline, hot, publicPath, pac4jHot, five);
        partThree(md, login, loginWarmup, scores);
        partFour(md, storm, stormNow, stormDelayed);
        partFive(md, footprint);
        ClientCostParts.append(md, scores);
        TokenStorePart.appendSection(md, store);
        md.append(Findings.TEXT);
        return md.toString();
    }

    private static String stormCalls(List<RefreshStorm.Result> storm) {
        List<String> parts = new ArrayList<>();
        for (RefreshStorm.Result r : storm.subList(1, storm.size())) {
            parts.add(r.tokenCallsPerRound().toString());
        }
        return String.join(", ", parts) + " per round";
    }

    /** Per round: req/s of {@code a} over req/s of {@code b}. */
    private static List<Double> ratios(List<LoadGenerator.Round> a, List<LoadGenerator.Round> b) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(a.get(i).requestsPerSecond() / b.get(i).requestsPerSecond());
        }
        return ratios;
    }

    /** Per round: CPU per request of {@code b} over that of {@code a} (a's throughput relative to b's when CPU-bound). */
    private static List<Double> cpuRatios(List<LoadGenerator.Round> a, List<LoadGenerator.Round> b) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(b.get(i).cpuMicrosPerRequest() / a.get(i).cpuMicrosPerRequest());
        }
        return ratios;
    }

    private static String range(List<Double> values) {
        return Report.f3(Report.median(values)) + " (rounds " + f2(Report.min(values)) + "–" + f2(Report.max(values))
                + ")";
    }

    private static void partOne(StringBuilder md, HttpOverhead.Result overhead, List<Double> vsBare,
            List<Double> vsPac4j) {
        HttpOverhead.Settings s = overhead.settings();
        md.append("## 1. Per-request overhead over HTTP\n\n");
        md.append("One embedded Tomcat on 127.0.0.1, one tiny servlet (reads the principal, looks at its session,"
                + " writes 3 bytes) in three contexts: `/bare` (no filter; *bare+session* is the same with the cookie of"
                + " a plain session, to show what any session costs), `/evesso` (EveSsoFilter through `EveSso.install`, against the local"
                + " EVE SSO) and `/pac4j` (pac4j's `SecurityFilter` with an OAuth 2.0 client on the same SSO, a path"
                + " matcher excluding `/public`, authorizer `isAuthenticated`: pac4j's lightest comparable set-up, without"
                + " its default CSRF-token and security-header matchers). Each EveSso connection has its own session"
                + " logged in once through the whole SSO redirect chain (a cookie-keeping client), each pac4j connection"
                + " a session holding a saved `CommonProfile`; so both measure the \"already logged in\" path."
                + " *EveSso bearer* sends no cookie but `Authorization: Bearer` with a token of its own per connection"
                + " to `/evesso/api/...` (`eve.sso.bearer-paths=/api/*`): verified on its first request, then from the"
                + " cache of verified tokens, with no session.\n\n");
        md.append("Load: ").append(s.connections()).append(" keep-alive connections, each on its own thread, closed"
                + " loop (next request when the answer is read), latency from `System.nanoTime()`; the load generator"
                + " runs in the same JVM and on the same ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs as Tomcat. Warm-up ").append(s.warmupMillis() / 1000.0).append(" s per variant, then ")
                .append(s.rounds()).append(" rounds of ").append(s.roundMillis() / 1000.0)
                .append(" s per variant interleaved (A B C D, B C D A, …; `System.gc()` before each)."
                        + " CPU/req is the JVM's process CPU time per request and B/req the bytes allocated by all its"
                        + " threads per request: client and server together, the client's share being the same in"
                        + " every variant (it allocates nothing per request).\n\n");
        md.append("| variant | req/s (median of rounds) | rounds min–max | p50 latency | p99 latency | CPU/req |"
                + " allocated/req | non-200 |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, List<LoadGenerator.Round>> e : overhead.rounds().entrySet()) {
            List<Double> rps = e.getValue().stream().map(LoadGenerator.Round::requestsPerSecond).toList();
            LatencyHistogram all = new LatencyHistogram();
            e.getValue().forEach(r -> all.add(r.latency()));
            double cpu = Report.median(e.getValue().stream().map(LoadGenerator.Round::cpuMicrosPerRequest).toList());
            double bytes = Report.median(e.getValue().stream().map(LoadGenerator.Round::bytesAllocatedPerRequest)
                    .toList());
            long errors = e.getValue().stream().mapToLong(LoadGenerator.Round::errors).sum();
            md.append("| ").append(e.getKey()).append(" | ").append(f0(Report.median(rps))).append(" | ")
                    .append(f0(Report.min(rps))).append("–").append(f0(Report.max(rps))).append(" | ")
                    .append(f0(all.percentileMicros(0.5))).append(" µs | ").append(f0(all.percentileMicros(0.99)))
                    .append(" µs | ").append(f1(cpu)).append(" µs | ").append(f0(bytes)).append(" B | ").append(errors)
                    .append(" |\n");
        }
        List<Double> cpuVsBare = cpuRatios(overhead.rounds().get(HttpOverhead.EVESSO),
                overhead.rounds().get(HttpOverhead.BARE));
        List<Double> cpuVsPac4j = cpuRatios(overhead.rounds().get(HttpOverhead.EVESSO),
                overhead.rounds().get(HttpOverhead.PAC4J));
        List<Double> cpuVsSession = cpuRatios(overhead.rounds().get(HttpOverhead.EVESSO),
                overhead.rounds().get(HttpOverhead.SESSION));
        md.append("\nRatios per round (each pair measured seconds apart); *req/s* is what the issue asks for, *CPU* the"
                + " inverse ratio of CPU per request, which other work on the machine disturbs less:\n\n"
                + "| round | EveSso / bare, req/s | EveSso / bare, CPU | EveSso / bare+session, CPU |"
                + " EveSso / pac4j, req/s | EveSso / pac4j, CPU |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (int i = 0; i < vsBare.size(); i++) {
            md.append("| ").append(i + 1).append(" | ").append(f2(vsBare.get(i))).append(" | ")
                    .append(f2(cpuVsBare.get(i))).append(" | ").append(f2(cpuVsSession.get(i))).append(" | ")
                    .append(f2(vsPac4j.get(i))).append(" | ").append(f2(cpuVsPac4j.get(i))).append(" |\n");
        }
        md.append("| median | ").append(f2(Report.median(vsBare))).append(" | ").append(f2(Report.median(cpuVsBare)))
                .append(" | ").append(f2(Report.median(cpuVsSession))).append(" | ").append(f2(Report.median(vsPac4j)))
                .append(" | ").append(f2(Report.median(cpuVsPac4j))).append(" |\n\n");
        Map<String, List<LoadGenerator.Round>> r = overhead.rounds();
        double cpuBare = medianCpu(r.get(HttpOverhead.BARE));
        double cpuEve = medianCpu(r.get(HttpOverhead.EVESSO));
        double cpuPac = medianCpu(r.get(HttpOverhead.PAC4J));
        double bBare = medianBytes(r.get(HttpOverhead.BARE));
        double bEve = medianBytes(r.get(HttpOverhead.EVESSO));
        double bPac = medianBytes(r.get(HttpOverhead.PAC4J));
        double cpuSession = medianCpu(r.get(HttpOverhead.SESSION));
        double bSession = medianBytes(r.get(HttpOverhead.SESSION));
        md.append("Per request, beyond the bare servlet (medians): EveSso **").append(f1(cpuEve - cpuBare))
                .append(" µs CPU and ").append(f0(bEve - bBare)).append(" B allocated**; pac4j ")
                .append(f1(cpuPac - cpuBare)).append(" µs CPU and ").append(f0(bPac - bBare))
                .append(" B allocated. A plain session alone (the bare servlet with a session cookie) costs the"
                        + " container ").append(f1(cpuSession - cpuBare)).append(" µs and ")
                .append(f0(bSession - bBare)).append(" B: Tomcat parses the cookie, finds and touches the session. So"
                        + " beyond the session that any login needs, EveSso adds ").append(f1(cpuEve - cpuSession))
                .append(" µs and ").append(f0(bEve - bSession)).append(" B, pac4j ").append(f1(cpuPac - cpuSession))
                .append(" µs and ").append(f0(bPac - bSession)).append(" B. Even a filter"
                        + " costing nothing would only reach ").append(f2(cpuPac / cpuBare))
                .append(" × pac4j's throughput here (pac4j's CPU per request over the bare one's).\n\n");
    }

    private static double medianCpu(List<LoadGenerator.Round> rounds) {
        return Report.median(rounds.stream().map(LoadGenerator.Round::cpuMicrosPerRequest).toList());
    }

    private static double medianBytes(List<LoadGenerator.Round> rounds) {
        return Report.median(rounds.stream().map(LoadGenerator.Round::bytesAllocatedPerRequest).toList());
    }

    private static void partTwo(StringBuilder md, JmhParts.Settings jmh, JmhParts.Score baseline, JmhParts.Score hot,
            JmhParts.Score publicPath, JmhParts.Score pac4jHot, JmhParts.Score five) {
        md.append("## 2. Filter hot path (JMH)\n\n");
        md.append("`EveSsoFilter.doFilter` (initialised as a container does, runtime from `EveSsoRuntime.install`) on"
                + " hand-written request, session and chain objects that allocate nothing themselves, so that"
                + " `-prof gc`'s bytes per call are the library's own; `baseline` is the chain call alone (what the"
                + " container does without the filter); `pac4jLoggedIn` is pac4j's `SecurityFilter`, set up as in part 1,"
                + " on the same objects with a profile in the session. Configuration: protected `/*`, excluded"
                + " `/public/*` and `*.css`; `loggedInFiveCharacters` is the logged-in request in a session of five"
                + " characters."
                + " JMH 1.37, 1 fork, ").append(jmh.warmupIterations()).append(" × ").append(jmh.warmupMillis())
                .append(" ms warm-up, ").append(jmh.iterations()).append(" × ").append(jmh.iterationMillis())
                .append(" ms measurement, average time, `-prof gc` (`gc.alloc.rate.norm`).\n\n");
        md.append("| benchmark | time per call | ± (99.9 %) | allocated per call |\n| --- | ---: | ---: | ---: |\n");
        for (JmhParts.Score s : List.of(baseline, hot, five, publicPath, pac4jHot)) {
            md.append("| `").append(s.benchmark()).append("` | ").append(f1(s.score())).append(' ').append(s.unit())
                    .append(" | ").append(f1(s.error())).append(" | ").append(f0(s.bytesPerOp())).append(" B |\n");
        }
        md.append("\nThe logged-in path costs **").append(f1(hot.score() - baseline.score()))
                .append(" ns and ").append(f0(hot.bytesPerOp() - baseline.bytesPerOp()))
                .append(" B** more than the bare chain call; a public (excluded) path ")
                .append(f1(publicPath.score() - baseline.score())).append(" ns and ")
                .append(f0(publicPath.bytesPerOp() - baseline.bytesPerOp())).append(" B; pac4j's logged-in path ")
                .append(f1(pac4jHot.score() - baseline.score())).append(" ns and ")
                .append(f0(pac4jHot.bytesPerOp() - baseline.bytesPerOp())).append(" B.\n\n");
    }

    private static void partThree(StringBuilder md, LoginCost.Result login, int warmup, List<JmhParts.Score> scores) {
        md.append("## 3. Login cost\n\n");
        md.append("The callback (`LoginCallback.handle`: state check, code exchange, token-response parse, JWT"
                + " verification, session write) run ").append(login.logins()).append(" times, after ").append(warmup)
                .append(" unmeasured ones (JIT"
                + " warm-up: logins are rare, so a real application runs this code less compiled), in-process on the"
                + " `/evesso`"
                + " application's real runtime, with hand-written request/session objects (so the container's own"
                + " work, e.g. Tomcat's `changeSessionId`, is not included). Each login is started"
                + " through the filter's login path and approved by the local SSO, unmeasured. *Library CPU* is the"
                + " CPU time of the calling thread plus the library's HTTP client threads during the callback: the"
                + " SSO's latency and work excluded (the local SSO's own CPU is shown apart; it runs in the same JVM,"
                + " over loopback).\n\n");
        md.append("| per callback | median | |\n| --- | ---: | --- |\n");
        md.append("| library CPU | ").append(f0(login.libraryCpuMicrosMedian())).append(" µs | mean ")
                .append(f0(login.libraryCpuMicrosMean())).append(" µs; ").append(f0(login.libraryUserShare() * 100))
                .append(" % in user mode, the rest in the kernel (sockets, thread wake-ups); on the calling thread ")
                .append(f0(login.callerCpuMicrosMedian())).append(" µs |\n");
        md.append("| of which: the token-endpoint call (library's HTTP client, response parsed), measured alone | ")
                .append(f0(login.tokenCallCpuMicrosMedian())).append(" µs | JDK `HttpClient`: request, response,"
                        + " hand-offs between the calling thread and the client's threads |\n");
        md.append("| of which: JWT verification, measured alone in the same JVM | ").append(f0(login.jwtCpuMicrosMedian()))
                .append(" µs | RS256 signature (RSA public-key operation), header and claims |\n");
        md.append("| wall time | ").append(f0(login.wallMicrosMedian())).append(" µs | p90 ")
                .append(f0(login.wallMicrosP90())).append(" µs; includes the SSO's answer over loopback |\n");
        md.append("| local SSO CPU (not ours) | ").append(f0(login.ssoCpuMicrosMean())).append(" µs (mean) | minting"
                + " and signing the token, serving the HTTP call |\n\n");
        md.append("Over the ").append(login.logins()).append(" measured logins: ").append(login.tokenCalls())
                .append(" token-endpoint calls, **").append(login.jwksFetches()).append(" JWKS fetches and ")
                .append(login.metadataFetches()).append(" metadata fetches** (since the application started: ")
                .append(login.jwksFetchesTotal()).append(" and ").append(login.metadataFetchesTotal())
                .append(", i.e. the first login's).\n\n");
        md.append("The CPU-heavy steps alone (JMH, same settings as part 2; the JWKS cached):\n\n"
                + "| step | time | ± (99.9 %) | allocated |\n| --- | ---: | ---: | ---: |\n");
        for (String name : List.of("LoginStepsBenchmark.jwtVerification", "LoginStepsBenchmark.tokenResponseParse",
                "LoginStepsBenchmark.stateCheck")) {
            JmhParts.Score s = JmhParts.find(scores, name);
            md.append("| `").append(s.benchmark()).append("` | ").append(f1(s.score())).append(' ').append(s.unit())
                    .append(" | ").append(f1(s.error())).append(" | ").append(f0(s.bytesPerOp())).append(" B |\n");
        }
        md.append("\nJMH measures fully compiled code repeating one step; the in-process figures above are what the"
                + " steps cost inside real callbacks. They are higher mostly because the login code is still being"
                + " compiled: a JWT verification in a loop in the same JVM needs about 10,000 calls to come down to"
                + " JMH's figure, and an application that logs users in now and then never gets there. On a shared"
                + " machine they also move with its load.\n\n");
    }

    private static void partFour(StringBuilder md, List<RefreshStorm.Result> storm, RefreshStorm.Result now,
            RefreshStorm.Result delayed) {
        md.append("## 4. Refresh storm\n\n");
        md.append("One session logged in (the test fixtures' `Scenario`: Tomcat, local SSO and a shared test clock),"
                + " ").append(now.concurrency()).append(" keep-alive connections carrying its cookie. Each round moves"
                + " the clock to 30 s before the access token expires (inside the 60 s refresh window) and releases"
                + " one request on every connection at the same instant. ").append(now.rounds())
                .append(" rounds per row; the baseline row is the same burst with a fresh token. The page is the"
                        + " fixtures' echo servlet, which reads the token.\n\n");
        md.append("| rounds | token-endpoint calls per round | p50 | p99 | max | non-200 |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: |\n");
        for (RefreshStorm.Result r : storm) {
            md.append("| ").append(r.label()).append(" | ").append(r.tokenCallsPerRound()).append(" | ")
                    .append(f1(r.latency().percentileMicros(0.5) / 1000)).append(" ms | ")
                    .append(f1(r.latency().percentileMicros(0.99) / 1000)).append(" ms | ")
                    .append(f1(r.latency().maxMicros() / 1000)).append(" ms | ").append(r.errors()).append(" |\n");
        }
        md.append("\nOne request per round refreshes; the other ").append(now.concurrency() - 1)
                .append(" find the refresh in flight and go on with the access token, which is still valid: they do"
                        + " not wait for the SSO, so only the refreshing request carries the SSO's delay (the max"
                        + " column of the delayed row). Once a token has really expired, requests wait for the"
                        + " refresh in flight and share its result (TokenRefreshTest). The rest is queueing for the ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs.\n\n");
    }

    private static void partFive(StringBuilder md, SessionFootprint.Result footprint) {
        md.append("## 5. Session footprint\n\n");
        md.append("Everything the library keeps in a logged-in session, serialized as Tomcat persists a session"
                + " (names and values in one `ObjectOutputStream`, objects shared between attributes written once):"
                + " **").append(footprint.totalBytes()).append(" B, of which ").append(footprint.tokenBytes())
                .append(" B are the raw access and refresh token strings: ").append(footprint.withoutTokens())
                .append(" B without them**. Each attribute alone:\n\n| attribute | bytes alone |\n| --- | ---: |\n");
        footprint.perAttribute().forEach((name, bytes) -> md.append("| `").append(name).append("` | ").append(bytes)
                .append(" |\n"));
        md.append('\n');
    }
}
