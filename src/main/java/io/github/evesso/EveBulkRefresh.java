package io.github.evesso;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@link EveStoredTokens#refreshExpiring} came to. Every stored character is counted once.
 *
 * @param refreshed characters whose tokens were refreshed (by this call, or by another node or session meanwhile)
 * @param fresh characters whose tokens did not expire within the window, and were left alone
 * @param needsLogin characters whose grant EVE has ended (before or during this call); they need a new login
 * @param failed characters whose refresh failed this time (the SSO unavailable or answering something unusable);
 *     their grants are kept as they were
 * @param postponed characters not tried because the SSO asked to wait
 * @param retryAfter the wait the SSO asked for, or {@code null} when it asked none
 */
public record EveBulkRefresh(int refreshed, int fresh, int needsLogin, int failed, int postponed,
        Duration retryAfter) {

    /** The wait the SSO asked for before the next bulk refresh, if it asked one. */
    public Optional<Duration> retryAfterWait() {
        return Optional.ofNullable(retryAfter);
    }

    /** All characters counted. */
    public int total() {
        return refreshed + fresh + needsLogin + failed + postponed;
    }
}
