package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.internal.login.EveLogin;
import io.github.evesso.internal.login.EveLogins;
import io.github.evesso.internal.login.LoginIntent;
import io.github.evesso.internal.login.PendingLogin;
import io.github.evesso.internal.login.PendingLoginRepository;
import io.github.evesso.internal.login.PendingLogins;
import io.github.evesso.internal.login.SessionLogin;
import io.github.evesso.support.Browser;
import io.github.evesso.support.EchoServlet;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.support.Serialization;
import io.github.evesso.testing.Endpoint;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Session;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What the library keeps in the HTTP session survives Java serialization (session persistence and replication): every
 * class declares a fixed {@code serialVersionUID}, and a deserialized login is fully usable with nothing re-attached
 * (tokens present, refresh lock recreated). Prints the serialized size without the raw token strings as a benchmark.
 */
class SessionSerializationTest {
    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();


    @Test
    void everyLibraryClassKeptInTheSessionHasAFixedSerialVersionUid() {
        for (Class<?> type : List.of(EveLogins.class, EveLogin.class, PendingLogins.class, PendingLogin.class,
                LoginIntent.class, EveCharacter.class)) {
            assertThat(java.io.Serializable.class.isAssignableFrom(type)).as(type.getName() + " is Serializable").isTrue();
            assertThat(Serialization.declaresSerialVersionUid(type)).as(type.getName() + " declares serialVersionUID")
                    .isTrue();
        }
        scenario = Scenario.start();
        scenario.logIn(browser);
        browser.getNoFollow(scenario.url("/sso/login")); // and a login pending in the same session

        Map<String, Object> attributes = sessionAttributes();
        Set<Class<?>> written = Serialization.classesIn(new ArrayList<>(attributes.values()));
        List<Class<?>> library = written.stream().filter(c -> c.getName().startsWith("io.github.evesso.")).toList();
        assertThat(library).contains(EveLogin.class, EveCharacter.class, PendingLogins.class, PendingLogin.class)
                .allSatisfy(type -> assertThat(Serialization.declaresSerialVersionUid(type))
                        .as(type.getName() + " declares serialVersionUID").isTrue());
    }

