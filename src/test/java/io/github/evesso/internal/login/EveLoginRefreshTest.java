package io.github.evesso.internal.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveSsoConfig;
import io.github.evesso.EveSsoListener;
import io.github.evesso.internal.event.LoginEvents;
import io.github.evesso.internal.jwt.AccessTokenValidator;
import io.github.evesso.internal.sso.SsoEndpoints;
import io.github.evesso.internal.sso.SsoHttp;
import io.github.evesso.internal.sso.TokenEndpointClient;
import io.github.evesso.support.TestClock;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refresh of one login without a servlet container: {@link EveLogin} deciding and applying, {@link TokenRefresher}
 * calling the local EVE SSO over real HTTP, on a test clock. What a request or the application sees is in
 * {@code TokenRefreshTest}; here each outcome of {@link RefreshResult} and its effect on the login's state.
 */
class EveLoginRefreshTest {
    private static final String CLIENT_ID = "refresh-client";
    private static final List<String> SCOPES = List.of(LocalEveSso.WALLET_SCOPE);

    private final TestClock clock = new TestClock();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private LocalEveSso sso;
    private SsoHttp http;
    private Jsonb jsonb;
    private LoginKeeper keeper;
    private TestCharacter pilot;

    @BeforeEach
    void startInStep() {
        start(clock);
    }

    /** Starts the local SSO on {@code ssoClock} and wires the login's services on the application's clock. */
    private void start(Clock ssoClock) {
        sso = LocalEveSso.builder().clock(ssoClock).client(CLIENT_ID, "refresh-secret", "http://localhost/cb").build()
                .start();
        pilot = sso.characters().get(0);
        EveSsoConfig config = EveSsoConfig.builder()
                .clientId(CLIENT_ID)
                .clientSecret("refresh-secret")
                .callbackUrl(URI.create("http://localhost/cb"))
                .metadataUrl(URI.create(sso.metadataUrl()))
                .clock(clock)
                .listener(new Recorder())
                .build();
        http = new SsoHttp(Duration.ofSeconds(2), Duration.ofSeconds(3));
        jsonb = JsonbBuilder.create();
        SsoEndpoints endpoints = new SsoEndpoints(config, http, jsonb);
        TokenRefresher refresher = new TokenRefresher(new TokenEndpointClient(config, endpoints, http, jsonb),
                new AccessTokenValidator(config, endpoints, http), clock);
        keeper = new LoginKeeper(refresher, LoginEvents.load(config, getClass().getClassLoader()), clock,
                config.refreshWindow(), config.maxRetryBackoff());
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        jsonb.close();
        sso.close();
    }

    /** A login whose access token expires in {@code expiresIn}, holding a live grant at the SSO (or none). */
    private EveLogin login(Duration expiresIn, boolean withGrant) {
        EveCharacter character = new EveCharacter(pilot.id(), pilot.name(), pilot.ownerHash(),
                withGrant ? Set.copyOf(SCOPES) : Set.of());
        String refreshToken = withGrant ? sso.issueRefreshToken(pilot.id(), CLIENT_ID, SCOPES) : null;
        Instant now = clock.instant();
        return new EveLogin(new Tokens(character, "old.access.token", refreshToken, now.plus(expiresIn), now));
    }

    @Test
    void aFreshTokenIsUsedWithoutAnyCallToTheSso() {
        EveLogin login = login(Duration.ofMinutes(20), true);

        assertThat(login.ensureFresh(keeper)).isEqualTo(TokenStatus.FRESH);

        assertThat(login.tokens().accessToken()).isEqualTo("old.access.token");
        assertThat(sso.requestCount(Endpoint.TOKEN)).isZero();
    }

