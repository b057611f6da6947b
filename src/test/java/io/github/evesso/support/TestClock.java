package io.github.evesso.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it; shared by the application and the local SSO. */
public final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    /** A clock at the current system time, truncated to seconds (JWT times are whole seconds). */
    public TestClock() {
        this(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** A clock at {@code start}. */
    public TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Moves the clock forward. */
    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock is always UTC");
    }
}
