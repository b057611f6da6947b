package io.github.evesso.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Parts 2 and 3's breakdown through JMH's API: one forked JVM per benchmark, {@code -prof gc}. */
final class JmhParts {
    /** One benchmark's outcome. */
    record Score(String benchmark, double score, double error, String unit, double bytesPerOp) {
    }

    /** The JMH settings of one run. */
    record Settings(int warmupIterations, long warmupMillis, int iterations, long iterationMillis) {
    }

    private JmhParts() {
    }

    @SuppressWarnings("rawtypes") // JMH's secondary results are a raw Map<String, Result>
    static List<Score> run(Settings settings) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(FilterHotPathBenchmark.class.getName() + "\\.")
                .include(LoginStepsBenchmark.class.getName() + "\\.")
                .include(EsiCachedGetBenchmark.class.getName() + "\\.")
                .include(BearerBenchmark.class.getName() + "\\.")
                .forks(1)
                .threads(1)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(settings.warmupMillis()))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.milliseconds(settings.iterationMillis()))
                .addProfiler(GCProfiler.class)
                .jvmArgs("-Xms256m", "-Xmx256m", "-D" + BenchmarkReport.NODELAY + "=true",
                        "-Djava.util.logging.config.file="
                        + System.getProperty("java.util.logging.config.file", ""))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL);
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Score> scores = new ArrayList<>();
        for (RunResult run : results) {
            Result<?> primary = run.getPrimaryResult();
            double bytes = Double.NaN;
            for (java.util.Map.Entry<String, Result> e : run.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    bytes = e.getValue().getScore();
                }
            }
            String name = run.getParams().getBenchmark();
            scores.add(new Score(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    primary.getScore(), primary.getScoreError(), primary.getScoreUnit(), bytes));
        }
        return scores;
    }

    static Score find(List<Score> scores, String benchmark) {
        return scores.stream().filter(s -> s.benchmark().equals(benchmark)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no JMH result for " + benchmark));
    }
}
