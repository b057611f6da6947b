package io.github.evesso.testing;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Recorded requests (FIFO per endpoint, until taken) and request counts; thread-safe. */
final class RequestJournal {

    private final Map<Endpoint, BlockingQueue<RecordedRequest>> requests = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, AtomicInteger> counts = new EnumMap<>(Endpoint.class);

    RequestJournal() {
        for (Endpoint e : Endpoint.values()) {
            requests.put(e, new LinkedBlockingQueue<>());
            counts.put(e, new AtomicInteger());
        }
    }

    void record(RecordedRequest r) {
        counts.get(r.endpoint()).incrementAndGet();
        requests.get(r.endpoint()).add(r);
    }

    /** The oldest request not yet taken, waiting up to {@code timeout}; {@code null} when none came in time. */
    RecordedRequest take(Endpoint e, Duration timeout) throws InterruptedException {
        return requests.get(e).poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The oldest request not yet taken, without waiting. */
    Optional<RecordedRequest> poll(Endpoint e) {
        return Optional.ofNullable(requests.get(e).poll());
    }

    int count(Endpoint e) {
        return counts.get(e).get();
    }
}
