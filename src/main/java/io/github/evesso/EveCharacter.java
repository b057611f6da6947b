package io.github.evesso;

import java.io.Serializable;
import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * The logged-in EVE Online character, as asserted by a validated SSO access token. It is the request's
 * {@link jakarta.servlet.http.HttpServletRequest#getUserPrincipal() user principal}: {@link #getName()} is the
 * character name, and each granted scope is a role. Key your own records on {@link #id()}, never on the name: CCP
 * lets players rename characters.
 *
 * @param id the character id (the third field of {@code sub}, {@code CHARACTER:EVE:<id>})
 * @param name the character name (never {@code null})
 * @param ownerHash the owner hash; it changes when the character moves to another account (never {@code null})
 * @param scopes the granted ESI scopes, possibly empty (never {@code null}, unmodifiable)
 */
public record EveCharacter(long id, String name, String ownerHash, Set<String> scopes)
        implements Principal, Serializable {
    private static final long serialVersionUID = 1L;

    /** Checks the values and copies the scopes. */
    public EveCharacter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ownerHash, "ownerHash");
        scopes = Set.copyOf(scopes);
    }

    /** The character name, as {@link Principal} requires. */
    @Override
    public String getName() {
        return name;
    }

    /** Whether the character granted {@code scope}. */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
