package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.support.TestApp;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.RecordedRequest;
import io.github.evesso.testing.TestCharacter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No secret leaks: a whole life of logins (login, refresh, SSO 5xx and disconnect during refresh, a refreshed token
 * failing validation, invalid_grant, a token rejected at login, rejected client credentials, logout with a failing
 * revoke, configuration errors) runs with every {@code io.github.evesso} and {@code org.apache} logger at
 * {@code ALL}; then no log record (formatted message, parameters, stack traces), response (body and headers) or
 * exception text may contain the client secret, any refresh or access token or PKCE verifier, nor the first
 * {@value #PREFIX} characters of any of them (nor of their URL-encoded form or of a JWT's parts).
 */
class SecretsInLogsTest {
    private static final int PREFIX = 12;
    private static final Duration INTO_REFRESH_WINDOW = Duration.ofMinutes(19).plusSeconds(30);
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger LIBRARY = Logger.getLogger("io.github.evesso");
    private static final Logger APACHE = Logger.getLogger("org.apache");
    private static final Logger ROOT = Logger.getLogger("");

    private final Capture capture = new Capture();
    private final Map<Handler, Level> quietened = new LinkedHashMap<>();
    private final List<Evidence> evidence = new ArrayList<>();
    private Level libraryLevel;
    private Level apacheLevel;
    private Scenario scenario;

    /** Something that must be free of secrets, and where it came from (never its content, in a failure message). */
    private record Evidence(String where, String text) {
    }

    @BeforeEach
    void captureEverything() {
        libraryLevel = LIBRARY.getLevel();
        apacheLevel = APACHE.getLevel();
        LIBRARY.setLevel(Level.ALL);
        APACHE.setLevel(Level.ALL);
        for (Handler handler : ROOT.getHandlers()) {
            // keep the test output readable; the capture below sees everything
            quietened.put(handler, handler.getLevel());
            if (handler.getLevel().intValue() < Level.INFO.intValue()) {
                handler.setLevel(Level.INFO);
            }
        }
        capture.setLevel(Level.ALL);
        ROOT.addHandler(capture);
    }

    @AfterEach
    void restore() {
        ROOT.removeHandler(capture);
        quietened.forEach(Handler::setLevel);
        LIBRARY.setLevel(libraryLevel);
        APACHE.setLevel(apacheLevel);
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void noSecretNorTokenNorTheirPrefixAppearsInLogsOrResponses() {
        scenario = Scenario.start();
        TestCharacter pilot = scenario.sso.characters().get(0);
        Browser browser = new Browser();

        // login, then a refresh
        Page home = see(scenario.logIn(browser));
        scenario.clock.advance(INTO_REFRESH_WINDOW);
        Page refreshed = see(browser.get(scenario.url("/protected/home")));
        assertThat(refreshed.line("token")).isNotEqualTo(home.line("token"));

        // SSO 5xx, then a dropped connection during refresh: the current token stays in use
        scenario.clock.advance(INTO_REFRESH_WINDOW);
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.status(500));
        assertThat(see(browser.get(scenario.url("/protected/home"))).line("token")).isEqualTo(refreshed.line("token"));
        scenario.clock.advance(Duration.ofSeconds(3));
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.disconnect());
        assertThat(see(browser.get(scenario.url("/protected/home"))).status()).isEqualTo(200);

        // a refreshed access token that fails validation (the SSO rotated the refresh token all the same)
        scenario.clock.advance(Duration.ofSeconds(5));
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.accessToken(scenario.sso.jwt()
                .signWithUnpublishedKey(scenario.sso.jwt().standardClaims(pilot, TestApp.CLIENT_ID, TestApp.SCOPES)
                        .build())));
        assertThat(see(browser.get(scenario.url("/protected/home"))).status()).isEqualTo(200);

        // the rotated refresh token was kept: the retry refreshes without a new login
        scenario.clock.advance(Duration.ofSeconds(10));
        Page retried = see(browser.get(scenario.url("/protected/home")));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.redirects()).as("no new login").isEmpty();

        // invalid_grant ends the login, the browser logs in again
        scenario.clock.advance(INTO_REFRESH_WINDOW);
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.invalidGrant());
        Page again = see(browser.get(scenario.url("/protected/home")));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.redirects()).as("logged in anew").isNotEmpty();

        // an access token rejected at login
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.accessToken(scenario.sso.jwt()
                .signWithUnpublishedKey(scenario.sso.jwt().standardClaims(pilot, TestApp.CLIENT_ID, TestApp.SCOPES)
                        .build())));
        assertThat(see(new Browser().get(scenario.url("/protected/home"))).status()).isEqualTo(401);

        // client credentials rejected at login
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.error(401, "invalid_client", "Client authentication failed."));
        assertThat(see(new Browser().get(scenario.url("/protected/home"))).status()).isGreaterThanOrEqualTo(400);

        // logout while the revoke endpoint fails
        scenario.sso.enqueue(Endpoint.REVOKE, Fault.status(500));
        Page logout = see(browser.postNoFollow(scenario.url("/sso/logout"), Map.of()));
        assertThat(logout.status()).isEqualTo(303);
        assertThat(see(browser.getNoFollow(scenario.url("/protected/home"))).status()).isEqualTo(302);

        // configuration errors
        assertThatThrownBy(() -> TestApp.start(scenario.sso, scenario.clock,
                b -> b.callbackUrl(URI.create("http://localhost:1/elsewhere/callback"))))
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e -> evidence.add(new Evidence("application start failure", stackTrace(e))));
        assertThatThrownBy(() -> EveSsoConfig.builder().clientId(TestApp.CLIENT_ID)
                .property(EveSsoConfig.Key.CLIENT_SECRET.toString(), " " + TestApp.CLIENT_SECRET + "\t")
                .property(EveSsoConfig.Key.CALLBACK_URL.toString(), "callback")
                .property(EveSsoConfig.Key.CONNECT_TIMEOUT.toString(), "soon")
                .build())
                .isInstanceOf(EveSsoConfigException.class)
                .satisfies(e -> evidence.add(new Evidence("configuration error", stackTrace(e))));

        // the scenario really produced what is checked
        assertThat(logged(Level.WARNING, "Refreshing the EVE token")).isGreaterThanOrEqualTo(3);
        assertThat(logged(Level.INFO, "refused to refresh")).isEqualTo(1);
        assertThat(logged(Level.WARNING, "access token failed validation")).isEqualTo(1);
        assertThat(logged(Level.SEVERE, "client credentials")).isEqualTo(1);
        assertThat(logged(Level.WARNING, "Revoking the EVE refresh token")).isEqualTo(1);
        assertThat(capture.records.stream().anyMatch(r -> r.logger.startsWith("org.apache")
                && r.level.intValue() < Level.INFO.intValue())).as("container debug logging captured").isTrue();

        for (CapturedRecord r : capture.records) {
            evidence.add(new Evidence("log record " + r.level + " " + r.logger, r.text));
        }
        Map<String, String> needles = needles();
        List<String> leaks = new ArrayList<>();
        for (Evidence e : evidence) {
            needles.forEach((needle, what) -> {
                if (e.text().contains(needle)) {
                    leaks.add(what + " in " + e.where());
                }
            });
        }
        System.out.printf("Checked %d log records and %d other texts for %d secret strings and prefixes%n",
                capture.records.size(), evidence.size() - capture.records.size(), needles.size());
        assertThat(leaks).as("secrets found (descriptions only)").isEmpty();
    }

    private Page see(Page page) {
        StringBuilder text = new StringBuilder(page.body());
        page.headers().map().forEach((name, values) -> text.append('\n').append(name).append(": ").append(values));
        evidence.add(new Evidence("response " + page.status() + " " + page.uri().getPath(), text.toString()));
        return page;
    }

    private long logged(Level level, String fragment) {
        return capture.records.stream().filter(r -> r.level.equals(level) && r.text.contains(fragment)).count();
    }

    /** Every secret string to look for, and a description of it that is safe to print. */
    private Map<String, String> needles() {
        Set<String> refreshTokens = new LinkedHashSet<>(scenario.sso.issuedRefreshTokens());
        Set<String> verifiers = new LinkedHashSet<>();
        for (Optional<RecordedRequest> next = scenario.sso.pollRequest(Endpoint.TOKEN); next.isPresent();
                next = scenario.sso.pollRequest(Endpoint.TOKEN)) {
            RecordedRequest r = next.get();
            if (r.formValue("refresh_token") != null) {
                refreshTokens.add(r.formValue("refresh_token"));
            }
            if (r.formValue("code_verifier") != null) {
                verifiers.add(r.formValue("code_verifier"));
            }
        }
        for (Optional<RecordedRequest> next = scenario.sso.pollRequest(Endpoint.REVOKE); next.isPresent();
                next = scenario.sso.pollRequest(Endpoint.REVOKE)) {
            refreshTokens.add(next.get().formValue("token"));
        }
        List<String> accessTokens = scenario.sso.issuedAccessTokens();
        // sizes only: a failure message must not print the tokens
        assertThat(refreshTokens.size()).as("refresh tokens issued or sent").isGreaterThanOrEqualTo(5);
        assertThat(accessTokens.size()).as("access tokens issued").isGreaterThanOrEqualTo(5);
        assertThat(verifiers.size()).as("PKCE verifiers sent").isGreaterThanOrEqualTo(4);

        Map<String, String> needles = new LinkedHashMap<>();
        add(needles, TestApp.CLIENT_SECRET, "the client secret");
        // whole only: its first characters encode the public client id
        needles.put(Base64.getEncoder().encodeToString((TestApp.CLIENT_ID + ":" + TestApp.CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8)), "the Basic client credentials");
        int i = 0;
        for (String token : refreshTokens) {
            add(needles, token, "refresh token #" + i++);
        }
        i = 0;
        for (String token : accessTokens) {
            String what = "access token #" + i++;
            add(needles, token, what);
            String[] parts = token.split("\\.");
            for (int p = 1; p < parts.length; p++) {
                add(needles, parts[p], what + " part " + p);
            }
        }
        i = 0;
        for (String verifier : verifiers) {
            add(needles, verifier, "PKCE verifier #" + i++);
        }
        return needles;
    }

    private static void add(Map<String, String> needles, String secret, String what) {
        String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        for (String s : List.of(secret, encoded)) {
            String variant = s.equals(secret) ? "" : " (URL-encoded)";
            needles.putIfAbsent(s, what + variant);
            if (s.length() > PREFIX) {
                needles.putIfAbsent(s.substring(0, PREFIX), "the first " + PREFIX + " characters of " + what + variant);
            }
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** One log record as text: formatted message, raw message, parameters and stack trace. */
    private record CapturedRecord(Level level, String logger, String text) {
    }

    /** Collects every record reaching the root logger. */
    private static final class Capture extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();
        final Queue<CapturedRecord> records = new ConcurrentLinkedQueue<>();

        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder();
            text.append(formatter.formatMessage(record)).append('\n').append(record.getMessage());
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append('\n').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                text.append('\n').append(stackTrace(record.getThrown()));
            }
            records.add(new CapturedRecord(record.getLevel(), String.valueOf(record.getLoggerName()),
                    text.toString()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
