package io.github.evesso.internal.login;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The characters logged in to one session (a main and its alts), each an {@link EveLogin} with its own tokens,
 * refresh lock and end state, in the order they were first logged in; one of them is active (the request's
 * principal and token). Kept in the session under {@link SessionLogin#ATTRIBUTE}. Reads are lock-free (the hot path
 * of every request reads the active login and the revision); changes of the set are synchronized and replace the
 * array as a whole, so a reader never sees half a change. Serializable with its logins: a replicated or persisted
 * session carries all characters. Written as a count, the logins and the active one's position (no field or array
 * descriptors: every replicated request carries them).
 */
public final class EveLogins implements Externalizable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What {@link #put} did. */
    public enum Put {
        /** The character was not in the set and was added. */
        ADDED,
        /** The character was in the set: its entry now holds the new login (the caller ends the old one). */
        REPLACED,
        /** The set holds the most characters allowed: nothing changed. */
        FULL
    }

    private volatile EveLogin[] logins;
    private volatile EveLogin active;
    /** Changes of the set and of its logins (each login reports to it); see {@link #revision()}. */
    private final AtomicLong changes = new AtomicLong();

    /** For deserialization only: {@link #readExternal} fills it. */
    public EveLogins() {
        this.logins = new EveLogin[0];
    }

    /** The set of a first login, which is active. */
    public EveLogins(EveLogin first) {
        this.logins = new EveLogin[] {first};
        this.active = first;
        first.reportChangesTo(changes);
    }

    /** The active character's login (never {@code null}; it may have ended, see {@link #afterEnded}). */
    public EveLogin active() {
        return active;
    }

    /** Every character's login, in login order. */
    public List<EveLogin> all() {
        return List.of(logins);
    }

    /** How many characters the set holds. */
    public int size() {
        return logins.length;
    }

    /** The login of character {@code characterId}, or {@code null}. */
    public EveLogin find(long characterId) {
        for (EveLogin login : logins) {
            if (login.character().id() == characterId) {
                return login;
            }
        }
        return null;
    }

    /**
     * A number that grows with every change of the set or of any of its logins (a refresh, a rotated refresh token,
     * an end, another active character), so that the filter can put a changed set back into the session for
     * replication. One read, whatever the number of characters; it counts from 0 again in a deserialized copy.
     */
    public long revision() {
        return changes.get();
    }

    /**
     * Adds {@code login} as the active character, or, when its character is in the set already, puts it in place of
     * that entry (same position).
     *
     * @param maxCharacters the most characters the set may hold; adding beyond it changes nothing
     * @return what was done; for {@link Put#REPLACED} the caller ends the replaced login (found before the call with
     *     {@link #find}): it is no longer in the set
     */
    public synchronized Put put(EveLogin login, int maxCharacters) {
        EveLogin[] current = logins;
        for (int i = 0; i < current.length; i++) {
            if (current[i].character().id() == login.character().id()) {
                EveLogin[] next = current.clone();
                next[i] = login;
                login.reportChangesTo(changes);
                changes.incrementAndGet();
                logins = next;
                active = login;
                return Put.REPLACED;
            }
        }
        if (current.length >= maxCharacters) {
            return Put.FULL;
        }
        EveLogin[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = login;
        login.reportChangesTo(changes);
        changes.incrementAndGet();
        logins = next;
        active = login;
        return Put.ADDED;
    }

    /**
     * Makes character {@code characterId} active, if it is in the set and its login has not ended.
     *
     * @return the login now active, or {@code null} when there is no such usable character (nothing changed)
     */
    public synchronized EveLogin activate(long characterId) {
        EveLogin login = find(characterId);
        if (login == null || login.isEnded()) {
            return null;
        }
        if (login != active) {
            active = login;
            changes.incrementAndGet();
        }
        return login;
    }

    /**
     * Takes character {@code characterId} out of the set (the caller ends and revokes its login). When it was the
     * active one, the first usable character becomes active.
     *
     * @return the removed login, or {@code null} when the character is not in the set or is the last one (the caller
     *     logs out instead)
     */
    public synchronized EveLogin remove(long characterId) {
        EveLogin removed = find(characterId);
        if (removed == null || logins.length == 1) {
            return null;
        }
        List<EveLogin> rest = new ArrayList<>(logins.length - 1);
        for (EveLogin login : logins) {
            if (login != removed) {
                rest.add(login);
            }
        }
        logins = rest.toArray(EveLogin[]::new);
        changes.incrementAndGet();
        if (active == removed) {
            active = firstUsable(logins, logins[0]);
        }
        return removed;
    }

    /**
     * After {@code ended} (the active login, whose grant EVE ended) the first usable character becomes active (the
     * listeners hear of the switch); the ended one stays in the set, so that the application can offer to log it in
     * again.
     *
     * @return the login now active, or {@code null} when no character is usable (the session logs out)
     */
    public synchronized EveLogin afterEnded(EveLogin ended, LoginKeeper keeper) {
        if (active != ended && !active.isEnded()) {
            return active; // another request moved on already
        }
        EveLogin next = firstUsable(logins, null);
        if (next != null && next != active) {
            EveLogin before = active;
            active = next;
            changes.incrementAndGet();
            keeper.events().switched(before.character(), next.character());
        }
        return next;
    }

    /** Whether any character's login has not ended. */
    public boolean anyUsable() {
        return firstUsable(logins, null) != null;
    }

    private static EveLogin firstUsable(EveLogin[] logins, EveLogin otherwise) {
        for (EveLogin login : logins) {
            if (!login.isEnded()) {
                return login;
            }
        }
        return otherwise;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        EveLogin[] current;
        EveLogin currentActive;
        synchronized (this) {
            current = logins;
            currentActive = active;
        }
        out.writeShort(current.length);
        int activeIndex = 0;
        for (int i = 0; i < current.length; i++) {
            out.writeObject(current[i]);
            if (current[i] == currentActive) {
                activeIndex = i;
            }
        }
        out.writeShort(activeIndex);
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
        int count = in.readShort();
        if (count < 1) {
            throw new java.io.InvalidObjectException("a session's characters: at least one, not " + count);
        }
        EveLogin[] read = new EveLogin[count];
        for (int i = 0; i < count; i++) {
            read[i] = (EveLogin) in.readObject();
            read[i].reportChangesTo(changes);
        }
        int activeIndex = in.readShort();
        if (activeIndex < 0 || activeIndex >= count) {
            throw new java.io.InvalidObjectException("active character " + activeIndex + " of " + count);
        }
        synchronized (this) {
            logins = read;
            active = read[activeIndex];
        }
    }

    @Override
    public String toString() {
        return "EveLogins{active=" + active.character().id() + ", characters=" + logins.length + "}";
    }
}
