package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.internal.store.InMemoryTokenStore;
import io.github.evesso.support.Browser;
import io.github.evesso.support.EchoServlet;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A token store on one node: the login's grant is saved, refreshes rotate the stored refresh token, background work
 * uses the stored grant (and a session takes over what it refreshed), logout ends the grant everywhere, a session that
 * merely ends keeps it, and EVE's refusal or outage is kept apart. The store is in memory on the scenario's clock; the
 * JDBC stores' behaviour under the same calls is {@code TokenStoreContract}'s, across nodes {@code TokenStoreAcrossNodesTest}.
 */
@Timeout(60)
class StoredGrantsTest {
    private static final long CHARACTER = 90000001L;

    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();
    private final ListenerTest.Recorder recorder = new ListenerTest.Recorder();
    private final AtomicReference<EveTokenStore> store = new AtomicReference<>();

    private Page start() {
        scenario = Scenario.start((b, clock) -> {
            store.set(new InMemoryTokenStore(clock));
            b.listener(recorder).tokenStore(store.get());
        });
        return scenario.logIn(browser);
    }

    private EveStoredTokens stored() {
        return scenario.app.runtime().storedTokens();
    }

    private StoredGrant grant() {
        return store.get().load(CHARACTER).orElseThrow();
    }

    private String lastIssuedRefreshToken() {
        List<String> issued = scenario.sso.issuedRefreshTokens();
        return issued.get(issued.size() - 1);
    }

    /** The token calls after the login's code exchange. */
    private int refreshCalls() {
        return scenario.sso.requestCount(Endpoint.TOKEN) - 1;
    }

    private void advanceToBeforeExpiry(Instant expiresAt, Duration before) {
        scenario.clock.advance(Duration.between(scenario.clock.instant(), expiresAt.minus(before)));
    }