    @Test
    void aTokenDueForRefreshIsRefreshedAndTheRotatedRefreshTokenKept() {
        EveLogin login = login(Duration.ofSeconds(30), true);
        String oldRefreshToken = login.tokens().refreshToken();
        long revision = login.revision();

        assertThat(login.ensureFresh(keeper)).isEqualTo(TokenStatus.FRESH);

        assertThat(login.tokens().accessToken()).isNotEqualTo("old.access.token");
        assertThat(login.tokens().refreshToken()).isNotEqualTo(oldRefreshToken);
        assertThat(sso.isRefreshTokenValid(login.tokens().refreshToken())).isTrue();
        assertThat(login.tokens().expiresAt()).isAfter(clock.instant().plus(Duration.ofMinutes(19)));
        assertThat(login.tokens().obtainedAt()).isEqualTo(clock.instant());
        assertThat(login.revision()).isGreaterThan(revision);
        assertThat(events).containsExactly("refreshed " + pilot.id());
        assertThat(sso.requestCount(Endpoint.TOKEN)).isEqualTo(1);
    }

    @Test
    void aHostClockBehindEvesKeepsTheTokenNoLongerThanExpiresIn() throws Exception {
        stop();
        start(Clock.offset(clock, Duration.ofMinutes(5))); // EVE's clock is 5 minutes ahead of this host's
        EveLogin login = login(Duration.ofSeconds(30), true);

        assertThat(login.ensureFresh(keeper)).isEqualTo(TokenStatus.FRESH);

        // exp says 25 minutes from here, but EVE considers the token expired 20 minutes from now
        assertThat(login.tokens().expiresAt()).isEqualTo(clock.instant().plusSeconds(1199));
        clock.advance(Duration.ofMinutes(19).plusSeconds(10));
        assertThat(login.ensureFresh(keeper)).isEqualTo(TokenStatus.FRESH);
        assertThat(sso.requestCount(Endpoint.TOKEN)).as("refreshed again inside the window").isEqualTo(2);
    }

    @Test
    void aRevokedGrantEndsTheLoginAndTellsTheListenersOnce() {
        EveLogin login = login(Duration.ofSeconds(30), true);
        sso.enqueue(Endpoint.TOKEN, Fault.invalidGrant());

        assertThat(login.ensureFresh(keeper)).isEqualTo(TokenStatus.ENDED);
        assertThat(login.ensureFresh(keeper)).isEqualTo(TokenStatus.ENDED);

        assertThat(login.isEnded()).isTrue();
        assertThat(events).containsExactly("logout " + pilot.id() + " REVOKED");
        assertThat(sso.requestCount(Endpoint.TOKEN)).as("an ended login calls the SSO no more").isEqualTo(1);
    }

    @Test
    void aRefreshThatComesBackForAnotherCharacterEndsTheLoginAndRevokesTheNewGrant() {
        EveLogin login = login(Duration.ofSeconds(30), true);
        TestCharacter other = sso.characters().get(1);
        sso.enqueue(Endpoint.TOKEN, Fault.accessToken(sso.jwt().sign(
                sso.jwt().standardClaims(other, CLIENT_ID, SCOPES).build())));

        assertThat(login.ensureFresh(keeper)).isEqualTo(TokenStatus.ENDED);

        assertThat(login.isEnded()).isTrue();
        List<String> issued = sso.issuedRefreshTokens();
        String newGrant = issued.get(issued.size() - 1);
        assertThat(sso.revokedTokens()).as("the grant issued with the other character's token").contains(newGrant);
        assertThat(sso.isRefreshTokenValid(newGrant)).isFalse();
        assertThat(events).containsExactly("logout " + pilot.id() + " REVOKED");
    }

    @Test
    void anUnavailableSsoBacksOffWhileTheCurrentTokenIsStillValid() {
        EveLogin login = login(Duration.ofSeconds(30), true);
        String refreshToken = login.tokens().refreshToken();
        sso.enqueue(Endpoint.TOKEN, Fault.status(503));

        assertThat(login.ensureFresh(keeper)).as("still valid for 30 s").isEqualTo(TokenStatus.FRESH);
        assertThat(login.ensureFresh(keeper)).as("backing off: no second call").isEqualTo(TokenStatus.FRESH);

        assertThat(sso.requestCount(Endpoint.TOKEN)).isEqualTo(1);
        assertThat(login.tokens().accessToken()).isEqualTo("old.access.token");
        assertThat(login.tokens().refreshToken()).isEqualTo(refreshToken);
        assertThat(login.isEnded()).isFalse();
        assertThat(events).isEmpty();

        clock.advance(Duration.ofSeconds(3)); // past the first back-off of 2 s
        assertThat(login.ensureFresh(keeper)).isEqualTo(TokenStatus.FRESH);
        assertThat(login.tokens().accessToken()).isNotEqualTo("old.access.token");
        assertThat(sso.requestCount(Endpoint.TOKEN)).isEqualTo(2);
    }

