package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.support.Browser;
import io.github.evesso.support.EchoServlet;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.catalina.Session;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A session that ends without a logout (it times out, or the application invalidates it) ends its login: the
 * refresh token is revoked at EVE unless the application keeps grants for background work, and the listeners hear
 * {@code EXPIRED} or {@code INVALIDATED}. Sessions that end because the application stops are no logouts.
 */
class SessionEndTest {
    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();
    private final ListenerTest.Recorder recorder = new ListenerTest.Recorder();

    private Page start(Consumer<EveSsoConfig.Builder> settings) {
        scenario = Scenario.start(b -> settings.accept(b.listener(recorder)));
        return scenario.logIn(browser);
    }

    private String refreshTokenFingerprint(Page login) {
        return login.line("refreshToken");
    }

    private boolean revoked(Page login) {
        return scenario.sso.revokedTokens().stream().map(EchoServlet::fingerprint)
                .anyMatch(refreshTokenFingerprint(login)::equals);
    }

    @Test
    void aSessionTheApplicationInvalidatesEndsItsLoginAndRevokesItsGrant() {
        Page login = start(b -> {
        });

        Page page = browser.getNoFollow(scenario.url("/public/x?invalidate"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(revoked(login)).isTrue();
        assertThat(recorder.ofType("logout")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("INVALIDATED"));
        assertThat(browser.getNoFollow(scenario.url("/protected/home")).status()).isEqualTo(302);
    }

    @Test
    void aSessionThatTimesOutEndsItsLoginAsExpired() throws Exception {
        Page login = start(b -> {
        });
        Session session = scenario.app.sessionManager().findSessions()[0];
        session.setMaxInactiveInterval(1);

        Thread.sleep(1_100); // past the one-second timeout of the container's own clock
        assertThat(session.isValid()).as("the container's expiry check ends it").isFalse();

        assertThat(scenario.app.activeSessions()).isZero();
        assertThat(revoked(login)).isTrue();
        assertThat(recorder.ofType("logout")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("EXPIRED"));
    }

    @Test
    void withRevokeOnSessionEndOffTheGrantIsKeptForBackgroundWorkAndListenersStillHear() {
        Page login = start(b -> b.revokeOnSessionEnd(false));

        browser.getNoFollow(scenario.url("/public/x?invalidate"));

        assertThat(revoked(login)).isFalse();
        assertThat(scenario.sso.revokedTokens()).isEmpty();
        assertThat(recorder.ofType("logout")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("INVALIDATED"));
    }

    @Test
    void aLogoutIsReportedOnceAsTheUsersAndRevokesOnce() {
        start(b -> {
        });

        browser.postNoFollow(scenario.url("/sso/logout"), Map.of());

        assertThat(scenario.sso.revokedTokens()).hasSize(1);
        assertThat(recorder.ofType("logout")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("USER"));
    }

    @Test
    void aNewLoginOfAnotherCharacterReportsOnlyTheReplacedLoginsLogout() {
        start(b -> {
        });
        scenario.sso.nextLoginAs(scenario.sso.characters().get(1).id());

        // same browser, another character: the new login gets a fresh session and ends the old one's login
        Page again = browser.get(scenario.url("/sso/login?return=/protected/home"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(recorder.ofType("logout")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("USER"));
        assertThat(scenario.sso.revokedTokens()).hasSize(1);
    }

    @Test
    void stoppingTheApplicationEndsNoLogin() {
        start(b -> {
        });

        scenario.app.close();

        assertThat(scenario.sso.revokedTokens()).as("the sessions may live on in a cluster").isEmpty();
        assertThat(recorder.ofType("logout")).isEmpty();
    }
}
