package io.github.evesso;

import java.time.Instant;
import java.util.Objects;

/**
 * The right, granted by {@link EveTokenStore#tryLease}, to spend one grant's refresh token once: while a node holds
 * it no other node (nor another thread) gets a lease on that grant, so no two refreshes of one refresh token race.
 * It ends with {@link EveTokenStore#completeRefresh}, {@link EveTokenStore#saveRotatedRefreshToken},
 * {@link EveTokenStore#release}, {@link EveTokenStore#markNeedsLogin} or {@link EveTokenStore#delete(RefreshLease)},
 * or when {@link #until()} passes and another node takes it over. Its {@code toString()} never shows a token.
 *
 * @param grant the grant as it was when the lease was granted: its refresh token is the one to spend; never
 *     {@code null}
 * @param leaseId the lease's random id, which the store checks when the refresh is written; never {@code null}
 * @param until when the lease ends unless completed first; never {@code null}
 */
public record RefreshLease(StoredGrant grant, String leaseId, Instant until) {
    /** Checks the values. */
    public RefreshLease {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(leaseId, "leaseId");
        Objects.requireNonNull(until, "until");
    }

    /** The character id of the leased grant. */
    public long characterId() {
        return grant.characterId();
    }

    /** The version of the grant the lease was granted at. */
    public long version() {
        return grant.version();
    }

    /** Names the character, version and end of the lease; never a token. */
    @Override
    public String toString() {
        return "RefreshLease{characterId=" + grant.characterId() + ", version=" + grant.version() + ", until=" + until
                + "}";
    }
}
