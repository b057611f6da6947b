package io.github.evesso.internal.jwt;

import io.github.evesso.EveCharacter;
import java.time.Instant;

/** What a valid access token asserts: the character (with its scopes) and the expiry. */
public record ValidatedToken(EveCharacter character, Instant expiresAt) {
}
