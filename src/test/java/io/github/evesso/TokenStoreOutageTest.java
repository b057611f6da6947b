package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.internal.store.JdbcTokenStore;
import io.github.evesso.internal.store.KeyRing;
import io.github.evesso.support.Browser;
import io.github.evesso.support.EchoServlet;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.support.SharedPostgres;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rule when the token store's database fails (the PostgreSQL server stopped under the running application): logins
 * and browser sessions go on from the session, and the store catches up at the character's next refresh; background
 * access fails with a typed {@link EveTokenStoreUnavailableException}; no rotated refresh token is lost and no user is
 * logged out because of the database.
 */
@Timeout(120)
class TokenStoreOutageTest {
    private static final long CHARACTER = 90000001L;
    private static final String KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private final DataSource database = SharedPostgres.newSchema();
    private final Browser browser = new Browser();
    private Scenario scenario;
    private final SharedPostgres.Outage outage = new SharedPostgres.Outage();
    private JdbcTokenStore store;

    @AfterEach
    void close() {
        outage.close();
        if (scenario != null) {
            scenario.close();
        }
    }

    private void start() {
        scenario = Scenario.start((b, clock) -> {
            store = JdbcTokenStore.open(database, KeyRing.of(Map.of("k1", KEY), null, new ArrayList<>()),
                    Duration.ofSeconds(5), clock);
            b.tokenStore(store);
        });
    }

    private Page home() {
        return browser.getNoFollow(scenario.url("/protected/home"));
    }

    private void advanceToBeforeExpiry(Page page) {
        Instant expiresAt = Instant.parse(page.line("expiresAt"));
        scenario.clock.advance(Duration.between(scenario.clock.instant(), expiresAt.minusSeconds(30)));
    }

    private String lastIssuedRefreshToken() {
        List<String> issued = scenario.sso.issuedRefreshTokens();
        return issued.get(issued.size() - 1);
    }

    @Test
    void aLoginWhileTheDatabaseIsDownWorksAndTheStoreCatchesUpAtTheNextRefresh() {
        start();
        outage.stop();

        Page login = scenario.logIn(browser);
        assertThat(login.line("principal")).startsWith(CHARACTER + ":");

        outage.end();
        assertThat(store.load(CHARACTER)).as("nothing was half-written").isEmpty();
        advanceToBeforeExpiry(login);
        Page refreshed = home();

        assertThat(refreshed.status()).isEqualTo(200);
        StoredGrant grant = store.load(CHARACTER).orElseThrow();
        assertThat(grant.refreshToken()).isEqualTo(lastIssuedRefreshToken());
        assertThat(EchoServlet.fingerprint(grant.refreshToken())).isEqualTo(refreshed.line("refreshToken"));
        assertThat(scenario.sso.reusedRefreshTokens()).isEmpty();
    }

    @Test
    void aRefreshWhileTheDatabaseIsDownKeepsTheUserLoggedInAndItsRotatedTokenReachesTheStoreLater() {
        start();
        Page login = scenario.logIn(browser);
        StoredGrant saved = store.load(CHARACTER).orElseThrow();
        outage.stop();
        advanceToBeforeExpiry(login);

        Page during = home();

        assertThat(during.status()).isEqualTo(200);
        assertThat(during.line("token")).isNotEqualTo(login.line("token"));
        String rotated = lastIssuedRefreshToken();
        outage.end();
        assertThat(store.load(CHARACTER).orElseThrow().version()).as("the row is as it was").isEqualTo(saved.version());
        advanceToBeforeExpiry(during);

        Page after = home();

        assertThat(after.status()).isEqualTo(200);
        assertThat(scenario.sso.reusedRefreshTokens()).as("the dead stored refresh token is never spent").isEmpty();
        StoredGrant caughtUp = store.load(CHARACTER).orElseThrow();
        assertThat(caughtUp.refreshToken()).isEqualTo(lastIssuedRefreshToken()).isNotEqualTo(rotated);
        assertThat(caughtUp.version()).isGreaterThan(saved.version());
    }

    @Test
    void aDatabaseThatFailsWhileTheSsoAnswersARefreshLosesNoRotatedRefreshToken() throws Exception {
        start();
        Page login = scenario.logIn(browser);
        scenario.sso.takeRequest(Endpoint.TOKEN); // the login's code exchange
        StoredGrant saved = store.load(CHARACTER).orElseThrow();
        advanceToBeforeExpiry(login);
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.delay(Duration.ofSeconds(2)));

        CompletableFuture<Page> during = CompletableFuture.supplyAsync(this::home);
        scenario.sso.takeRequest(Endpoint.TOKEN); // the lease is taken and the refresh token on its way
        outage.stop(); // the outcome's write fails: its transaction never commits
        Page refreshed = during.get(30, TimeUnit.SECONDS);

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.line("token")).isNotEqualTo(login.line("token"));
        outage.end();
        assertThat(store.load(CHARACTER).orElseThrow().version()).as("nothing was written").isEqualTo(saved.version());
        advanceToBeforeExpiry(refreshed);

        Page after = home();

        assertThat(after.status()).isEqualTo(200);
        assertThat(scenario.sso.reusedRefreshTokens()).as("the spent stored refresh token is never sent again").isEmpty();
        assertThat(store.load(CHARACTER).orElseThrow().refreshToken()).isEqualTo(lastIssuedRefreshToken());
    }

    @Test
    void backgroundAccessWhileTheDatabaseIsDownFailsWithATypedExceptionAndTheSessionGoesOn() {
        start();
        Page login = scenario.logIn(browser);
        EveStoredTokens stored = scenario.app.runtime().storedTokens();
        outage.stop();

        assertThatThrownBy(stored::characters).isInstanceOf(EveTokenStoreUnavailableException.class)
                .hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> stored.token(CHARACTER)).isInstanceOf(EveTokenStoreUnavailableException.class);
        assertThatThrownBy(() -> stored.refreshExpiring(Duration.ofMinutes(5)))
                .isInstanceOf(EveTokenStoreUnavailableException.class);

        Page page = home();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.line("token")).isEqualTo(login.line("token"));
    }

    @Test
    void aLogoutWhileTheDatabaseIsDownStillRevokesTheGrantAndEndsTheSession() {
        start();
        Page login = scenario.logIn(browser);
        String refreshToken = store.load(CHARACTER).orElseThrow().refreshToken();
        outage.stop();

        Page page = browser.postNoFollow(scenario.url("/sso/logout"), Map.of());

        assertThat(page.status()).isEqualTo(303);
        assertThat(scenario.sso.revokedTokens()).contains(refreshToken);
        assertThat(home().status()).as("logged out").isNotEqualTo(200);
        assertThat(login.status()).isEqualTo(200);
    }
}
