package io.github.evesso.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Closed-loop HTTP load: each connection has its own thread sending one request after the other for a fixed time
 * (keep-alive, no pipelining) and records every latency with {@link System#nanoTime()}. The threads live for the whole
 * run so that the JVM-wide allocation and CPU counters taken around a round stay comparable.
 */
final class LoadGenerator implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    LoadGenerator(int threadCount) {
        pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "bench-load");
            t.setDaemon(true);
            return t;
        });
        pool.prestartAllCoreThreads();
    }

    /** One round's outcome. */
    record Round(long requests, long errors, double seconds, LatencyHistogram latency, double cpuMicrosPerRequest,
            double bytesAllocatedPerRequest, int reconnects) {
        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    /** Runs every connection for {@code millis} and waits for them. */
    Round run(List<HttpConnection> connections, long millis) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        List<LatencyHistogram> histograms = new ArrayList<>();
        int[] reconnectsBefore = new int[connections.size()];
        for (int i = 0; i < connections.size(); i++) {
            HttpConnection connection = connections.get(i);
            reconnectsBefore[i] = connection.reconnects();
            LatencyHistogram histogram = new LatencyHistogram();
            histograms.add(histogram);
            results.add(pool.submit(() -> {
                start.await();
                long deadline = System.nanoTime() + millis * 1_000_000L;
                long errors = 0;
                long now;
                do {
                    long t0 = System.nanoTime();
                    int status = connection.exchange();
                    now = System.nanoTime();
                    histogram.record(now - t0);
                    if (status != 200) {
                        errors++;
                    }
                } while (now < deadline);
                return new long[] {errors};
            }));
        }
        long allocatedBefore = allocatedBytes();
        long cpuBefore = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        start.countDown();
        long errors = 0;
        for (Future<long[]> f : results) {
            errors += f.get()[0];
        }
        long elapsed = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long allocated = allocatedBytes() - allocatedBefore;
        LatencyHistogram all = new LatencyHistogram();
        histograms.forEach(all::add);
        int reconnects = 0;
        for (int i = 0; i < connections.size(); i++) {
            reconnects += connections.get(i).reconnects() - reconnectsBefore[i];
        }
        long n = all.count();
        return new Round(n, errors, elapsed / 1e9, all, cpu / 1e3 / n, (double) allocated / n, reconnects);
    }

    /** Bytes allocated so far by every live thread of the JVM. */
    private long allocatedBytes() {
        long[] ids = threads.getAllThreadIds();
        long sum = 0;
        for (long a : threads.getThreadAllocatedBytes(ids)) {
            if (a > 0) {
                sum += a;
            }
        }
        return sum;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
