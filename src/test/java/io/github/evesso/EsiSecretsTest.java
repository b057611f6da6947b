package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.evesso.support.LogCapture;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No token leaks from the ESI client: a run of calls with a token (success, cache hit, revalidation, retried 503,
 * 420, 429, 401, 403, a timeout, a body that does not map) with the library's loggers at {@code ALL}; then no log
 * record, exception (message, causes, stack trace) or {@code toString()} of the client and its answers holds the
 * token, nor the first 12 characters of it or of any of its three parts.
 */
class EsiSecretsTest {
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger LIBRARY = Logger.getLogger("io.github.evesso");

    @AutoClose
    private final EsiFixture fixture = new EsiFixture();
    private final LocalEveSso sso = fixture.sso;
    private final List<String> evidence = new ArrayList<>();
    private Level libraryLevel;
    private LogCapture logs;

    @BeforeEach
    void captureEverything() {
        libraryLevel = LIBRARY.getLevel();
        LIBRARY.setLevel(Level.ALL);
        logs = LogCapture.start();
    }

    @AfterEach
    void restoreLevels() {
        logs.close();
        LIBRARY.setLevel(libraryLevel);
    }

    @Test
    void noTokenReachesLogsExceptionsOrToStrings() {
        EsiClient esi = fixture.client(b -> b.maxWait(Duration.ofSeconds(30)).retries(3)
                .readTimeout(Duration.ofMillis(500)));
        EsiFixture.MintedToken token = fixture.walletToken();
        String wallet = EsiFixture.walletPath(fixture.pilot());

        EsiResponse<BigDecimal> first = esi.get(wallet, BigDecimal.class, token);
        EsiResponse<BigDecimal> cached = esi.get(wallet, BigDecimal.class, token);
        fixture.clock.advance(Duration.ofMinutes(3));
        EsiResponse<BigDecimal> revalidated = esi.get(wallet, BigDecimal.class, token);
        evidence.add(first + " " + cached + " " + revalidated + " " + esi);

        fixture.clock.advance(Duration.ofMinutes(3));
        sso.enqueue(Endpoint.ESI, Fault.status(503));
        sso.enqueue(Endpoint.ESI, Fault.status(420).withHeader("X-ESI-Error-Limit-Reset", "5"));
        sso.enqueue(Endpoint.ESI, Fault.status(429).withRetryAfter(Duration.ofSeconds(2)));
        evidence.add(esi.get(wallet, BigDecimal.class, token).toString());

        sso.enqueue(Endpoint.ESI, Fault.error(401, "authorization not valid", null));
        fail(() -> esi.get("/markets/10000002/orders/", String.class, token));
        fail(() -> esi.get(EsiFixture.walletPath(sso.characters().get(1)), BigDecimal.class, token));
        sso.enqueue(Endpoint.ESI, Fault.delay(Duration.ofSeconds(2)));
        fail(() -> esi.get("/status/", String.class, token));
        sso.enqueue(Endpoint.ESI, Fault.garbage());
        fail(() -> esi.get("/status/", EsiResponsesTest.ServerStatus.class, token));
        sso.failUntilCleared(Endpoint.ESI, Fault.status(429).withRetryAfter(Duration.ofMinutes(5)));
        fail(() -> esi.get("/markets/10000002/orders/?page=2", String.class, token));
        fail(() -> esi.get("/markets/10000002/orders/?page=3", String.class, token));

        assertThat(logs.text()).as("the run logged its waits and the 420").contains("420").contains("retry");
        evidence.add(logs.text());
        for (String leak : leaks(token.accessToken())) {
            assertThat(evidence).allSatisfy(text -> assertThat(text).doesNotContain(leak));
        }
    }

    private void fail(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(EsiException.class);
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        evidence.add(trace.toString());
    }

    /** The token, its first 12 characters and those of each of its parts. */
    private static List<String> leaks(String token) {
        List<String> leaks = new ArrayList<>(List.of(token, token.substring(0, 12)));
        for (String part : token.split("\\.")) {
            leaks.add(part.substring(0, 12));
        }
        return leaks;
    }
}
