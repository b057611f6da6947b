package io.github.evesso.internal.sso;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Refresh tokens whose revocation could not be sent (the SSO asked every call to wait, or was unavailable), kept in
 * memory and sent again once the SSO takes calls: at most {@link #CAPACITY}, the oldest dropped with a warning that
 * names no token. One daemon thread sends them, one after the other, when the wait has passed by the configured
 * clock (looked at every {@link #LONGEST_SLEEP} at most) or as soon as another token-endpoint call got an answer
 * ({@link #wake()}); after a failed attempt it waits as {@link Backoff} says. {@link #close()} stops it; what is still
 * queued then is dropped (logged as a number). Thread-safe.
 */
final class RevocationRetries implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RevocationRetries.class.getName());
    /** The most revocations kept waiting. */
    static final int CAPACITY = 1000;
    /** The shortest pause before a retry, so that a failing SSO is not called in a tight loop. */
    static final Duration SHORTEST_SLEEP = Duration.ofSeconds(1);
    /** The longest sleep between two looks at the clock while the SSO's wait lasts. */
    static final Duration LONGEST_SLEEP = Duration.ofSeconds(5);

    /** The revocation call, throwing the {@link SsoException} family. */
    @FunctionalInterface
    interface Revocation {
        /** Revokes {@code refreshToken} at the SSO. */
        void revoke(String refreshToken) throws SsoException;
    }

    private final Revocation revocation;
    private final Supplier<Instant> gateClosedUntil;
    private final Clock clock;
    private final Duration maxBackoff;
    private final ScheduledThreadPoolExecutor executor;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private ScheduledFuture<?> next;
    private int failedAttempts;
    private boolean closed;

    /**
     * @param revocation sends one revocation (through the gate: it fails at once while the SSO's wait lasts)
     * @param gateClosedUntil until when revocations must not go out
     * @param maxBackoff the longest pause after failed attempts, as for refreshes
     */
    RevocationRetries(Revocation revocation, Supplier<Instant> gateClosedUntil, Clock clock, Duration maxBackoff) {
        this.revocation = revocation;
        this.gateClosedUntil = gateClosedUntil;
        this.clock = clock;
        this.maxBackoff = maxBackoff;
        this.executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "eve-sso-revocation-retry");
            thread.setDaemon(true);
            return thread;
        });
        executor.setKeepAliveTime(30, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Queues {@code refreshToken} for a later revocation, dropping the oldest beyond {@link #CAPACITY}. */
    synchronized void add(String refreshToken) {
        if (closed) {
            return;
        }
        queue.addLast(refreshToken);
        if (queue.size() > CAPACITY) {
            queue.removeFirst();
            LOG.log(Level.WARNING, "More than " + CAPACITY + " EVE refresh-token revocations are waiting for EVE SSO:"
                    + " the oldest is dropped, and that grant stays valid at EVE until the user revokes it");
        }
        Duration sleep = sleepBeforeNextAttempt();
        schedule(sleep.compareTo(SHORTEST_SLEEP) < 0 ? SHORTEST_SLEEP : sleep); // it failed just now: not at once
    }

    /** Another call to the SSO got an answer: send what is queued now, unless the SSO's wait still lasts. */
    synchronized void wake() {
        if (!queue.isEmpty()) {
            failedAttempts = 0;
            schedule(sleepBeforeNextAttempt());
        }
    }

    /** Stops the thread; revocations still queued are dropped. */
    @Override
    public void close() {
        int dropped;
        synchronized (this) {
            closed = true;
            dropped = queue.size();
            queue.clear();
        }
        executor.shutdownNow();
        if (dropped > 0) {
            LOG.log(Level.WARNING, dropped + " EVE refresh-token revocations were still waiting for EVE SSO at"
                    + " shutdown and were not sent");
        }
    }

    /** Sends queued revocations until the queue is empty, the gate closes or the SSO fails; then plans the next run. */
    private void sendQueued() {
        String token;
        while ((token = nextToSend()) != null) {
            try {
                revocation.revoke(token);
                synchronized (this) {
                    failedAttempts = 0;
                }
            } catch (SsoUnavailableException e) {
                giveBack(token);
                LOG.log(Level.DEBUG, "A queued EVE refresh-token revocation must wait again: {0}", e.getMessage());
                break;
            } catch (SsoException refused) {
                LOG.log(Level.WARNING, "Revoking a queued EVE refresh token failed: {0}", refused.getMessage());
            }
        }
        synchronized (this) {
            next = null;
            if (!queue.isEmpty()) {
                schedule(sleepBeforeNextAttempt());
            }
        }
    }

    /** The oldest queued token, taken, when it may be sent now; otherwise {@code null}. */
    private synchronized String nextToSend() {
        if (closed || clock.instant().isBefore(gateClosedUntil.get())) {
            return null;
        }
        return queue.pollFirst();
    }

    /** Puts back a token whose revocation failed, first in line, unless the queue filled up meanwhile. */
    private synchronized void giveBack(String token) {
        failedAttempts++;
        if (!closed && queue.size() < CAPACITY) {
            queue.addFirst(token);
        }
    }

    private Duration sleepBeforeNextAttempt() {
        Instant now = clock.instant();
        Instant gate = gateClosedUntil.get();
        Duration sleep = Duration.ZERO;
        if (now.isBefore(gate)) {
            sleep = Duration.between(now, gate);
        } else if (failedAttempts > 0) {
            sleep = Duration.between(now, Backoff.nextAttempt(now, failedAttempts, null, maxBackoff));
        }
        if (sleep.compareTo(LONGEST_SLEEP) > 0 && now.isBefore(gate)) {
            return LONGEST_SLEEP; // the configured clock may be moved: look again soon
        }
        return failedAttempts > 0 && sleep.compareTo(SHORTEST_SLEEP) < 0 ? SHORTEST_SLEEP : sleep;
    }

    /** Plans a run after {@code sleep}, unless one is planned sooner or running (it plans the next itself). */
    private void schedule(Duration sleep) {
        if (closed) {
            return;
        }
        if (next != null) {
            if (next.getDelay(TimeUnit.MILLISECONDS) <= sleep.toMillis()) {
                return;
            }
            next.cancel(false);
        }
        next = executor.schedule(this::sendQueued, sleep.toMillis(), TimeUnit.MILLISECONDS);
    }
}
