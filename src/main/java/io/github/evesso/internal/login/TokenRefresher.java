package io.github.evesso.internal.login;

import io.github.evesso.internal.jwt.AccessTokenValidator;
import io.github.evesso.internal.jwt.InvalidAccessTokenException;
import io.github.evesso.internal.jwt.ValidatedToken;
import io.github.evesso.internal.sso.SsoBadResponseException;
import io.github.evesso.internal.sso.SsoException;
import io.github.evesso.internal.sso.SsoRejectedException;
import io.github.evesso.internal.sso.SsoUnavailableException;
import io.github.evesso.internal.sso.TokenEndpointClient;
import io.github.evesso.internal.sso.TokenResponse;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;

/**
 * One refresh: spends a refresh token at the SSO's token endpoint, validates the new access token and says what came
 * of it. A plain call without state: it neither locks nor changes a login ({@link EveLogin} does both).
 */
public final class TokenRefresher {
    private static final System.Logger LOG = System.getLogger(TokenRefresher.class.getName());

    private final TokenEndpointClient client;
    private final AccessTokenValidator validator;
    private final Clock clock;

    /** Creates the refresher. */
    public TokenRefresher(TokenEndpointClient client, AccessTokenValidator validator, Clock clock) {
        this.client = client;
        this.validator = validator;
        this.clock = clock;
    }

    /** Until when the SSO asked refresh calls to wait; a past instant when it asks no wait. */
    Instant pausedUntil() {
        return client.refreshesPausedUntil();
    }

    /**
     * Refreshes {@code current}, whose refresh token must not be {@code null}.
     *
     * @return {@link RefreshResult.Refreshed} with the new tokens, {@link RefreshResult.Revoked} when the SSO ended
     *     the grant (or returned another character, whose new grant is then revoked), {@link RefreshResult.Failed}
     *     when the SSO was unavailable or answered with something unusable
     */
    public RefreshResult refresh(Tokens current) {
        TokenResponse response;
        try {
            response = client.refresh(current.refreshToken());
        } catch (SsoRejectedException e) {
            if (e.isGrantRevoked()) {
                LOG.log(Level.INFO, "EVE SSO refused to refresh character {0,number,#} ({1}): login ended",
                        current.character().id(), e.error());
                return new RefreshResult.Revoked();
            }
            return new RefreshResult.Failed(e.getMessage(), null, null);
        } catch (SsoUnavailableException e) {
            return new RefreshResult.Failed(e.getMessage(), e.retryAfter().orElse(null), null);
        } catch (SsoBadResponseException e) {
            return new RefreshResult.Failed(e.getMessage(), null, null);
        } catch (SsoException e) {
            throw new AssertionError(e); // the three subclasses above are all there are
        }
        ValidatedToken validated;
        try {
            validated = validator.validate(response.accessToken());
        } catch (InvalidAccessTokenException | SsoException e) {
            // the SSO has rotated the refresh token: keep the new one (the old one may be dead), retry later
            return new RefreshResult.Failed(e.getMessage(), null, response.refreshToken());
        }
        if (validated.character().id() != current.character().id()) {
            LOG.log(Level.ERROR, "EVE SSO refreshed character {0,number,#} into another character; ending the login",
                    current.character().id());
            if (response.refreshToken() != null && !response.refreshToken().equals(current.refreshToken())) {
                client.revokeQuietly(response.refreshToken(), "refresh returned another character");
            }
            return new RefreshResult.Revoked();
        }
        String refreshToken = response.refreshToken() != null ? response.refreshToken() : current.refreshToken();
        return new RefreshResult.Refreshed(Tokens.issued(validated, response, refreshToken, clock.instant()));
    }
}