    @Test
    void aLoginSavesItsGrantAndARefreshStoresTheRotatedRefreshToken() {
        Page login = start();
        StoredGrant saved = grant();
        assertThat(saved.status()).isEqualTo(StoredGrant.Status.OK);
        assertThat(saved.refreshToken()).isEqualTo(lastIssuedRefreshToken());
        assertThat(EchoServlet.fingerprint(saved.refreshToken())).isEqualTo(login.line("refreshToken"));

        advanceToBeforeExpiry(Instant.parse(login.line("expiresAt")), Duration.ofSeconds(30));
        Page page = browser.getNoFollow(scenario.url("/protected/home"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(refreshCalls()).isEqualTo(1);
        StoredGrant refreshed = grant();
        assertThat(refreshed.version()).isEqualTo(saved.version() + 1);
        assertThat(refreshed.refreshToken()).isEqualTo(lastIssuedRefreshToken()).isNotEqualTo(saved.refreshToken());
        assertThat(EchoServlet.fingerprint(refreshed.tokens().accessToken())).isEqualTo(page.line("token"));
        assertThat(stored().characters()).singleElement().satisfies(c -> {
            assertThat(c.character().id()).isEqualTo(CHARACTER);
            assertThat(c.status()).isEqualTo(StoredGrant.Status.OK);
            assertThat(c.accessTokenExpiresAt()).isEqualTo(refreshed.tokens().accessTokenExpiresAt());
        });
    }

    @Test
    void aSessionTakesOverWhatABackgroundJobRefreshedAndNeverSpendsTheOldRefreshToken() {
        Page login = start();
        scenario.clock.advance(Duration.ofMinutes(5)); // the job refreshes later: its token outlives the session's
        EveAccessToken background = stored().token(CHARACTER).orElseThrow();
        String rotated = background.refresh();
        assertThat(refreshCalls()).isEqualTo(1);

        advanceToBeforeExpiry(Instant.parse(login.line("expiresAt")), Duration.ofSeconds(30));
        Page page = browser.getNoFollow(scenario.url("/protected/home"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(refreshCalls()).as("the session takes the stored tokens over: no call").isEqualTo(1);
        assertThat(page.line("token")).isEqualTo(EchoServlet.fingerprint(rotated));
        assertThat(page.line("refreshToken")).isEqualTo(EchoServlet.fingerprint(grant().refreshToken()));

        advanceToBeforeExpiry(background.expiresAt(), Duration.ofSeconds(30));
        assertThat(browser.getNoFollow(scenario.url("/protected/home")).status()).isEqualTo(200);
        assertThat(refreshCalls()).isEqualTo(2);
        assertThat(scenario.sso.reusedRefreshTokens()).isEmpty();
        assertThat(recorder.ofType("refreshed")).hasSize(2);
    }

    @Test
    void aBackgroundTokenRefreshesItselfWhenDueThroughTheStore() {
        start();
        EveAccessToken background = stored().token(CHARACTER).orElseThrow();
        String first = background.accessToken();
        assertThat(refreshCalls()).isZero();

        advanceToBeforeExpiry(background.expiresAt(), Duration.ofSeconds(10));
        String second = background.accessToken();

        assertThat(second).isNotEqualTo(first);
        assertThat(refreshCalls()).isEqualTo(1);
        assertThat(grant().tokens().accessToken()).isEqualTo(second);
        assertThat(stored().token(CHARACTER).orElseThrow().accessToken()).isEqualTo(second);
        assertThat(refreshCalls()).isEqualTo(1);
    }

    @Test
    void logoutRevokesTheCharactersGrantAlsoWhenABackgroundJobRotatedItAndDeletesIt() {
        Page login = start();
        String sessionRefreshToken = grant().refreshToken();
        stored().token(CHARACTER).orElseThrow().refresh();
        String rotated = grant().refreshToken();

        Page page = browser.postNoFollow(scenario.url("/sso/logout"), Map.of());

        assertThat(page.status()).isEqualTo(303);
        assertThat(scenario.sso.revokedTokens()).as("the live, rotated refresh token is revoked").contains(rotated);
        assertThat(scenario.sso.isRefreshTokenValid(rotated)).isFalse();
        assertThat(scenario.sso.isRefreshTokenValid(sessionRefreshToken)).isFalse();
        assertThat(store.get().load(CHARACTER)).isEmpty();
        assertThat(stored().characters()).isEmpty();
        assertThat(stored().token(CHARACTER)).isEmpty();
        assertThat(login.status()).isEqualTo(200);
    }

    @Test
    void removingAStoredCharacterRevokesItsGrantAndItsSessionNeedsANewLoginAtItsNextRefreshWithoutStoringItAgain() {
        Page login = start();
        String refreshToken = grant().refreshToken();

        assertThat(stored().remove(CHARACTER)).isTrue();

        assertThat(scenario.sso.revokedTokens()).contains(refreshToken);
        assertThat(stored().characters()).isEmpty();
        assertThat(stored().remove(CHARACTER)).isFalse();
        advanceToBeforeExpiry(Instant.parse(login.line("expiresAt")), Duration.ofSeconds(-1));
        Page page = browser.getNoFollow(scenario.url("/protected/home"));
        assertThat(page.status()).as("sent to log in again").isEqualTo(302);
        assertThat(recorder.ofType("logout")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("REVOKED"));
        assertThat(store.get().load(CHARACTER)).as("not brought back, not even as NEEDS_LOGIN").isEmpty();
        assertThat(stored().characters()).isEmpty();
    }

    @Test
    void aSessionThatEndsWithoutLogoutKeepsTheStoredGrantAndRevokesNothing() {
        start();
        String refreshToken = grant().refreshToken();

        Page page = browser.getNoFollow(scenario.url("/public/x?invalidate"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(recorder.ofType("logout")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("INVALIDATED"));
        assertThat(scenario.sso.revokedTokens()).isEmpty();
        assertThat(grant().refreshToken()).isEqualTo(refreshToken);
        assertThat(stored().token(CHARACTER).orElseThrow().refresh()).isNotBlank();
    }

    @Test
    void aGrantEveRefusesInTheBackgroundNeedsANewLoginAndTheListenersHear() {
        start();
        EveAccessToken background = stored().token(CHARACTER).orElseThrow();
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.invalidGrant());

        assertThatThrownBy(background::refresh).isInstanceOf(EveLoginExpiredException.class);

        StoredGrant refused = grant();
        assertThat(refused.status()).isEqualTo(StoredGrant.Status.NEEDS_LOGIN);
        assertThat(refused.tokens()).isNull();
        assertThat(stored().token(CHARACTER)).isEmpty();
        assertThat(stored().characters()).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(StoredGrant.Status.NEEDS_LOGIN));
        assertThat(recorder.ofType("logout")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("REVOKED"));

        Page afterwards = browser.getNoFollow(scenario.url("/protected/home"));
        assertThat(afterwards.status()).as("the session still holds a valid access token").isEqualTo(200);
    }

    @Test
    void anSsoOutageDuringABackgroundRefreshKeepsTheGrantAsItWas() {
        start();
        StoredGrant before = grant();
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.status(503));

        assertThatThrownBy(() -> stored().token(CHARACTER).orElseThrow().refresh())
                .isInstanceOf(EveSsoUnavailableException.class);

        StoredGrant after = grant();
        assertThat(after.status()).isEqualTo(StoredGrant.Status.OK);
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.refreshToken()).isEqualTo(before.refreshToken());
        assertThat(after.isLeasedAt(scenario.clock.instant())).as("the lease was released").isFalse();
        assertThat(recorder.ofType("logout")).isEmpty();
    }

    @Test
    void storedTokensWithoutAConfiguredStoreIsRefusedWithAClearMessage() {
        scenario = Scenario.start();

        assertThatThrownBy(() -> scenario.app.runtime().storedTokens())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("eve.sso.token-store-datasource");
    }
}
