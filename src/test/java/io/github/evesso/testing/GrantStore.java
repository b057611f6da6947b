package io.github.evesso.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Authorization codes (single use, expiring) and refresh tokens (rotating, revocable); thread-safe. */
final class GrantStore {

    /** What an authorization code stands for. */
    record AuthorizationCode(String clientId, String redirectUri, long characterId, List<String> scopes,
                             String codeChallenge, Instant expiresAt) {
    }

    /** What a refresh token stands for. */
    record RefreshGrant(String clientId, long characterId, List<String> scopes) {
    }

    private final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    private final List<String> revoked = new CopyOnWriteArrayList<>();
    private final java.util.Queue<String> issued = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Refresh tokens a rotating refresh spent. */
    private final java.util.Set<String> spent = ConcurrentHashMap.newKeySet();
    private final List<String> reused = new CopyOnWriteArrayList<>();

    String issueCode(AuthorizationCode grant) {
        String code = Secrets.authorizationCode();
        codes.put(code, grant);
        return code;
    }

    /** Removes and returns the code's grant: a code works at most once, whatever happens next. */
    AuthorizationCode takeCode(String code) {
        return code == null ? null : codes.remove(code);
    }

    String issueRefreshToken(RefreshGrant grant) {
        String token = Secrets.refreshToken();
        refreshTokens.put(token, grant);
        issued.add(token);
        return token;
    }

    RefreshGrant find(String refreshToken) {
        return refreshToken == null ? null : refreshTokens.get(refreshToken);
    }

    /**
     * Kills {@code refreshToken} if it still stands for {@code grant}; of two racing refreshes only one wins.
     *
     * @return whether this call killed it
     */
    boolean consume(String refreshToken, RefreshGrant grant) {
        if (refreshTokens.remove(refreshToken, grant)) {
            spent.add(refreshToken);
            return true;
        }
        return false;
    }

    /** Whether a rotating refresh spent {@code refreshToken} (revoked ones are not spent). */
    boolean wasSpent(String refreshToken) {
        return refreshToken != null && spent.contains(refreshToken);
    }

    /** Records a refresh that presented a refresh token another refresh spent (or was spending at that moment). */
    void recordReuse(String refreshToken) {
        reused.add(refreshToken);
    }

    /** The refresh tokens presented again after a refresh spent them, in order. */
    List<String> reused() {
        return List.copyOf(reused);
    }

    /** Revokes via the revoke endpoint; only the owning client can revoke. */
    boolean revoke(String refreshToken, String clientId) {
        RefreshGrant grant = find(refreshToken);
        if (grant != null && grant.clientId().equals(clientId) && refreshTokens.remove(refreshToken, grant)) {
            revoked.add(refreshToken);
            return true;
        }
        return false;
    }

    /** Kills every refresh token of the character (e.g. on transfer). */
    void revokeAllOf(long characterId) {
        refreshTokens.values().removeIf(g -> g.characterId() == characterId);
    }

    boolean isValid(String refreshToken) {
        return find(refreshToken) != null;
    }

    List<String> revoked() {
        return List.copyOf(revoked);
    }

    /** Every refresh token issued, in order. */
    List<String> issued() {
        return List.copyOf(issued);
    }
}
