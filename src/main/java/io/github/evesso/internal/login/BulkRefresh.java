package io.github.evesso.internal.login;

import io.github.evesso.EveBulkRefresh;
import io.github.evesso.EveTokenStore;
import io.github.evesso.StoredGrant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A refresh of every stored character whose access token expires soon, for background jobs over thousands of
 * characters: the store is read page by page, and at most {@code concurrency} refreshes run at once, each through
 * {@link LeasedRefresh} (so a character that another node refreshes meanwhile is taken over, not refreshed twice).
 * Once the SSO asks to wait ({@code Retry-After}), no further refresh starts: the rest are postponed.
 */
final class BulkRefresh {

    private enum Outcome { REFRESHED, FRESH, NEEDS_LOGIN, FAILED, POSTPONED }

    private final LoginKeeper keeper;
    private final EveTokenStore store;
    private final int concurrency;
    private final AtomicInteger runs = new AtomicInteger();

    BulkRefresh(LoginKeeper keeper, EveTokenStore store, int concurrency) {
        this.keeper = keeper;
        this.store = store;
        this.concurrency = concurrency;
    }

    /** Refreshes the stored characters whose access token expires within {@code within}; see the class comment. */
    EveBulkRefresh refreshExpiring(Duration within) {
        if (within.isNegative()) {
            throw new IllegalArgumentException("within must not be negative: " + within);
        }
        Instant limit = keeper.clock().instant().plus(within);
        int run = runs.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "eve-sso-bulk-refresh-" + run + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        int[] counts = new int[Outcome.values().length];
        List<Future<Outcome>> started = new ArrayList<>();
        try {
            StoredTokens.forEachStored(store, grant -> {
                if (grant.status() == StoredGrant.Status.NEEDS_LOGIN) {
                    counts[Outcome.NEEDS_LOGIN.ordinal()]++;
                } else if (grant.refreshToken() == null || grant.tokens().accessTokenExpiresAt().isAfter(limit)) {
                    counts[Outcome.FRESH.ordinal()]++;
                } else {
                    started.add(workers.submit(() -> refresh(grant)));
                }
            });
        } finally {
            workers.shutdown();
        }
        for (Future<Outcome> outcome : started) {
            counts[outcomeOf(outcome).ordinal()]++;
        }
        Instant now = keeper.clock().instant();
        Instant pausedUntil = keeper.refreshesPausedUntil();
        return new EveBulkRefresh(counts[Outcome.REFRESHED.ordinal()], counts[Outcome.FRESH.ordinal()],
                counts[Outcome.NEEDS_LOGIN.ordinal()], counts[Outcome.FAILED.ordinal()],
                counts[Outcome.POSTPONED.ordinal()],
                now.isBefore(pausedUntil) ? Duration.between(now, pausedUntil) : null);
    }

    private Outcome refresh(StoredGrant grant) {
        if (keeper.clock().instant().isBefore(keeper.refreshesPausedUntil())) {
            return Outcome.POSTPONED;
        }
        return switch (new EveLogin(StoredTokens.of(grant)).refreshNow(keeper)) {
            case FRESH -> Outcome.REFRESHED;
            case ENDED -> Outcome.NEEDS_LOGIN;
            case UNAVAILABLE, IDENTITY_EXPIRED -> Outcome.FAILED;
        };
    }

    /** The outcome of one refresh; each is bounded by the SSO's and the store's timeouts. */
    private static Outcome outcomeOf(Future<Outcome> outcome) {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            return Outcome.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome.cancel(true);
            return Outcome.POSTPONED;
        }
    }
}
