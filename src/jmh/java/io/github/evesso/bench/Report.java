package io.github.evesso.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Progress lines and number formatting for the benchmark report. */
final class Report {
    private static final long START = System.nanoTime();

    private Report() {
    }

    /** A progress line on standard output, with the time since the start. */
    static void progress(String line) {
        long s = (System.nanoTime() - START) / 1_000_000_000L;
        System.out.printf("[bench %02d:%02d] %s%n", s / 60, s % 60, line);
        System.out.flush();
    }

    static String f0(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%,.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static String yesNo(boolean met) {
        return met ? "met" : "**missed**";
    }

    static double[] sorted(double[] v) {
        double[] copy = v.clone();
        Arrays.sort(copy);
        return copy;
    }
}
