package io.github.evesso.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The characters that can log in, in the order they were added; thread-safe. */
final class CharacterRoster {

    private final Map<Long, TestCharacter> characters = new LinkedHashMap<>();

    synchronized TestCharacter add(long id, String name) {
        if (characters.containsKey(id)) {
            throw new IllegalArgumentException("character " + id + " already exists");
        }
        TestCharacter c = new TestCharacter(id, name, Secrets.ownerHash());
        characters.put(id, c);
        return c;
    }

    synchronized TestCharacter find(long id) {
        return characters.get(id);
    }

    synchronized TestCharacter get(long id) {
        TestCharacter c = characters.get(id);
        if (c == null) {
            throw new IllegalArgumentException("no such character: " + id);
        }
        return c;
    }

    synchronized List<TestCharacter> all() {
        return List.copyOf(new ArrayList<>(characters.values()));
    }

    synchronized TestCharacter first() {
        if (characters.isEmpty()) {
            throw new IllegalStateException("no characters");
        }
        return characters.values().iterator().next();
    }

    /** Gives the character a new owner hash, as a transfer to another account does. */
    synchronized TestCharacter transfer(long id) {
        TestCharacter moved = get(id).withOwnerHash(Secrets.ownerHash());
        characters.put(id, moved);
        return moved;
    }
}
