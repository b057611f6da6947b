package io.github.evesso.bench;

import static io.github.evesso.bench.Report.f0;
import static io.github.evesso.bench.Report.f2;

import io.github.evesso.testing.LocalEveSso;
import java.util.ArrayList;
import java.util.List;

/**
 * Part 8, the token store: what it adds to a refresh and a login on each database ({@link StoreOverhead}), and a
 * bulk refresh of stored characters ({@link StoreBulkRefresh}); its summary row and its section of the report.
 */
final class TokenStorePart {
    static final int PART = 8;

    /** How much to run. */
    record Settings(StoreOverhead.Settings overhead, StoreOverhead.Settings withoutPool, int bulkCharacters,
            int bulkWarmup) {
        static Settings of(boolean smoke) {
            return smoke ? new Settings(new StoreOverhead.Settings(5, 2, 1), new StoreOverhead.Settings(2, 2, 0), 10, 2)
                    : new Settings(new StoreOverhead.Settings(200, 10, 5), new StoreOverhead.Settings(20, 10, 0),
                            1_000, 100);
        }
    }

    /** Everything part 8 measured. */
    record Result(List<StoreOverhead.Result> overhead, List<StoreBulkRefresh.Result> bulk) {
    }

    private static final List<StoreDatabases.Kind> BULK_DATABASES = List.of(StoreDatabases.Kind.H2_MEMORY,
            StoreDatabases.Kind.H2_FILE, StoreDatabases.Kind.POSTGRES);

    private TokenStorePart() {
    }

    static Result run(Settings settings) {
        List<StoreOverhead.Result> overhead = new ArrayList<>();
        try (LocalEveSso minter = LocalEveSso.builder().build().start()) {
            StoreOverhead measure = new StoreOverhead(minter);
            for (StoreDatabases.Kind kind : StoreDatabases.Kind.values()) {
                overhead.add(measure.run(kind, kind == StoreDatabases.Kind.POSTGRES_NO_POOL ? settings.withoutPool()
                        : settings.overhead()));
            }
        }
        List<StoreBulkRefresh.Result> bulk = new ArrayList<>();
        for (StoreDatabases.Kind kind : BULK_DATABASES) {
            bulk.add(StoreBulkRefresh.run(kind, settings.bulkCharacters(), settings.bulkWarmup()));
        }
        return new Result(overhead, bulk);
    }

    /** The summary table's row (with its line end). */
    static String summaryRow(Result result) {
        StringBuilder row = new StringBuilder("| 8. token store: time added to a refresh, p50 (PostgreSQL); bulk"
                + " refresh of ");
        int characters = result.bulk().get(0).characters();
        row.append(f0(characters)).append(" stored characters (SSO limit 5, refresh-concurrency 4): token calls /"
                + " errors / peak concurrent refreshes | each character once, 0 errors, peak ≤ 4 | ");
        result.overhead().stream().filter(o -> o.kind() == StoreDatabases.Kind.POSTGRES).findFirst()
                .ifPresent(o -> row.append(o.notRun() == null ? ms(o.refresh().percentileMicros(0.5)) : "not run")
                        .append("; "));
        List<String> runs = new ArrayList<>();
        boolean met = true;
        for (StoreBulkRefresh.Result b : result.bulk()) {
            if (b.notRun() != null) {
                runs.add(b.kind().label + " not run");
                met = false;
                continue;
            }
            runs.add(shortName(b.kind()) + " " + f0(b.tokenCalls()) + " / " + b.errors() + " / "
                    + b.peakConcurrentRefreshes());
            met &= b.tokenCalls() == b.characters() && b.errors() == 0 && b.peakConcurrentRefreshes() <= 4
                    && b.refreshTokensSpentTwice() == 0;
        }
        return row.append(String.join(", ", runs)).append(" | ").append(Report.yesNo(met)).append(" |\n").toString();
    }

