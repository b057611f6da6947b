package io.github.evesso.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests of one kind may run at once: EVE SSO answers {@code 500} to refreshes beyond 5 at a time. A
 * limit of 0 admits everything. Thread-safe.
 */
final class ConcurrencyLimit {

    private final int limit;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    ConcurrencyLimit(int limit) {
        this.limit = limit;
    }

    /** Starts a request if fewer than the limit run; a started request must be ended with {@link #exit()}. */
    boolean tryEnter() {
        int now = running.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        if (now > limit && limit > 0) {
            running.decrementAndGet();
            return false;
        }
        return true;
    }

    /** The most requests of this kind that arrived while others ran, counting those turned away. */
    int peak() {
        return peak.get();
    }

    /** Ends a request started by {@link #tryEnter()}. */
    void exit() {
        running.decrementAndGet();
    }
}
