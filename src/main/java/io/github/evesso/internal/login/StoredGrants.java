package io.github.evesso.internal.login;

import io.github.evesso.EveSsoListener.LogoutReason;
import io.github.evesso.EveTokenStore;
import io.github.evesso.EveTokenStoreException;
import io.github.evesso.StoredGrant;
import io.github.evesso.internal.event.LoginEvents;
import io.github.evesso.internal.sso.TokenEndpointClient;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * How a session's logins start and end beside the token store: a login's grant is saved, and a login that ends for
 * good (logout, removal, a login replaced by another character's) takes the character's stored grant with it, revoked
 * at EVE, while a session that merely ends leaves the stored grant for background work. A character has one stored grant, which its sessions on every node and the background
 * jobs share; so ending a character's login ends that grant too, also when another session or a job rotated it since.
 *
 * <p>The store never blocks a login or a logout: when it fails, the failure is logged, the session goes on, and a
 * later refresh brings the store up to date (see {@link LeasedRefresh}).
 */
public final class StoredGrants {
    private static final System.Logger LOG = System.getLogger(StoredGrants.class.getName());

    private final EveTokenStore store;
    private final TokenEndpointClient tokenClient;
    private final LoginEvents events;

    /**
     * Creates the bridge.
     *
     * @param store the application's token store, or {@code null} when it configured none: then grants live in the
     *     sessions only, and a session that ends revokes its grants (as {@code revoke-on-session-end} says)
     */
    public StoredGrants(EveTokenStore store, TokenEndpointClient tokenClient, LoginEvents events) {
        this.store = store;
        this.tokenClient = tokenClient;
        this.events = events;
    }

    /**
     * Saves the grant of a new login. A login without scopes has no refresh token and is not saved: it must not
     * replace a stored grant that background work relies on.
     */
    public void saveLogin(EveLogin login) {
        Tokens tokens = login.tokens();
        if (store == null || tokens.refreshToken() == null) {
            return;
        }
        try {
            store.save(tokens.character(), StoredTokens.of(tokens));
        } catch (EveTokenStoreException e) {
            LOG.log(Level.WARNING, "Saving the login of character {0,number,#} in the EVE token store failed ({1}):"
                    + " the session goes on, and the store catches up at the next refresh", tokens.character().id(),
                    e.getMessage());
        }
    }

    /**
     * Ends {@code login} for good (after any refresh in flight): its refresh token is revoked, the character's
     * stored grant revoked too when it holds another one, and deleted; the listeners hear {@code reason}. A login
     * that had ended already (its grant refused by EVE) is left alone: the listeners heard of it then.
     */
    public void end(EveLogin login, LogoutReason reason, String why) {
        EveLogin.Ending ending = login.endForLogout();
        if (ending.wasLive()) {
            ending.toRevoke().ifPresent(token -> tokenClient.revokeQuietly(token, why));
            forget(login.character().id(), ending.refreshToken(), why);
            events.loggedOut(login.character(), reason);
        }
    }

    /**
     * Ends {@code login} because a new login of the same character replaced it in its session: its refresh token is
     * revoked, but the character is still logged in, so neither the stored grant (the new login's, saved before) nor
     * the listeners are touched.
     */
    public void endReplaced(EveLogin login) {
        login.endForLogout().toRevoke()
                .ifPresent(token -> tokenClient.revokeQuietly(token, "replaced by a new login"));
    }

    /**
     * Ends {@code login} because its session ended without a logout, and tells the listeners {@code reason}: with a
     * token store the grant outlives the session (nothing revoked, the stored grant kept for background work);
     * without one its refresh token is revoked when {@code revoke}.
     */
    public void sessionEnded(EveLogin login, LogoutReason reason, boolean revoke) {
        EveLogin.Ending ending = login.endForLogout();
        if (ending.wasLive()) {
            if (store == null && revoke) {
                ending.toRevoke().ifPresent(token -> tokenClient.revokeQuietly(token,
                        reason == LogoutReason.EXPIRED ? "session timed out" : "session invalidated"));
            }
            events.loggedOut(login.character(), reason);
        }
    }

    /**
     * Ends a stored character's grant for good (the application's request): revoked and deleted.
     *
     * @return whether a grant was stored
     * @throws EveTokenStoreException when the store fails (nothing was deleted)
     */
    public boolean remove(long characterId) {
        if (store == null) {
            return false;
        }
        Optional<StoredGrant> grant = store.load(characterId);
        grant.map(StoredGrant::refreshToken).ifPresent(token -> tokenClient.revokeQuietly(token, "removed"));
        return store.delete(characterId);
    }

    /** Deletes the character's stored grant, revoking it first if it is another one than {@code revoked}. */
    private void forget(long characterId, String revoked, String why) {
        if (store == null) {
            return;
        }
        try {
            Optional<String> stored = store.load(characterId).map(StoredGrant::refreshToken);
            if (stored.isPresent() && !stored.get().equals(revoked)) {
                tokenClient.revokeQuietly(stored.get(), why);
            }
            store.delete(characterId);
        } catch (EveTokenStoreException e) {
            LOG.log(Level.WARNING, "Deleting the stored grant of character {0,number,#} failed ({1})", characterId,
                    e.getMessage());
        }
    }
}
