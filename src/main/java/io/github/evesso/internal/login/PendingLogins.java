package io.github.evesso.internal.login;

import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The pending logins of one session (one per browser tab), kept in the session: at most {@code slots}, the oldest
 * dropped first; each taken at most once; {@code state} compared in constant time. Thread-safe.
 */
public final class PendingLogins implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What {@link #take} found. */
    public enum Status {
        /** The state matched a live pending login, which is now consumed. */
        OK,
        /** The state matched a pending login that had expired (now removed). */
        EXPIRED,
        /** No pending login has this state: unknown, already used, or from another session. */
        UNKNOWN
    }

    /** The result of {@link #take}: a status and, for {@link Status#OK}, the login. */
    public record Taken(Status status, PendingLogin login) {
    }

    private final ArrayDeque<PendingLogin> logins = new ArrayDeque<>();

    /** Adds a pending login, dropping the oldest beyond {@code slots}. */
    public synchronized void add(PendingLogin login, int slots) {
        logins.addLast(login);
        while (logins.size() > slots) {
            logins.removeFirst();
        }
    }

    /** Finds and removes the pending login with {@code state}; checks it against {@code ttl}. */
    public synchronized Taken take(String state, Instant now, Duration ttl) {
        byte[] wanted = state.getBytes(StandardCharsets.UTF_8);
        PendingLogin match = null;
        for (PendingLogin login : logins) {
            // every entry is compared so the time taken does not depend on which one matches
            if (MessageDigest.isEqual(wanted, login.state().getBytes(StandardCharsets.UTF_8))) {
                match = login;
            }
        }
        if (match == null) {
            return new Taken(Status.UNKNOWN, null);
        }
        logins.remove(match);
        boolean expired = !now.isBefore(match.createdAt().plus(ttl));
        return expired ? new Taken(Status.EXPIRED, null) : new Taken(Status.OK, match);
    }

    /** Removes pending logins older than {@code ttl}. */
    public synchronized void purgeExpired(Instant now, Duration ttl) {
        for (Iterator<PendingLogin> it = logins.iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().createdAt().plus(ttl))) {
                it.remove();
            }
        }
    }

    /** How many logins are pending. */
    public synchronized int size() {
        return logins.size();
    }
}
