package io.github.evesso.internal.sso;

import static io.github.evesso.internal.sso.LocalSsoFixture.CLIENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.evesso.support.LogCapture;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Revocations that {@link TokenEndpointClient#revokeQuietly} could not send, because the SSO asked every call to wait
 * ({@code Retry-After}) or was unavailable, against the local EVE SSO: queued (bounded, the oldest dropped with a
 * warning that names no token) and sent once the SSO takes calls again, on the next token-endpoint answer or by the
 * retry thread; nothing after {@link TokenEndpointClient#close()}.
 */
@Timeout(90)
class RevocationRetriesTest {
    private static final List<String> SCOPES = List.of(LocalEveSso.WALLET_SCOPE);
    private static final long PILOT = 90000001L;
    /** Longer than the retry thread sleeps between two looks at the clock. */
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** How long a test waits to see that no (further) revocation is sent after an answered call woke the queue. */
    private static final Duration NOTHING_MORE = Duration.ofSeconds(2);

    @AutoClose
    private final LocalSsoFixture local = new LocalSsoFixture();
    private final LocalEveSso sso = local.sso;
    private final TokenEndpointClient client = local.tokenClient(local.config());

    private String refreshToken() {
        return sso.issueRefreshToken(PILOT, CLIENT_ID, SCOPES);
    }

    /** A refresh answered 429 with {@code Retry-After}: every call of the client waits that long. */
    private void ssoAsksToWait(Duration wait) {
        sso.enqueue(Endpoint.TOKEN, Fault.status(429).withRetryAfter(wait));
        catchThrowableOfType(SsoUnavailableException.class, () -> client.refresh(refreshToken()));
    }

    /** Waits (bounded, polling) until {@code condition} holds. */
    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", what, WAIT).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aRevocationHeldBackByRetryAfterIsSentWithTheNextAnsweredCallOnceTheWaitIsOver() throws Exception {
        String token = refreshToken();
        ssoAsksToWait(Duration.ofSeconds(60));
        try (LogCapture log = LogCapture.start()) {
            client.revokeQuietly(token, "logout");

            assertThat(log.text()).contains("Revoking the EVE refresh token (logout) failed",
                    "it is sent again once EVE SSO takes calls").doesNotContain(token);
        }
        assertThat(sso.requestCount(Endpoint.REVOKE)).as("held back: nothing sent").isZero();

        local.clock.advance(Duration.ofSeconds(60));
        client.refresh(refreshToken());

        assertThat(sso.takeRequest(Endpoint.REVOKE).formValue("token")).isEqualTo(token);
        eventually("the revocation done", () -> !sso.isRefreshTokenValid(token));
        assertThat(sso.revokedTokens()).containsExactly(token);
        assertThat(sso.takeRequest(Endpoint.REVOKE, NOTHING_MORE)).as("sent once").isNull();
    }

    @Test
    void aRevocationHeldBackByRetryAfterIsSentByTheRetryThreadAloneOnceTheWaitIsOver() throws Exception {
        String token = refreshToken();
        ssoAsksToWait(Duration.ofMinutes(10));
        client.revokeQuietly(token, "logout");

        local.clock.advance(Duration.ofMinutes(10));

        assertThat(sso.takeRequest(Endpoint.REVOKE, WAIT)).as("sent without any other call").isNotNull();
        eventually("the revocation done", () -> !sso.isRefreshTokenValid(token));
        assertThat(sso.requestCount(Endpoint.TOKEN)).as("only the refresh that met the 429").isEqualTo(1);
    }

    @Test
    void aRevocationThatMetAnOutageIsTriedAgainUntilTheSsoAnswers() throws Exception {
        String token = refreshToken();
        sso.failUntilCleared(Endpoint.REVOKE, Fault.status(503));
        client.revokeQuietly(token, "logout");
        eventually("a second attempt", () -> sso.requestCount(Endpoint.REVOKE) >= 2);
        assertThat(sso.isRefreshTokenValid(token)).isTrue();

        sso.clearFaults();

        eventually("the revocation done", () -> !sso.isRefreshTokenValid(token));
        assertThat(sso.revokedTokens()).containsExactly(token);
    }

    @Test
    void aRevocationTheSsoRefusesIsNotQueued() throws Exception {
        sso.enqueue(Endpoint.REVOKE, Fault.error(400, "invalid_request", "token is required."));
        client.revokeQuietly(refreshToken(), "logout");
        sso.takeRequest(Endpoint.REVOKE);

        client.refresh(refreshToken()); // an answered call: what is queued would go now

        assertThat(sso.takeRequest(Endpoint.REVOKE, NOTHING_MORE)).as("not sent again").isNull();
    }

    @Test
    void atMostAThousandRevocationsWaitAndTheOldestIsDroppedWithAWarningThatNamesNoToken() throws Exception {
        ssoAsksToWait(Duration.ofHours(1));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i <= RevocationRetries.CAPACITY; i++) {
            tokens.add(refreshToken());
        }
        try (LogCapture log = LogCapture.start()) {
            tokens.forEach(token -> client.revokeQuietly(token, "logout"));

            assertThat(log.text()).contains("More than 1000 EVE refresh-token revocations are waiting for EVE SSO:"
                    + " the oldest is dropped").doesNotContain(tokens.get(0));
        }
        assertThat(sso.requestCount(Endpoint.REVOKE)).isZero();

        local.clock.advance(Duration.ofHours(1));
        client.refresh(refreshToken());

        eventually("every queued revocation sent", () -> sso.revokedTokens().size() == RevocationRetries.CAPACITY);
        assertThat(sso.revokedTokens()).containsExactlyElementsOf(tokens.subList(1, tokens.size()));
        assertThat(sso.isRefreshTokenValid(tokens.get(0))).as("the dropped one").isTrue();
        assertThat(sso.requestCount(Endpoint.REVOKE)).isEqualTo(RevocationRetries.CAPACITY);
    }

    @Test
    void closingTheClientDropsWhatIsQueuedAndSendsNothingMore() throws Exception {
        String token = refreshToken();
        ssoAsksToWait(Duration.ofSeconds(30));
        client.revokeQuietly(token, "logout");
        try (LogCapture log = LogCapture.start()) {
            client.close();

            assertThat(log.text()).contains("1 EVE refresh-token revocations were still waiting for EVE SSO at"
                    + " shutdown").doesNotContain(token);
        }
        local.clock.advance(Duration.ofSeconds(30));
        client.refresh(refreshToken()); // an answered call: what is queued would go now
        assertThat(sso.takeRequest(Endpoint.REVOKE, NOTHING_MORE)).as("the dropped revocation").isNull();

        client.revokeQuietly(token, "after close"); // sent at once: the gate is open

        assertThat(sso.revokedTokens()).containsExactly(token);
        assertThat(sso.requestCount(Endpoint.REVOKE)).isEqualTo(1);
    }
}
