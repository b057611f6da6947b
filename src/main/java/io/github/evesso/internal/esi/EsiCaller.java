package io.github.evesso.internal.esi;

import io.github.evesso.EsiBadResponseException;
import io.github.evesso.EsiRejectedException;
import io.github.evesso.EsiResponse.Source;
import io.github.evesso.EsiUnavailableException;
import java.lang.System.Logger.Level;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ESI's etiquette around each call: a fresh cached answer is served without a call, a stale one is revalidated by
 * ETag; no call goes while the {@link EsiGate} is closed (the error limit nearly reached, or ESI asked to wait); 420
 * and 429 close the gate for their {@code Retry-After}; an idempotent call is retried on 502/503/504 with a doubling
 * back-off; a 4xx is never retried. One call waits at most {@link EsiSettings#maxWait()} in total and is sent at most
 * {@code 1 + retries} times: beyond that it fails fast with {@link EsiUnavailableException}, saying when to retry.
 * Thread-safe.
 */
public final class EsiCaller {
    private static final System.Logger LOG = System.getLogger(EsiCaller.class.getName());
    /** Gateway trouble in front of ESI: worth another try of an idempotent call. */
    private static final Set<Integer> RETRIED = Set.of(502, 503, 504);
    /** How long a 420 holds the calls when ESI names neither a {@code Retry-After} nor its window's reset. */
    static final Duration ERROR_LIMIT_HOLD = Duration.ofMinutes(1);
    /** Waits for the gate before one attempt at most (another call may close it again meanwhile). */
    private static final int GATE_WAITS = 3;

    private final EsiSettings settings;
    private final EsiTransport transport;
    private final ResponseCache cache;
    private final EsiGate gate;

    /** Calls through {@code transport} with {@code settings}; starts with an empty cache and an open gate. */
    public EsiCaller(EsiSettings settings, EsiTransport transport) {
        this.settings = settings;
        this.transport = transport;
        this.cache = new ResponseCache(settings.cacheEntries(), settings.cacheBytes());
        this.gate = new EsiGate(settings.errorLimitMargin());
    }

    /** How many answers are cached. */
    public int cachedAnswers() {
        return cache.size();
    }

    /**
     * Makes {@code call}: a 2xx answer (or a cached one).
     *
     * @throws EsiRejectedException    on a 4xx other than 420 and 429
     * @throws EsiUnavailableException on 5xx (after the retries of an idempotent call), 420/429 and waits beyond the
     *                                 bounds, timeouts and connection failures
     * @throws EsiBadResponseException on a status no ESI route answers, or a body over the size limit
     */
    public EsiResult call(EsiCall call) {
        ResponseCache.Key key = call.idempotent() ? call.cacheKey() : null;
        ResponseCache.Entry cached = key == null ? null : cache.get(key);
        if (cached != null && cached.freshAt(settings.clock().instant())) {
            return new EsiResult(200, cached.headers(), cached.body(), Source.CACHE, cached.freshUntil());
        }
        Waits waits = new Waits(settings.maxWait());
        for (int attempt = 0; ; attempt++) {
            awaitGate(call, waits);
            EsiTransport.Answer answer = transport.send(request(call, cached), call.describe());
            Instant now = settings.clock().instant();
            gate.observe(answer.headers(), now);
            int status = answer.status();
            if (status >= 200 && status < 300) {
                return fresh(key, answer, now);
            }
            if (status == 304 && cached != null) {
                return revalidated(key, cached, answer, now);
            }
            Duration retryAfter = Headers.retryAfter(answer.headers(), now);
            String esiError = ErrorText.of(answer.body());
            String answered = call.describe() + " answered " + status + (esiError == null ? "" : ": " + esiError);
            boolean mayRetry = attempt < settings.retries();
            if (status == 420 || status == 429) {
                // refused before any work was done: safe to send again, whatever the method
                Duration hold = hold(status, answer.headers(), retryAfter, attempt);
                gate.hold(now.plus(hold), status == 420 ? "ESI's error limit was reached (420)"
                        : "ESI is rate-limiting this client (429)");
                if (status == 420) {
                    LOG.log(Level.WARNING, "{0}: calls held for {1} s", answered, String.valueOf(hold.toSeconds()));
                }
                if (mayRetry && waits.fits(hold)) {
                    continue; // the gate waits before the next attempt
                }
                throw new EsiUnavailableException(answered, status, esiError, hold, null);
            }
            if (RETRIED.contains(status) && call.idempotent()) {
                Duration backoff = backoff(attempt, retryAfter);
                if (mayRetry && waits.fits(backoff)) {
                    LOG.log(Level.DEBUG, "{0}; retry {1} of {2} in {3} ms", answered, String.valueOf(attempt + 1),
                            String.valueOf(settings.retries()), String.valueOf(backoff.toMillis()));
                    sleep(backoff, call, waits);
                    continue;
                }
                throw new EsiUnavailableException(answered, status, esiError, retryAfter, null);
            }
            if (status >= 500) {
                throw new EsiUnavailableException(answered, status, esiError, retryAfter, null);
            }
            if (status >= 400) {
                throw new EsiRejectedException(answered, status, esiError);
            }
            throw new EsiBadResponseException(call.describe() + " answered " + status + ", which no ESI route does",
                    status, null);
        }
    }

    private HttpRequest.Builder request(EsiCall call, ResponseCache.Entry cached) {
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri())
                .header("Accept", "application/json")
                .header("User-Agent", settings.userAgent())
                .header("X-Compatibility-Date", settings.compatibilityDate().toString());
        if (call.token() != null) {
            request.header("Authorization", "Bearer " + call.token().accessToken()); // refreshed when due
        }
        if (cached != null && cached.etag() != null) {
            request.header("If-None-Match", cached.etag());
        }
        if (call.jsonBody() != null) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(call.jsonBody()));
        } else {
            request.GET();
        }
        return request;
    }

    /** A 2xx answer: cached (GET 200 only) when it is fresh, or stale with an ETag to revalidate by. */
    private EsiResult fresh(ResponseCache.Key key, EsiTransport.Answer answer, Instant now) {
        Instant freshUntil = null;
        if (key != null) {
            Optional<Instant> until = answer.status() == 200
                    ? CacheRules.freshUntil(answer.headers(), now) : Optional.empty();
            ResponseCache.Entry entry = until.map(u -> new ResponseCache.Entry(answer.headers(), answer.body(), u))
                    .orElse(null);
            if (entry != null && (entry.freshAt(now) || entry.etag() != null)) {
                cache.put(key, entry);
                freshUntil = entry.freshAt(now) ? entry.freshUntil() : null;
            } else {
                cache.remove(key);
            }
        }
        return new EsiResult(answer.status(), answer.headers(), answer.body(), Source.NETWORK, freshUntil);
    }

    /** A 304: the cached body with the cached headers updated by the 304's, fresh again for the new lifetime. */
    private EsiResult revalidated(ResponseCache.Key key, ResponseCache.Entry cached, EsiTransport.Answer answer,
            Instant now) {
        Map<String, List<String>> headers = Headers.merge(cached.headers(), answer.headers());
        Optional<Instant> until = CacheRules.freshUntil(headers, now);
        if (until.isPresent()) {
            cache.put(key, new ResponseCache.Entry(headers, cached.body(), until.get()));
        } else {
            cache.remove(key);
        }
        return new EsiResult(200, headers, cached.body(), Source.REVALIDATED,
                until.filter(now::isBefore).orElse(null));
    }

    /** How long a 420 or 429 holds the calls: its {@code Retry-After}, else the error window's reset or a back-off. */
    private Duration hold(int status, Map<String, List<String>> headers, Duration retryAfter, int attempt) {
        if (retryAfter != null) {
            return retryAfter;
        }
        if (status == 420) {
            Long reset = Headers.wholeNumber(headers, EsiGate.WINDOW_RESET);
            return reset != null ? Duration.ofSeconds(reset) : ERROR_LIMIT_HOLD;
        }
        return backoff(attempt, null);
    }

    /** The retry back-off doubling from {@link EsiSettings#retryBackoff()}, or a longer {@code Retry-After}. */
    private Duration backoff(int attempt, Duration retryAfter) {
        Duration backoff = settings.retryBackoff().multipliedBy(1L << Math.min(attempt, 10));
        return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }

    /** Waits while the gate is closed, as far as the call's waits allow; else fails fast. */
    private void awaitGate(EsiCall call, Waits waits) {
        for (int round = 0; ; round++) {
            Instant now = settings.clock().instant();
            Optional<EsiGate.Closed> closed = gate.closedAt(now);
            if (closed.isEmpty()) {
                return;
            }
            Duration wait = Duration.between(now, closed.get().until());
            if (round == GATE_WAITS || !waits.fits(wait)) {
                throw new EsiUnavailableException(call.describe() + " not sent: " + closed.get().reason()
                        + "; calls resume in " + Math.max(1, wait.toSeconds()) + " s", 0, null, wait, null);
            }
            LOG.log(Level.DEBUG, "{0} waits {1} ms: {2}", call.describe(), String.valueOf(wait.toMillis()),
                    closed.get().reason());
            sleep(wait, call, waits);
        }
    }

    private void sleep(Duration wait, EsiCall call, Waits waits) {
        waits.spend(wait);
        try {
            settings.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EsiUnavailableException(call.describe() + ": interrupted while waiting", 0, null, wait, e);
        }
    }

    /** What is left of one call's waiting allowance. Not thread-safe: one per call. */
    private static final class Waits {
        private Duration left;

        Waits(Duration allowance) {
            this.left = allowance;
        }

        boolean fits(Duration wait) {
            return wait.compareTo(left) <= 0;
        }

        void spend(Duration wait) {
            left = left.minus(wait);
        }
    }
}
