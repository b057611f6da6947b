package io.github.evesso.internal.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.sso.LocalSsoFixture;
import io.github.evesso.internal.sso.SsoHttp;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cache of verified bearer tokens in front of the real validator and the local SSO's JWKS: a token is verified
 * once, remembered until its expiry plus the clock skew, never remembered when refused, and the cache stays within
 * its bound under a flood of distinct tokens.
 */
class CachingTokenVerifierTest {
    private final LocalSsoFixture fixture = new LocalSsoFixture();
    private final EveSsoConfig config = fixture.config();
    private final TestCharacter pilot = fixture.sso.characters().get(0);

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private CachingTokenVerifier cache(int maxEntries) {
        SsoHttp http = fixture.http(config);
        AccessTokenValidator validator = new AccessTokenValidator(config, fixture.endpoints(config), http);
        return new CachingTokenVerifier(validator.forClients(Set.of(LocalSsoFixture.CLIENT_ID)), maxEntries,
                config.clockSkew(), fixture.clock);
    }

    private String token(TestCharacter character) {
        return fixture.sso.jwt().sign(fixture.sso.jwt().standardClaims(character, LocalSsoFixture.CLIENT_ID,
                List.of(LocalEveSso.WALLET_SCOPE)).build());
    }

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() throws Exception {
        CachingTokenVerifier cache = cache(100);
        String token = token(pilot);

        ValidatedToken first = cache.validate(token);
        ValidatedToken again = cache.validate(token);

        assertThat(again).as("the remembered result, not a second verification").isSameAs(first);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aRememberedTokenRunsOutWithItsExpiryPlusTheClockSkew() throws Exception {
        CachingTokenVerifier cache = cache(100);
        String token = token(pilot);
        ValidatedToken validated = cache.validate(token);

        fixture.clock.advance(Duration.between(fixture.clock.instant(), validated.expiresAt())
                .plus(config.clockSkew()).minusSeconds(1));
        assertThat(cache.validate(token)).isSameAs(validated);
        fixture.clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> cache.validate(token)).isInstanceOf(InvalidAccessTokenException.class)
                .hasMessageContaining("expired");
        assertThat(cache.size()).isZero();
    }

    @Test
    void refusedTokensAreNeverRemembered() {
        CachingTokenVerifier cache = cache(100);
        String forged = fixture.sso.jwt().signWithUnpublishedKey(fixture.sso.jwt().standardClaims(pilot,
                LocalSsoFixture.CLIENT_ID, List.of()).build());

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.validate(forged)).isInstanceOf(InvalidAccessTokenException.class);
        }
        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheStaysWithinItsBoundUnderAFloodOfDistinctTokens() throws Exception {
        CachingTokenVerifier cache = cache(10);

        for (int i = 0; i < 60; i++) {
            cache.validate(token(pilot)); // a new jti each time: a distinct token
            assertThat(cache.size()).isLessThanOrEqualTo(10);
        }
        String last = token(pilot);
        ValidatedToken remembered = cache.validate(last);
        assertThat(cache.validate(last)).as("the newest is remembered").isSameAs(remembered);
    }
}
