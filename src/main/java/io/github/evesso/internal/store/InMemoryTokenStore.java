package io.github.evesso.internal.store;

import io.github.evesso.EveCharacter;
import io.github.evesso.EveTokenStore;
import io.github.evesso.EveTokenStoreLeaseLostException;
import io.github.evesso.GrantTokens;
import io.github.evesso.RefreshLease;
import io.github.evesso.StoredGrant;
import io.github.evesso.StoredGrant.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The token store of one node, in memory: the semantics of the JDBC store (versions, leases, statuses) under one
 * lock, without encryption (the tokens are in this JVM's memory, as in its sessions). Lost at restart; unbounded (one
 * entry per character that logged in and was not deleted).
 */
public final class InMemoryTokenStore implements EveTokenStore {
    /** A grant and the id of the lease on it ({@code null} when none). */
    private record Entry(StoredGrant grant, String leaseId) {
    }

    private final Clock clock;
    private final TreeMap<Long, Entry> grants = new TreeMap<>();
    private final Map<Long, String> ownerHashes = new HashMap<>();

    /** A store on {@code clock} (the lease expiries and {@code updatedAt}). */
    public InMemoryTokenStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private Instant now() {
        return StoreRules.millis(clock.instant());
    }

    @Override
    public synchronized StoredGrant save(EveCharacter character, GrantTokens tokens) {
        StoreRules.character(character);
        GrantTokens stored = StoreRules.millis(tokens);
        Entry old = grants.get(character.id());
        long version = old == null ? 1 : old.grant().version() + 1;
        StoredGrant grant = new StoredGrant(character, stored, Status.OK, now(), version, null);
        grants.put(character.id(), new Entry(grant, null));
        return grant;
    }

    @Override
    public synchronized Optional<StoredGrant> load(long characterId) {
        Entry entry = grants.get(StoreRules.characterId(characterId));
        return entry == null ? Optional.empty() : Optional.of(entry.grant());
    }

    @Override
    public synchronized List<StoredGrant> list(long afterCharacterId, int limit) {
        StoreRules.page(afterCharacterId, limit);
        List<StoredGrant> page = new ArrayList<>();
        for (Entry entry : grants.tailMap(afterCharacterId, false).values()) {
            if (page.size() == limit) {
                break;
            }
            page.add(entry.grant());
        }
        return List.copyOf(page);
    }

    @Override
    public synchronized Optional<RefreshLease> tryLease(long characterId, long expectedVersion, Duration leaseFor) {
        StoreRules.leaseFor(leaseFor);
        Entry entry = grants.get(StoreRules.characterId(characterId));
        Instant now = now();
        if (entry == null || entry.grant().version() != expectedVersion || entry.grant().status() != Status.OK
                || entry.grant().refreshToken() == null || entry.grant().isLeasedAt(now)) {
            return Optional.empty();
        }
        Instant until = now.plus(leaseFor);
        StoredGrant g = entry.grant();
        StoredGrant leased = new StoredGrant(g.character(), g.tokens(), g.status(), g.updatedAt(), g.version(), until);
        String leaseId = StoreRules.newLeaseId();
        grants.put(characterId, new Entry(leased, leaseId));
        return Optional.of(new RefreshLease(leased, leaseId, until));
    }

    @Override
    public synchronized StoredGrant completeRefresh(RefreshLease lease, EveCharacter character, GrantTokens tokens) {
        StoreRules.sameCharacter(lease, character);
        return writeUnderLease(lease, character, StoreRules.refreshed(lease, tokens));
    }

    @Override
    public synchronized StoredGrant saveRotatedRefreshToken(RefreshLease lease, String refreshToken) {
        Objects.requireNonNull(lease, "lease");
        GrantTokens old = lease.grant().tokens();
        GrantTokens rotated = new GrantTokens(old.accessToken(), old.accessTokenExpiresAt(),
                StoreRules.refreshToken(refreshToken));
        return writeUnderLease(lease, lease.grant().character(), rotated);
    }

    private StoredGrant writeUnderLease(RefreshLease lease, EveCharacter character, GrantTokens tokens) {
        Entry entry = held(lease);
        if (entry == null) {
            throw new EveTokenStoreLeaseLostException(StoreRules.lostMessage(lease));
        }
        StoredGrant grant = new StoredGrant(character, tokens, Status.OK, now(), lease.version() + 1, null);
        grants.put(lease.characterId(), new Entry(grant, null));
        return grant;
    }

    /** The entry when {@code lease} is still held on it, else {@code null}. */
    private Entry held(RefreshLease lease) {
        Entry entry = grants.get(lease.characterId());
        return entry != null && lease.leaseId().equals(entry.leaseId()) && entry.grant().version() == lease.version()
                ? entry : null;
    }

    @Override
    public synchronized boolean release(RefreshLease lease) {
        Objects.requireNonNull(lease, "lease");
        Entry entry = held(lease);
        if (entry == null) {
            return false;
        }
        StoredGrant g = entry.grant();
        grants.put(lease.characterId(),
                new Entry(new StoredGrant(g.character(), g.tokens(), g.status(), g.updatedAt(), g.version(), null),
                        null));
        return true;
    }

    @Override
    public synchronized boolean markNeedsLogin(long characterId, long expectedVersion) {
        Entry entry = grants.get(StoreRules.characterId(characterId));
        if (entry == null || entry.grant().version() != expectedVersion || entry.grant().status() != Status.OK) {
            return false;
        }
        StoredGrant refused = new StoredGrant(entry.grant().character(), null, Status.NEEDS_LOGIN, now(),
                expectedVersion + 1, null);
        grants.put(characterId, new Entry(refused, null));
        return true;
    }

    @Override
    public synchronized boolean delete(long characterId) {
        return grants.remove(StoreRules.characterId(characterId)) != null;
    }

    @Override
    public synchronized boolean delete(RefreshLease lease) {
        Objects.requireNonNull(lease, "lease");
        return held(lease) != null && grants.remove(lease.characterId()) != null;
    }

    @Override
    public synchronized Optional<String> recordOwnerHash(long characterId, String ownerHash) {
        return Optional.ofNullable(
                ownerHashes.put(StoreRules.characterId(characterId), StoreRules.ownerHash(ownerHash)));
    }

    @Override
    public String toString() {
        return "InMemoryTokenStore";
    }
}
