package io.github.evesso.testing;

import java.util.Objects;

/**
 * A character the local EVE SSO can log in as. The record is a snapshot: when the character changes hands
 * ({@link LocalEveSso#transferCharacter(long)}) the server holds a new record with a new owner hash.
 *
 * @param id        the character id (the third field of the token's {@code sub})
 * @param name      the character name (the token's {@code name})
 * @param ownerHash the owner hash (the token's {@code owner}): a base64 string that changes on transfer
 */
public record TestCharacter(long id, String name, String ownerHash) {

    /** Validates the fields. */
    public TestCharacter {
        if (id <= 0) {
            throw new IllegalArgumentException("character id must be positive: " + id);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ownerHash, "ownerHash");
        if (name.isBlank()) {
            throw new IllegalArgumentException("character name must not be blank");
        }
    }

    /** The token subject for this character: {@code CHARACTER:EVE:<id>}. */
    public String subject() {
        return "CHARACTER:EVE:" + id;
    }

    /** A copy of this character with another owner hash. */
    TestCharacter withOwnerHash(String newOwnerHash) {
        return new TestCharacter(id, name, newOwnerHash);
    }
}
