package io.github.evesso;

import java.util.Objects;

/**
 * One character logged in to the session (a user may log in a main and alts: {@link EveSso#characters}), as seen
 * when it was listed. Its {@link #token()} is live: it refreshes that character's tokens on its own, only when
 * asked, one refresh at a time per character.
 *
 * @param character the character (as of its last refresh; never {@code null})
 * @param token the character's auto-refreshing token (never {@code null})
 * @param status whether the character can be used now (never {@code null})
 * @param active whether it is the session's active character: the request's principal and
 *     {@link EveSso#token}
 */
public record EveCharacterLogin(EveCharacter character, EveAccessToken token, Status status, boolean active) {

    /** Whether a character of the session can be used. */
    public enum Status {
        /** The character has a valid access token, or can get one by a refresh. */
        USABLE,
        /**
         * The character logged in without scopes (EVE issues no refresh token) and its only access token expired:
         * its identity stays, a token needs a new login.
         */
        TOKEN_EXPIRED,
        /**
         * EVE ended the character's grant (revoked, or the character changed accounts): it stays listed so that the
         * application can offer "log in again", and cannot be made active until then.
         */
        NEEDS_LOGIN
    }

    /** Checks that nothing is {@code null}. */
    public EveCharacterLogin {
        Objects.requireNonNull(character, "character");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(status, "status");
    }
}
