package io.github.evesso.internal.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.EsiClient;
import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveLoginExpiredException;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.event.LoginEvents;
import io.github.evesso.internal.jwt.AccessTokenValidator;
import io.github.evesso.internal.sso.LocalSsoFixture;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.RecordedRequest;
import io.github.evesso.testing.TestCharacter;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The ESI client with the token the library hands out ({@link LiveAccessToken} of a real {@link EveLogin}, refreshed
 * through the local EVE SSO): a token due for refresh is refreshed before the ESI call, which carries the new one;
 * a login EVE ended reaches the caller as {@link EveLoginExpiredException} without any ESI call.
 */
class EsiWithLiveAccessTokenTest {
    private static final List<String> SCOPES = List.of(LocalEveSso.WALLET_SCOPE);

    @AutoClose
    private final LocalSsoFixture fixture = new LocalSsoFixture();
    private final LocalEveSso sso = fixture.sso;
    @AutoClose
    private final EsiClient esi = EsiClient.builder().baseUrl(URI.create(sso.esiBaseUrl()))
            .userAgent("live-token-tests/1.0 (tests@example.com)").clock(fixture.clock).build();
    private final TestCharacter pilot = sso.characters().get(0);
    private final String wallet = "/characters/" + pilot.id() + "/wallet/";

    /** The application's view of a login whose access token expires in {@code expiresIn}, with a live grant. */
    private EveAccessToken token(Duration expiresIn) {
        EveSsoConfig config = fixture.config();
        TokenRefresher refresher = new TokenRefresher(fixture.tokenClient(config),
                new AccessTokenValidator(config, fixture.endpoints(config), fixture.http(config)), fixture.clock);
        LoginKeeper keeper = new LoginKeeper(refresher, LoginEvents.load(config, getClass().getClassLoader()),
                fixture.clock, config.refreshWindow(), config.maxRetryBackoff());
        EveCharacter character = new EveCharacter(pilot.id(), pilot.name(), pilot.ownerHash(), Set.copyOf(SCOPES));
        String accessToken = sso.jwt().sign(sso.jwt().standardClaims(pilot, LocalSsoFixture.CLIENT_ID, SCOPES)
                .expirationTime(java.util.Date.from(fixture.clock.instant().plus(expiresIn))).build());
        Instant now = fixture.clock.instant();
        EveLogin login = new EveLogin(new Tokens(character, accessToken,
                sso.issueRefreshToken(pilot.id(), LocalSsoFixture.CLIENT_ID, SCOPES), now.plus(expiresIn), now));
        return keeper.tokenOf(login);
    }

    @Test
    void aTokenDueForRefreshIsRefreshedBeforeTheCallWhichCarriesTheNewOne() {
        EveAccessToken token = token(Duration.ofSeconds(30)); // inside the 60 s refresh window

        BigDecimal balance = esi.get(wallet, BigDecimal.class, token).body();

        assertThat(balance).isEqualTo(sso.esi().walletBalance(pilot.id()));
        assertThat(sso.requestCount(Endpoint.TOKEN)).isEqualTo(1);
        RecordedRequest call = sso.takeRequest(Endpoint.ESI);
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + token.accessToken())
                .isEqualTo("Bearer " + sso.issuedAccessTokens().get(0));
    }

    @Test
    void aFreshTokenIsUsedAsItIs() {
        EveAccessToken token = token(Duration.ofMinutes(20));

        esi.get(wallet, BigDecimal.class, token);

        assertThat(sso.requestCount(Endpoint.TOKEN)).isZero();
        assertThat(sso.takeRequest(Endpoint.ESI).header("Authorization")).isEqualTo("Bearer " + token.accessToken());
    }

    @Test
    void aLoginEveEndedReachesTheCallerWithoutAnyEsiCall() {
        EveAccessToken token = token(Duration.ofSeconds(30));
        sso.enqueue(Endpoint.TOKEN, Fault.invalidGrant());

        assertThatThrownBy(() -> esi.get(wallet, BigDecimal.class, token))
                .isInstanceOf(EveLoginExpiredException.class);
        assertThat(sso.requestCount(Endpoint.ESI)).isZero();
    }
}
