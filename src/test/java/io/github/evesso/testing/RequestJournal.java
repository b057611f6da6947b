package io.github.evesso.testing;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Recorded requests (FIFO per endpoint) and request counts; thread-safe. */
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

    RecordedRequest take(Endpoint e) {
        return requests.get(e).poll();
    }

    RecordedRequest take(Endpoint e, Duration timeout) throws InterruptedException {
        return requests.get(e).poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    int count(Endpoint e) {
        return counts.get(e).get();
    }
}
