package io.github.evesso.bench;

import java.util.List;

/**
 * Parts 6 and 7 of the report, from the JMH run of part 2: a cached ESI GET ({@link EsiCachedGetBenchmark}) and
 * bearer-mode verification ({@link BearerBenchmark}, beside part 3's uncached JWT verification).
 */
final class ClientCostParts {
    private ClientCostParts() {
    }

    static void append(StringBuilder md, List<JmhParts.Score> scores) {
        md.append("## 6. A cached ESI GET (JMH)\n\n");
        md.append("`EsiClient.get` when the answer is in the client's cache. The clients' clock stands still, so a"
                + " fresh answer stays fresh for the whole run; the *revalidated* client stores its copy under"
                + " `Cache-Control: no-cache` and asks the local EVE SSO's fake ESI with `If-None-Match` each time (one"
                + " HTTP exchange over loopback, 304, no body). Each call maps the cached body anew with JSON-B (no"
                + " shared mutable objects), which is most of its cost.\n\n");
        table(md, scores, List.of(
                new Row("EsiCachedGetBenchmark.cachedWallet", "fresh, `BigDecimal`, with a token: no HTTP call"),
                new Row("EsiCachedGetBenchmark.cachedStatusRecord", "fresh, public route, mapped to a record: no HTTP"
                        + " call"),
                new Row("EsiCachedGetBenchmark.revalidatedWallet", "stale: `If-None-Match`, 304 over loopback")));
        md.append("## 7. Bearer mode: verification per request (JMH)\n\n");
        md.append("What a request on a bearer path costs the filter before the application runs, besides the HTTP"
                + " work of part 1: a client that calls again with a token it sent before hits the cache of verified"
                + " tokens (a SHA-256 of the token and a map lookup); the first call pays a full RS256 verification"
                + " (part 3's `jwtVerification`); a forged token (signed by a key the JWKS does not hold) is refused"
                + " every time and never remembered, so a flood of them costs this per request.\n\n");
        table(md, scores, List.of(
                new Row("BearerBenchmark.cachedBearerToken", "a token already verified: from the cache"),
                new Row("LoginStepsBenchmark.jwtVerification", "a token seen for the first time: RS256 and claims"),
                new Row("BearerBenchmark.forgedBearerToken", "a forged token, refused")));
    }

    private record Row(String benchmark, String meaning) {
    }

    private static void table(StringBuilder md, List<JmhParts.Score> scores, List<Row> rows) {
        md.append("| benchmark | time per call | ± (99.9 %) | allocated per call |\n| --- | ---: | ---: | ---: |\n");
        for (Row row : rows) {
            JmhParts.Score s = JmhParts.find(scores, row.benchmark());
            md.append("| `").append(s.benchmark()).append("` (").append(row.meaning()).append(") | ")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", s.score())).append(' ').append(s.unit())
                    .append(" | ").append(String.format(java.util.Locale.ROOT, "%.1f", s.error())).append(" | ")
                    .append(String.format(java.util.Locale.ROOT, "%,.0f", s.bytesPerOp())).append(" B |\n");
        }
        md.append('\n');
    }
}
