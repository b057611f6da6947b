package io.github.evesso.sample.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a few tasks at once, each on its own thread, and collects their results in order (bounded wait). */
final class Concurrently {
    /** How long all tasks together may take. */
    static final long TIMEOUT_SECONDS = 30;

    /** One task; {@code index} counts from 0. */
    interface Task<T> {
        T run(int index) throws Exception;
    }

    private Concurrently() {
    }

    static <T> List<T> run(int count, Task<T> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.run(index)));
            }
            List<T> results = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            for (Future<T> future : futures) {
                try {
                    results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("a concurrent task failed", e.getCause());
                } catch (TimeoutException e) {
                    throw new AssertionError("the concurrent tasks took more than " + TIMEOUT_SECONDS + " s", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
