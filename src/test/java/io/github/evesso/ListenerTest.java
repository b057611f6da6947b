package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.internal.event.LoginEvents;
import io.github.evesso.support.Browser;
import io.github.evesso.support.EchoServlet;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.support.TestApp;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.TestCharacter;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link EveSsoListener} SPI: which events arrive with what, listener failures are isolated, listeners
 * configured by class name are instantiated (an unknown one stops the start-up), and {@code ServiceLoader} providers
 * are found (checked on {@link LoginEvents} with a private class loader, so that other tests' applications do not
 * see the provider).
 */
class ListenerTest {
    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();
    private final Recorder recorder = new Recorder();

    /** One received event; tokens only as fingerprints. */
    record Event(String type, long characterId, String ownerHash, String detail, String refreshToken) {
    }

    /** Records every event in a thread-safe list. */
    public static class Recorder implements EveSsoListener {
        final List<Event> events = new CopyOnWriteArrayList<>();
        /** The refresh tokens seen (kept only in memory, to ask the SSO about them). */
        final List<String> refreshTokens = new CopyOnWriteArrayList<>();

        @Override
        public void onLogin(EveCharacter character, EveAccessToken token) {
            events.add(event("login", character, token.character().id() + "", token));
        }

        @Override
        public void onTokenRefreshed(EveCharacter character, EveAccessToken token) {
            events.add(event("refreshed", character, token.character().id() + "", token));
        }

        @Override
        public void onLogout(EveCharacter character, LogoutReason reason) {
            events.add(new Event("logout", character.id(), character.ownerHash(), reason.name(), null));
        }

        @Override
        public void onCharacterSwitched(EveCharacter from, EveCharacter to) {
            events.add(new Event("switched", to.id(), to.ownerHash(), Long.toString(from.id()), null));
        }

        @Override
        public void onOwnerHashChanged(EveCharacter character, String previousOwnerHash) {
            events.add(new Event("ownerChanged", character.id(), character.ownerHash(), previousOwnerHash, null));
        }

        private Event event(String type, EveCharacter character, String detail, EveAccessToken token) {
            token.refreshToken().ifPresent(refreshTokens::add);
            return new Event(type, character.id(), character.ownerHash(), detail,
                    token.refreshToken().map(EchoServlet::fingerprint).orElse(""));
        }

        List<Event> ofType(String type) {
            return events.stream().filter(e -> e.type().equals(type)).toList();
        }
    }

    /** Throws from every method. */
    static final class Throwing implements EveSsoListener {
        @Override
        public void onLogin(EveCharacter character, EveAccessToken token) {
            throw new IllegalStateException("listener failure on login");
        }

        @Override
        public void onTokenRefreshed(EveCharacter character, EveAccessToken token) {
            throw new IllegalStateException("listener failure on refresh");
        }

        @Override
        public void onLogout(EveCharacter character, LogoutReason reason) {
            throw new IllegalStateException("listener failure on logout");
        }
    }

    /** Configured by class name: records into a static list (cleared before each test). */
    public static final class ByName implements EveSsoListener {
        static final List<Long> LOGINS = new CopyOnWriteArrayList<>();
        static final List<ByName> INSTANCES = new CopyOnWriteArrayList<>();

        public ByName() {
            INSTANCES.add(this);
        }

        @Override
        public void onLogin(EveCharacter character, EveAccessToken token) {
            LOGINS.add(character.id());
        }
    }

    /** Found through {@code ServiceLoader} in {@link #serviceLoaderProvidersAreLoaded}. */
    public static final class ByServiceLoader implements EveSsoListener {
        static final List<Long> LOGINS = new CopyOnWriteArrayList<>();

        @Override
        public void onLogin(EveCharacter character, EveAccessToken token) {
            LOGINS.add(character.id());
        }
    }

    @BeforeEach
    void reset() {
        ByName.LOGINS.clear();
        ByName.INSTANCES.clear();
        ByServiceLoader.LOGINS.clear();
    }


    private Page home(Browser b) {
        return b.getNoFollow(scenario.url("/protected/home"));
    }

