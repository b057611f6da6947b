package io.github.evesso.internal.login;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveLoginExpiredException;
import io.github.evesso.EveSsoUnavailableException;
import io.github.evesso.internal.jwt.ValidatedToken;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The access token an API client sent with {@code Authorization: Bearer}, once validated: usable while it has not
 * expired, never refreshed (the client holds the refresh token, if any). Its {@code toString()} never shows it.
 */
public final class BearerAccessToken implements EveAccessToken {
    private final String accessToken;
    private final ValidatedToken validated;
    private final Instant receivedAt;
    private final Clock clock;

    /** The token of one request, received at {@code clock}'s now. */
    public BearerAccessToken(String accessToken, ValidatedToken validated, Clock clock) {
        this.accessToken = accessToken;
        this.validated = validated;
        this.receivedAt = clock.instant();
        this.clock = clock;
    }

    @Override
    public String accessToken() {
        if (!clock.instant().isBefore(validated.expiresAt())) {
            throw new EveLoginExpiredException("The bearer token of this request has expired; the API client must"
                    + " send a new one.");
        }
        return accessToken;
    }

    @Override
    public String refresh() {
        throw new EveSsoUnavailableException("A bearer token cannot be refreshed here: the API client holds its"
                + " refresh token.");
    }

    @Override
    public Instant expiresAt() {
        return validated.expiresAt();
    }

    /** When this request brought the token (when the client obtained it is not known). */
    @Override
    public Instant obtainedAt() {
        return receivedAt;
    }

    @Override
    public Set<String> scopes() {
        return validated.character().scopes();
    }

    @Override
    public EveCharacter character() {
        return validated.character();
    }

    @Override
    public Optional<String> refreshToken() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "BearerAccessToken{character=" + validated.character().id() + ", expiresAt=" + validated.expiresAt()
                + "}";
    }
}
