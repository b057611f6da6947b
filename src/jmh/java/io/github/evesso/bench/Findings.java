package io.github.evesso.bench;

/**
 * What profiling found and what was changed, written by hand after a run (everything above it in the report is
 * generated from the run's measurements).
 */
final class Findings {
    static final String TEXT = """
            ## Findings

            Where a target was missed, the cause was looked for with JMH's `-prof gc`, JFR (`jdk.ExecutionSample`,
            `jdk.ObjectAllocationSample`, `jdk.ThreadStart`; `ProfileHttp` in the benchmark sources puts one variant
            under load for a profiler) and by reading the code on the path.

            **Fixed in the library**

            1. *Path matching allocated on every request.* JMH `-prof gc` showed 192 B per logged-in call (72 B on a
               public path) with `/public/*` and `*.css` excluded: `PathRules.matches` built the prefix with
               `substring` and `prefix + "/"`, the extension rule took two more substrings, and the pattern lists were
               walked with an iterator. It now compares regions in place over pattern arrays: 0 B on a public path,
               24 B (the request wrapper, below) on the logged-in path.
            2. *A new thread for every call to the SSO on machines with 2 CPUs or fewer.* JFR counted 603
               `jdk.ThreadStart` events for 600 logins, started by `CompletableFuture$ThreadPerTaskExecutor`:
               `SsoHttp` used `HttpClient.sendAsync` and waited on the future, and the JDK completes `sendAsync`'s future
               on CompletableFuture's default executor, which is a new thread per task whenever the common pool has
               parallelism 1 (any machine or container with 1–2 CPUs, like this one). `SsoHttp` now calls `send()` on the
               calling thread and keeps its whole-call deadline (the request timeout covers the headers, the body
               subscriber the rest; `SsoHttpDeadlineTest` covers a body that stalls). JFR now counts no thread start
               over 600 logins. In side-by-side runs of part 3 (noisy machine) the library CPU per login went from
               1.0–1.4 ms to 0.85–0.95 ms, not counting the started threads' own cost, which per-thread accounting
               cannot see once they have ended.

            **Left as they are, and why**

            3. *24 B per request: the request wrapper.* (The application's view of the login, `EveSso.token(request)`,
               is made once per login and node and kept as a transient cache: it adds nothing per request.) `EveSsoRequest` is the Servlet API's only portable way to make
               the character the request's `getUserPrincipal()`/`isUserInRole()`. Reusing a wrapper across requests
               (per thread or per session) would let an asynchronous request see another request's principal, so the
               one allocation stays. Inside Tomcat, an EveSso request allocates about 190 B more than the bare one:
               these 24 B; about 100 B that Tomcat spends on the two request attributes the library sets (a map node
               and a copy of its listener array per `setAttribute`; the attributes are API, e.g. for access logs);
               and what Tomcat spends on any request with a session cookie (the session id string). pac4j's requests
               allocate about 3 KB more than bare.
            4. *Over HTTP the filters are a small part of a request, and EveSso's share is within this machine's
               noise.* Here a request costs 40–45 µs of CPU (client, Tomcat and, for half of it, the kernel's loopback
               TCP). Across six full runs during this work, EveSso/bare in req/s came out between 0.90 and 1.02
               (median 0.96), and EveSso's extra CPU per request between −1.9 and +1.9 µs, typically 1–2 µs: rounds of
               the same variant differ by ±20 % on this shared machine, so single runs land on either side of the
               ≥ 0.98 target; on average it is missed narrowly. Of those 1–2 µs about half is what Tomcat spends on any
               request with a session (the *bare+session* row: parse the cookie, find and touch the session), which
               every session-based login pays; the filter's own code is 0.07 µs (part 2); the rest is the container's
               work on the filter's behalf (the filter chain, the two request attributes, the wrapper). pac4j adds
               4–5 µs. The ≥ 1.5 × pac4j target cannot be reached over HTTP by any filter: even one that costs nothing
               would only run (bare + pac4j's own cost) / bare ≈ 1.1 × as fast as pac4j (part 1 gives this run's
               figure). On the filters' own cost (JMH, and CPU beyond bare over HTTP when it rises above the noise)
               EveSso is several times cheaper than pac4j.
            5. *A login costs 1–2 ms of CPU.* About two thirds of it is the JDK `HttpClient` call to the token
               endpoint (request, response and the hand-offs between the calling thread and the client's threads), then
               the RS256 verification; both run partly compiled in an application that logs users in now and then.
               Logins (and refreshes, one per session every ~20 minutes) are rare next to requests; a leaner HTTP client
               would save some of it, but the JDK one keeps the library free of dependencies. JWKS and metadata come
               from the cache: no fetch per login in steady state.
            6. *Requests that meet an expiring token no longer wait for the SSO while it is still valid.* Exactly one
               request refreshes; the others find the refresh in flight and go on with the current token (part 4's
               delayed row: only the refreshing request carries the SSO's delay). Once a token has really expired,
               the others wait on the login's lock for the refresh in flight and reuse its answer: that is the price
               of never sending two refreshes of one token.
            7. *The session holds about 1 KB besides the tokens,* close to the target: Java serialization writes the
               class descriptors of `EveLogins` (the session's characters, written compactly: a count, the logins and
               the active one's position), `EveLogin`, its token record, `EveCharacter` and `Instant`, and the character's
               name, owner hash and each granted scope (every further scope adds its length plus a few bytes; this
               login has 2). Each further character adds only its data (part 5's per-character row), since the
               descriptors are written once per stream. The pending-logins list leaves the session once
               the callback has emptied it (create and take update it under one lock, so a login started in
               another tab meanwhile is not lost).
            8. *Bearer requests cost about 6–8 µs of CPU and 6 KB more than bare ones (part 1's "EveSso bearer": about 0.8
               of bare's req/s, target 0.97, missed).* The cache works (part 7: 0.7 µs for a verified token in JMH, against
               56 µs for an RS256 verification), so the rest is per-request work around the token: an EVE token is about
               1 KB of text, and it is copied several times (Tomcat's header `String`, the `Bearer ` prefix cut off, the
               bytes hashed for the cache key), plus the SHA-256 state, the request attributes and wrapper. Done: the cache
               key is the hash as four longs from a cloned digest (no provider lookup, no text form), no header list and no
               scope set per request (about 300 B less). Not done: hashing the header without copying it and reusing a digest
               per thread; a session login avoids all of it by keeping the token in the session.
            9. *Session replication (measured by the sample's cluster tests, not by this run):* with Tomcat's
               DeltaManager a logged-in request without a refresh replicates about 550 B (Tomcat's own delta; the
               library writes nothing back), a refresh about 2.6 KB (the login attribute, 2.0 KB with its tokens),
               each further character about 1.2 KB more in a refresh's message; BackupManager without sticky sessions
               moves the whole session (about 3.5 KB) whenever the primary changes. Figures and set-up:
               `server-config/tomcat/README.md`, "What replicates, what to size".

            **In the test fixture, not the library:** the local SSO (the JDK's HTTP server) answers without
            `TCP_NODELAY`, so each of its answers waited about 40 ms for a delayed ACK (token calls took 40 ms, storms
            40 ms longer). The benchmark sets `sun.net.httpserver.nodelay=true`; the test suite would gain the same by
            setting it where `LocalEveSso` already raises `sun.net.httpserver.maxIdleConnections`.
            """;

    private Findings() {
    }
}