    @Test
    void onLoginReceivesTheCharacterAndItsToken() {
        scenario = Scenario.start(b -> b.listener(recorder));
        TestCharacter pilot = scenario.sso.characters().get(0);

        Page page = scenario.logIn(browser);

        assertThat(recorder.events).containsExactly(new Event("login", pilot.id(), pilot.ownerHash(),
                String.valueOf(pilot.id()), page.line("refreshToken")));
        assertThat(scenario.sso.isRefreshTokenValid(recorder.refreshTokens.get(0))).isTrue();
    }

    @Test
    void onTokenRefreshedReceivesTheNewRefreshToken() {
        scenario = Scenario.start(b -> b.listener(recorder));
        TestCharacter pilot = scenario.sso.characters().get(0);
        Page login = scenario.logIn(browser);

        scenario.clock.advance(Duration.ofMinutes(20).minusSeconds(30));
        Page page = home(browser);

        assertThat(page.line("refreshToken")).isNotEqualTo(login.line("refreshToken"));
        List<Event> refreshed = recorder.ofType("refreshed");
        assertThat(refreshed).containsExactly(new Event("refreshed", pilot.id(), pilot.ownerHash(),
                String.valueOf(pilot.id()), page.line("refreshToken")));
        String newToken = recorder.refreshTokens.get(1);
        String oldToken = recorder.refreshTokens.get(0);
        assertThat(scenario.sso.isRefreshTokenValid(newToken)).isTrue();
        assertThat(scenario.sso.isRefreshTokenValid(oldToken)).isFalse();
        assertThat(recorder.ofType("ownerChanged")).isEmpty();
    }

    @Test
    void onLogoutWithReasonUserOnLogout() {
        scenario = Scenario.start(b -> b.listener(recorder));
        TestCharacter pilot = scenario.sso.characters().get(0);
        scenario.logIn(browser);

        browser.postNoFollow(scenario.url("/sso/logout"), Map.of());

        assertThat(recorder.ofType("logout"))
                .containsExactly(new Event("logout", pilot.id(), pilot.ownerHash(), "USER", null));
    }

    @Test
    void onLogoutWithReasonRevokedWhenTheRefreshIsRefused() {
        scenario = Scenario.start(b -> b.listener(recorder));
        TestCharacter pilot = scenario.sso.characters().get(0);
        scenario.logIn(browser);
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.invalidGrant());

        scenario.clock.advance(Duration.ofMinutes(20).minusSeconds(30));
        assertThat(home(browser).status()).isEqualTo(302);