    @Test
    void aDeserializedLoginRefreshesThroughTheRunningApplicationWithNothingReattached() throws Exception {
        scenario = Scenario.start();
        scenario.logIn(browser);
        browser.getNoFollow(scenario.url("/sso/login"));
        Map<String, Object> attributes = sessionAttributes();
        EveLogins originalLogins = (EveLogins) attributes.get(SessionLogin.ATTRIBUTE);
        EveLogin original = originalLogins.active();
        String accessToken = original.tokens().accessToken();
        String refreshToken = original.tokens().refreshToken();

        byte[] bytes = Serialization.serialize(new LinkedHashMap<>(attributes));
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = Serialization.deserialize(bytes, Map.class);
        long withoutTokens = bytes.length - accessToken.getBytes(StandardCharsets.UTF_8).length
                - refreshToken.getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("Serialized session attributes: %d bytes, %d bytes without the raw token strings (%s)%n",
                bytes.length, withoutTokens, copy.keySet());

        EveLogins logins = (EveLogins) copy.get(SessionLogin.ATTRIBUTE);
        EveLogin login = logins.active();
        assertThat(logins.all()).containsExactly(login);
        assertThat(login).isNotSameAs(original);
        assertThat(login.character()).isEqualTo(original.character()).isEqualTo(copy.get(EveSso.CHARACTER));
        assertThat(login.tokens().expiresAt()).isEqualTo(original.tokens().expiresAt());
        assertThat(login.tokens().refreshToken()).isEqualTo(refreshToken);
        assertThat(login.isEnded()).isFalse();
        assertThat(((PendingLogins) copy.get(PendingLoginRepository.ATTRIBUTE)).size()).isEqualTo(1);

        // the restored copy takes the original's place, as after a restart or a failover: nothing is re-attached
        onlySession().setAttribute(SessionLogin.ATTRIBUTE, logins);
        assertThat(browser.get(scenario.url("/protected/home")).line("token")).as("fresh: no refresh needed")
                .isEqualTo(EchoServlet.fingerprint(accessToken));
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isEqualTo(1);

        // the refresh lock was recreated: concurrent requests with the token expired wait for and share one refresh
        scenario.clock.advance(Duration.ofMinutes(20).plusSeconds(1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Page>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> browser.get(scenario.url("/protected/home"))));
            }
            for (Future<Page> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS).line("token")).isNotEqualTo(EchoServlet.fingerprint(accessToken));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).as("one refresh for four callers").isEqualTo(2);
        assertThat(login.tokens().refreshToken()).isNotEqualTo(refreshToken);
        assertThat(login.tokens().expiresAt()).isAfter(Instant.now(scenario.clock).plus(Duration.ofMinutes(19)));

        String beforeForced = browser.get(scenario.url("/protected/home")).line("token");
        assertThat(browser.get(scenario.url("/protected/home?" + EchoServlet.LET_ESCAPE + "=plain")).line("token"))
                .as("a forced refresh takes the lock too").isNotEqualTo(beforeForced);
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).isEqualTo(3);
    }

    @Test
    void aSessionOfFiveCharactersSurvivesSerializationAndEachExtraCharacterCostsAtMost400BytesBesidesItsTokens()
            throws Exception {
        scenario = Scenario.start();
        scenario.logIn(browser);
        long[] alts = {90000002L, 90000003L, 90000004L, 90000005L};
        scenario.sso.addCharacter(alts[2], "Fourth Pilot");
        scenario.sso.addCharacter(alts[3], "Fifth Pilot");
        int[] sizes = new int[alts.length + 1];
        sizes[0] = loginsWithoutTokens();
        for (int i = 0; i < alts.length; i++) {
            scenario.sso.nextLoginAs(alts[i]);
            browser.get(scenario.url("/sso/login?add&return=/protected/home"));
            sizes[i + 1] = loginsWithoutTokens();
        }
        int perExtra = (sizes[alts.length] - sizes[0]) / alts.length;
        System.out.printf("Serialized characters of one session without the raw token strings: %s bytes for 1 to 5"
                + " characters, %d bytes per extra character%n", java.util.Arrays.toString(sizes), perExtra);
        assertThat(perExtra).as("bytes per extra character, tokens aside").isLessThanOrEqualTo(400);

        EveLogins original = (EveLogins) onlySession().getAttribute(SessionLogin.ATTRIBUTE);
        EveLogins copy = Serialization.deserialize(Serialization.serialize(original), EveLogins.class);
        assertThat(copy.all()).extracting(EveLogin::character).containsExactlyElementsOf(
                original.all().stream().map(EveLogin::character).toList());
        assertThat(copy.active()).isSameAs(copy.all().get(4));
        onlySession().setAttribute(SessionLogin.ATTRIBUTE, copy); // as after a failover
        scenario.clock.advance(Duration.ofMinutes(21));
        Page page = browser.get(scenario.url("/protected/home?characterToken=90000001"));
        assertThat(page.line("principal")).isEqualTo("90000005:Fifth Pilot");
        assertThat(page.line("tokenError")).isNull();
        assertThat(page.line("characterTokenError")).isNull();
        assertThat(page.line("characters")).endsWith("90000005:USABLE:active");
    }

    /** The serialized size of the session's characters, less the length of every token string they hold. */
    private int loginsWithoutTokens() throws Exception {
        EveLogins logins = (EveLogins) onlySession().getAttribute(SessionLogin.ATTRIBUTE);
        int tokens = 0;
        for (EveLogin login : logins.all()) {
            tokens += login.tokens().accessToken().getBytes(StandardCharsets.UTF_8).length
                    + login.tokens().refreshToken().getBytes(StandardCharsets.UTF_8).length;
        }
        return Serialization.serialize(logins).length - tokens;
    }

    private HttpSession onlySession() {
        Session[] sessions = scenario.app.sessionManager().findSessions();
        assertThat(sessions).hasSize(1);
        return sessions[0].getSession();
    }

    private Map<String, Object> sessionAttributes() {
        HttpSession session = onlySession();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String name : Collections.list(session.getAttributeNames())) {
            attributes.put(name, session.getAttribute(name));
        }
        assertThat(attributes).containsKeys(SessionLogin.ATTRIBUTE, EveSso.CHARACTER, PendingLoginRepository.ATTRIBUTE);
        return attributes;
    }
}