    /** The report's section 8. */
    static void appendSection(StringBuilder md, Result result) {
        StoreOverhead.Settings s = result.overhead().get(0).settings();
        md.append("## 8. Token store\n\n");
        md.append("**What the store adds to a refresh and a login.** A refresh through the store (`LeasedRefresh`,"
                + " no other node refreshing the character) makes three store calls around the SSO call: `load`,"
                + " `tryLease` at the loaded version, and after the SSO's answer `completeRefresh` with the new tokens."
                + " Measured here are exactly those three calls in that order, with the SSO call left out (its answer"
                + " made beforehand: a real RS256 access token of the local SSO, a new refresh token), so the figure is"
                + " the store's share alone: the SQL, the AES-GCM encryption of both tokens, the connection pool."
                + " It comes on top of the SSO call, which part 3 measures over loopback and which, to EVE's SSO, takes"
                + " at least a round trip over the internet. A login adds `save` and `recordOwnerHash`. ")
                .append(f0(s.refreshes())).append(" refreshes per database (fewer without a pool: see the column): ")
                .append(s.rounds()).append(" rounds over ").append(s.characters())
                .append(" characters taken in turn, after ").append(s.warmupRounds())
                .append(" unmeasured rounds over as many other characters; logins: each character's first (a new"
                        + " row) and, after its refreshes, its next (the row replaced). One thread; the database on"
                        + " the same ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs, over loopback for PostgreSQL; pooled connections (H2's `JdbcConnectionPool` over the"
                        + " driver's `ConnectionPoolDataSource`), except in the *no pool* row.\n\n");
        md.append("| database | refreshes | refresh p50 | p99 | max | logins | login p50 | p99 | max |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (StoreOverhead.Result o : result.overhead()) {
            md.append("| ").append(o.kind().label).append(" | ");
            if (o.notRun() != null) {
                md.append("not run: ").append(o.notRun().replace('|', '/')).append(" | | | | | | | |\n");
                continue;
            }
            md.append(f0(o.refresh().count())).append(" | ").append(percentiles(o.refresh())).append(" | ")
                    .append(f0(o.login().count())).append(" | ").append(percentiles(o.login())).append(" |\n");
        }
        md.append("\n**Bulk refresh of stored characters.** `EveSso.storedTokens(...).refreshExpiring(5 min)` on an"
                + " application (the fixtures' `TestApp`: embedded Tomcat, the library with a JDBC token store and the"
                + " default `refresh-concurrency`, 4) over ").append(f0(result.bulk().get(0).characters()))
                .append(" stored characters whose access tokens have expired, against a local EVE SSO with EVE's"
                        + " limit of 5 concurrent refreshes (it answers 500 above it), in the same JVM: its RS256"
                        + " signing of every new token is part of the wall time. An unmeasured bulk refresh of ")
                .append(result.bulk().get(0).warmup()).append(" other characters warms the code first. *Errors* are"
                        + " characters due but not refreshed (failed, postponed or marked as needing a login);"
                        + " *spent twice* are refresh tokens the SSO saw twice.\n\n");
        md.append("| database | wall time | per character | token calls | errors | peak concurrent refreshes (SSO) |"
                + " spent twice |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (StoreBulkRefresh.Result b : result.bulk()) {
            md.append("| ").append(b.kind().label).append(" | ");
            if (b.notRun() != null) {
                md.append("not run: ").append(b.notRun().replace('|', '/')).append(" | | | | | |\n");
                continue;
            }
            md.append(f2(b.seconds())).append(" s | ").append(ms(b.seconds() * 1e6 / b.characters())).append(" | ")
                    .append(f0(b.tokenCalls())).append(" | ").append(b.errors()).append(" | ")
                    .append(b.peakConcurrentRefreshes()).append(" | ").append(b.refreshTokensSpentTwice())
                    .append(" |\n");
        }
        md.append("\nHow to read it: the p50 columns are what the store adds to a typical refresh or login, p99 and"
                + " max its tail: the machine's other work and, for H2, which runs inside the application's JVM, this"
                + " JVM's garbage collections. A character refreshes about every 20 minutes, so even a millisecond per"
                + " refresh is small next to the SSO's answer. Without a pool (the *no pool* row) every store call"
                + " opens a PostgreSQL connection (a server process forked, authentication) and a refresh costs tens"
                + " of milliseconds: give the store the application's pool. A job's bulk refresh is bound by the SSO"
                + " and the CPUs (the local SSO signs every token in this JVM), not by the database: the wall times are"
                + " close on every database, the SSO never sees more refreshes at once than `refresh-concurrency`, and"
                + " each character costs exactly one token call.\n\n");
    }

    private static String percentiles(LatencyHistogram h) {
        return ms(h.percentileMicros(0.5)) + " | " + ms(h.percentileMicros(0.99)) + " | " + ms(h.maxMicros());
    }

    private static String ms(double micros) {
        return f2(micros / 1000) + " ms";
    }

    private static String shortName(StoreDatabases.Kind kind) {
        return switch (kind) {
            case POSTGRES, POSTGRES_NO_POOL -> "PostgreSQL";
            case H2_MEMORY -> "H2 mem";
            case H2_FILE -> "H2 file";
        };
    }
}