        assertThat(recorder.ofType("logout"))
                .containsExactly(new Event("logout", pilot.id(), pilot.ownerHash(), "REVOKED", null));
        assertThat(recorder.ofType("refreshed")).isEmpty();
    }

    @Test
    void noLogoutEventWhenTheSsoIsMerelyUnavailable() {
        scenario = Scenario.start(b -> b.listener(recorder));
        scenario.logIn(browser);
        scenario.sso.failUntilCleared(Endpoint.TOKEN, Fault.status(503));

        scenario.clock.advance(Duration.ofMinutes(20).minusSeconds(30));
        assertThat(home(browser).status()).isEqualTo(200);
        scenario.clock.advance(Duration.ofSeconds(31));
        assertThat(home(browser).status()).isEqualTo(503);

        assertThat(recorder.ofType("logout")).isEmpty();
    }

    @Test
    void onOwnerHashChangedWhenATransferredCharacterLogsInAgain() {
        scenario = Scenario.start(b -> b.listener(recorder));
        TestCharacter before = scenario.sso.characters().get(0);
        scenario.logIn(browser);

        TestCharacter after = scenario.sso.transferCharacter(before.id());
        assertThat(after.ownerHash()).isNotEqualTo(before.ownerHash());
        Browser other = new Browser();
        Page page = scenario.logIn(other);

        assertThat(page.line("owner")).isEqualTo(after.ownerHash());
        assertThat(recorder.ofType("ownerChanged")).containsExactly(
                new Event("ownerChanged", before.id(), after.ownerHash(), before.ownerHash(), null));
        assertThat(recorder.ofType("login")).hasSize(2);

        // the old session's refresh token died with the transfer: its next refresh ends that login
        scenario.clock.advance(Duration.ofMinutes(20).minusSeconds(30));
        assertThat(home(browser).status()).isEqualTo(302);
        assertThat(recorder.ofType("logout")).extracting(Event::detail).containsExactly("REVOKED");
        assertThat(recorder.ofType("ownerChanged")).hasSize(1);
    }

    @Test
    void sameOwnerLoggingInAgainIsNoOwnerChange() {
        scenario = Scenario.start(b -> b.listener(recorder));
        scenario.logIn(browser);
        scenario.logIn(new Browser());

        assertThat(recorder.ofType("login")).hasSize(2);
        assertThat(recorder.ofType("ownerChanged")).isEmpty();
    }

    @Test
    void aThrowingListenerDoesNotBreakTheLoginRefreshOrLogout() {
        scenario = Scenario.start(b -> b.listener(new Throwing()).listener(recorder));

        Page login = scenario.logIn(browser);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).doesNotContain("listener failure");

        scenario.clock.advance(Duration.ofMinutes(20).minusSeconds(30));
        Page refreshed = home(browser);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.line("token")).isNotEqualTo(login.line("token"));

        Page logout = browser.postNoFollow(scenario.url("/sso/logout"), Map.of());
        assertThat(logout.status()).isEqualTo(303);
        assertThat(home(browser).status()).isEqualTo(302);
        // the listener after the throwing one still heard everything
        assertThat(recorder.events).extracting(Event::type).containsExactly("login", "refreshed", "logout");
    }

    @Test
    void listenerConfiguredByClassNameIsInstantiated() {
        scenario = Scenario.start(b -> b.listenerClassNames(List.of(ByName.class.getName())));
        TestCharacter pilot = scenario.sso.characters().get(0);

        scenario.logIn(browser);

        assertThat(ByName.INSTANCES).hasSize(1);
        assertThat(ByName.LOGINS).containsExactly(pilot.id());
    }

    @Test
    void listenerClassNameFromTheProperty() {
        scenario = Scenario.start(b -> b.property(EveSsoConfig.Key.LISTENERS.property(),
                " " + ByName.class.getName() + " , "));

        scenario.logIn(browser);

        assertThat(ByName.LOGINS).hasSize(1);
    }

    @Test
    void unknownListenerClassStopsTheStartUp() {
        String name = "com.example.NoSuchListener";

        assertThatThrownBy(() -> scenario = Scenario.start(b -> b.listenerClassNames(List.of(name))))
                .satisfies(e -> assertThat(messages(e)).contains(name).doesNotContain(TestApp.CLIENT_SECRET))
                // Tomcat wraps it: the library's own exception names the setting and the class
                .rootCause().isInstanceOf(EveSsoConfigException.class)
                .hasMessageContaining(EveSsoConfig.Key.LISTENERS.property()).hasMessageContaining(name);
    }

    @Test
    void classThatIsNoListenerStopsTheStartUp() {
        assertThatThrownBy(() -> scenario = Scenario.start(b -> b.listenerClassNames(List.of("java.lang.String"))))
                .rootCause().isInstanceOf(EveSsoConfigException.class).hasMessageContaining("java.lang.String");
    }

    /** The messages of {@code e} and its causes. */
    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void serviceLoaderProvidersAreLoaded(@TempDir Path dir) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(EveSsoListener.class.getName()),
                "# a provider\n" + ByServiceLoader.class.getName() + "\n", StandardCharsets.UTF_8);
        EveSsoConfig config = EveSsoConfig.builder().clientId("id").clientSecret("secret")
                .callbackUrl(URI.create("http://localhost/app/sso/callback"))
                .metadataUrl(URI.create("http://127.0.0.1:1/.well-known/oauth-authorization-server"))
                .build();
        EveCharacter character = new EveCharacter(90000001L, "Aura Testpilot", "hash", Set.of());

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            LoginEvents events = LoginEvents.load(config, loader);
            events.loggedIn(character, null);
        }
        assertThat(ByServiceLoader.LOGINS).containsExactly(90000001L);

        LoginEvents without = LoginEvents.load(config, getClass().getClassLoader());
        without.loggedIn(character, null);
        assertThat(ByServiceLoader.LOGINS).hasSize(1);
    }
}