    @Test
    void anExpiredTokenWithTheSsoUnavailableIsUnavailableNotEnded() {
        EveLogin login = login(Duration.ofSeconds(1), true);
        clock.advance(Duration.ofSeconds(5));
        sso.enqueue(Endpoint.TOKEN, Fault.status(502));

        assertThat(login.ensureFresh(keeper)).isEqualTo(TokenStatus.UNAVAILABLE);

        assertThat(login.isEnded()).isFalse();
        assertThat(login.tokens().refreshToken()).isNotNull();
    }

    @Test
    void anIdentityOnlyLoginExpiresIntoItsOwnStatusWithoutCallingTheSso() {
        EveLogin login = login(Duration.ofMinutes(20), false);
        assertThat(login.ensureFresh(keeper)).isEqualTo(TokenStatus.FRESH);

        clock.advance(Duration.ofMinutes(19).plusSeconds(30));
        assertThat(login.ensureFresh(keeper)).as("inside the window, still valid").isEqualTo(TokenStatus.FRESH);

        clock.advance(Duration.ofMinutes(1));
        assertThat(login.ensureFresh(keeper)).isEqualTo(TokenStatus.IDENTITY_EXPIRED);
        assertThat(login.isEnded()).as("the identity stays for the session").isFalse();
        assertThat(login.refreshNow(keeper)).isEqualTo(TokenStatus.UNAVAILABLE);
        assertThat(sso.requestCount(Endpoint.TOKEN)).isZero();
    }

    @Test
    void aForcedRefreshRenewsAFreshTokenAndReportsAFailureAsUnavailable() {
        EveLogin login = login(Duration.ofMinutes(20), true);

        assertThat(login.refreshNow(keeper)).isEqualTo(TokenStatus.FRESH);
        String renewed = login.tokens().accessToken();
        assertThat(renewed).isNotEqualTo("old.access.token");

        sso.enqueue(Endpoint.TOKEN, Fault.status(500));
        assertThat(login.refreshNow(keeper)).isEqualTo(TokenStatus.UNAVAILABLE);
        assertThat(login.refreshNow(keeper)).as("backing off").isEqualTo(TokenStatus.UNAVAILABLE);
        assertThat(login.tokens().accessToken()).isEqualTo(renewed);
        assertThat(sso.requestCount(Endpoint.TOKEN)).isEqualTo(2);
    }

    @Test
    void aLogoutEndsTheLoginAndHandsOverTheLatestRefreshToken() {
        EveLogin login = login(Duration.ofSeconds(30), true);
        login.ensureFresh(keeper);
        String latest = login.tokens().refreshToken();

        assertThat(login.endForLogout()).isEqualTo(new EveLogin.Ending(true, latest));
        assertThat(login.endForLogout().wasLive()).as("a second end").isFalse();

        assertThat(login.ensureFresh(keeper)).isEqualTo(TokenStatus.ENDED);
        assertThat(keeper.tokenOf(login)).isEqualTo(keeper.tokenOf(login));
    }

    /** Records what the listeners hear, in order. */
    private final class Recorder implements EveSsoListener {
        @Override
        public void onTokenRefreshed(EveCharacter character, EveAccessToken token) {
            events.add("refreshed " + character.id());
        }

        @Override
        public void onLogout(EveCharacter character, LogoutReason reason) {
            events.add("logout " + character.id() + " " + reason);
        }
    }
}
