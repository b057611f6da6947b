package io.github.evesso.bench;

/**
 * Latencies in fixed buckets, recorded without allocating: 1 µs wide up to 10 ms, 100 µs wide up to 1 s, then one
 * overflow bucket (the maximum is kept exactly). Not thread-safe: one per thread, merged afterwards.
 */
final class LatencyHistogram {
    private static final int FINE = 10_000;          // 0..10 ms in 1 µs steps
    private static final int COARSE = 9_900;         // 10 ms..1 s in 100 µs steps
    private final long[] counts = new long[FINE + COARSE + 1];
    private long total;
    private long maxNanos;
    private long sumNanos;

    void record(long nanos) {
        long micros = nanos / 1_000;
        int index;
        if (micros < FINE) {
            index = (int) micros;
        } else if (micros < 1_000_000) {
            index = FINE + (int) ((micros - FINE) / 100);
        } else {
            index = counts.length - 1;
        }
        counts[index]++;
        total++;
        sumNanos += nanos;
        if (nanos > maxNanos) {
            maxNanos = nanos;
        }
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sumNanos += other.sumNanos;
        maxNanos = Math.max(maxNanos, other.maxNanos);
    }

    long count() {
        return total;
    }

    /** The latency (µs, upper edge of its bucket) below which {@code fraction} of the samples lie. */
    double percentileMicros(double fraction) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                if (i < FINE) {
                    return i + 1;
                }
                if (i < FINE + COARSE) {
                    return FINE + (i - FINE + 1) * 100.0;
                }
                return maxNanos / 1_000.0;
            }
        }
        return maxNanos / 1_000.0;
    }

    double meanMicros() {
        return total == 0 ? Double.NaN : sumNanos / 1_000.0 / total;
    }

    double maxMicros() {
        return maxNanos / 1_000.0;
    }
}
