package io.github.evesso.internal.login;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveLoginExpiredException;
import io.github.evesso.EveSsoUnavailableException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The application's view of a session's {@link EveLogin}: reads its current tokens and has it refresh them through
 * the application's {@link LoginKeeper}. Not stored in the session (the login keeps it only as a transient cache), so
 * it never lacks the services a restored session would. Two views of one login are equal.
 */
final class LiveAccessToken implements EveAccessToken {
    private final EveLogin login;
    private final LoginKeeper keeper;

    LiveAccessToken(EveLogin login, LoginKeeper keeper) {
        this.login = login;
        this.keeper = keeper;
    }

    boolean isThrough(LoginKeeper other) {
        return keeper == other;
    }

    @Override
    public String accessToken() {
        TokenStatus status = login.ensureFresh(keeper);
        return switch (status) {
            case FRESH -> login.tokens().accessToken();
            case ENDED -> throw ended();
            case UNAVAILABLE -> throw new EveSsoUnavailableException(
                    "The EVE access token has expired and EVE SSO is unavailable to refresh it.");
            case IDENTITY_EXPIRED -> throw new EveLoginExpiredException("This login asked for no scopes, so EVE SSO"
                    + " issued no refresh token, and its access token has expired: log in again for a new one.");
        };
    }

    @Override
    public String refresh() {
        TokenStatus status = login.refreshNow(keeper);
        return switch (status) {
            case FRESH -> login.tokens().accessToken();
            case ENDED -> throw ended();
            case UNAVAILABLE, IDENTITY_EXPIRED -> throw new EveSsoUnavailableException(
                    login.tokens().refreshToken() == null
                            ? "This login has no refresh token (no scopes were requested)."
                            : "EVE SSO is unavailable to refresh the token right now; the current token stays in use.");
        };
    }

    private static EveLoginExpiredException ended() {
        return new EveLoginExpiredException("The EVE SSO login has ended; log in again.");
    }

    @Override
    public Instant expiresAt() {
        return login.tokens().expiresAt();
    }

    @Override
    public Instant obtainedAt() {
        return login.tokens().obtainedAt();
    }

    @Override
    public Set<String> scopes() {
        return login.tokens().character().scopes();
    }

    @Override
    public EveCharacter character() {
        return login.tokens().character();
    }

    @Override
    public Optional<String> refreshToken() {
        return Optional.ofNullable(login.tokens().refreshToken());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LiveAccessToken live && live.login == login;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(login);
    }

    @Override
    public String toString() {
        return "EveAccessToken{" + login + "}";
    }
}
