package io.github.evesso.internal.esi;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits: the client's only way to pause (for {@code Retry-After}, the error limit's reset, a retry's back-off), so
 * that tests replace it with one that moves a test clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits {@code duration} (positive).
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** Sleeps the calling thread for real. */
    static Sleeper threadSleep() {
        return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
