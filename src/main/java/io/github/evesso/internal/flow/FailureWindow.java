package io.github.evesso.internal.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failures per key (a session, a client address) within a sliding window, and the attempts of each key still in
 * flight: a key may have at most {@code limit} failures and attempts in flight together, so that concurrent attempts
 * cannot overrun the limit. Memory is bounded: at most {@code limit} instants for each of at most {@link #MAX_KEYS}
 * keys, the key used least recently forgotten first. A limit of 0 counts nothing and never refuses. Not thread-safe:
 * its owner serialises the calls.
 */
final class FailureWindow {
    /** The most keys remembered. */
    static final int MAX_KEYS = 10_000;

    /** The failures of one key, oldest first, and its attempts in flight. */
    private static final class Counts {
        private final ArrayDeque<Instant> failures = new ArrayDeque<>();
        private int inFlight;
    }

    private final int limit;
    private final Duration window;
    private final Map<String, Counts> keys = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Counts> eldest) {
            return size() > MAX_KEYS;
        }
    };

    FailureWindow(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /**
     * How long {@code key} must wait because its failures alone reached the limit: until the oldest leaves the
     * window; {@link Duration#ZERO} when they did not.
     */
    Duration refusal(String key, Instant now) {
        Counts counts = limit == 0 ? null : keys.get(key);
        if (counts == null) {
            return Duration.ZERO;
        }
        while (!counts.failures.isEmpty() && !now.isBefore(counts.failures.peekFirst().plus(window))) {
            counts.failures.removeFirst();
        }
        return counts.failures.size() < limit ? Duration.ZERO
                : Duration.between(now, counts.failures.peekFirst().plus(window));
    }

    /** Whether one more attempt of {@code key} fits beside its failures and its attempts in flight. */
    boolean hasRoom(String key) {
        Counts counts = limit == 0 ? null : keys.get(key);
        return counts == null || counts.failures.size() + counts.inFlight < limit;
    }

    /** Counts an attempt of {@code key} as in flight. */
    void start(String key) {
        if (limit > 0) {
            keys.computeIfAbsent(key, k -> new Counts()).inFlight++;
        }
    }

    /** Ends an attempt of {@code key} started with {@link #start}: a failure at {@code now} when {@code failed}. */
    void end(String key, boolean failed, Instant now) {
        Counts counts = limit == 0 ? null : keys.get(key);
        if (counts == null) {
            return; // forgotten meanwhile
        }
        counts.inFlight = Math.max(0, counts.inFlight - 1);
        if (failed) {
            counts.failures.addLast(now);
            while (counts.failures.size() > limit) {
                counts.failures.removeFirst();
            }
        } else if (counts.inFlight == 0 && counts.failures.isEmpty()) {
            keys.remove(key);
        }
    }

    /** The limit per key (0: none). */
    int limit() {
        return limit;
    }
}
