package io.github.evesso.testing;

import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The faults waiting for each endpoint: one-shot ones (FIFO) first, then a sticky one; thread-safe. */
final class FaultPlan {

    private final Map<Endpoint, Queue<Fault>> oneShot = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Fault> sticky = new ConcurrentHashMap<>();

    FaultPlan() {
        for (Endpoint e : Endpoint.values()) {
            oneShot.put(e, new ConcurrentLinkedQueue<>());
        }
    }

    void enqueue(Endpoint e, Fault f) {
        check(e, f);
        oneShot.get(e).add(f);
    }

    void failUntilCleared(Endpoint e, Fault f) {
        check(e, f);
        sticky.put(e, f);
    }

    void clear() {
        oneShot.values().forEach(Queue::clear);
        sticky.clear();
    }

    /** The fault for the next request to {@code e} (consuming a one-shot one), or {@code null}. */
    Fault next(Endpoint e) {
        Fault f = oneShot.get(e).poll();
        return f != null ? f : sticky.get(e);
    }

    private static void check(Endpoint e, Fault f) {
        if (e == null || f == null) {
            throw new NullPointerException("endpoint and fault are required");
        }
        if (f.accessToken() != null && e != Endpoint.TOKEN) {
            throw new IllegalArgumentException(f + " applies to Endpoint.TOKEN only");
        }
    }
}
