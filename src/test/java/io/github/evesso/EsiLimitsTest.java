package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.FakeEsi;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ESI's limits against the fake ESI: the error limit (stop before it, wait for the reset or fail fast), 420, 429
 * with {@code Retry-After}, retries of idempotent calls on 502/503/504 with a doubling back-off, never a 4xx. The
 * clients' waits move the test clock (recorded in {@link EsiFixture#waits}); nothing sleeps.
 */
class EsiLimitsTest {
    private static final String STATUS = "/status/";
    /** A route the fake answers 404: an error that counts against the limit. */
    private static final String NO_SUCH_REGION = "/markets/1/orders/";

    @AutoClose
    private final EsiFixture fixture = new EsiFixture();
    private final LocalEveSso sso = fixture.sso;

    // ---------------------------------------------------------------- the error limit

    @Test
    void theClientStopsCallingBeforeTheErrorLimitAndFailsFastWhenTheResetIsBeyondItsWait() {
        sso.esi().errorLimit(15, Duration.ofSeconds(60));
        EsiClient esi = fixture.client(); // stops at 10 errors left, waits at most 10 s

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> esi.get(NO_SUCH_REGION, String.class)).isInstanceOf(EsiRejectedException.class);
        }
        assertThat(sso.esi().errorsLeft()).isEqualTo(10);

        assertThatThrownBy(() -> esi.get(STATUS, String.class))
                .isInstanceOfSatisfying(EsiUnavailableException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("not sent", "error limit", "10 errors left");
                    assertThat(e.retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
                });
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(5);
        assertThat(fixture.waits).isEmpty();
        assertThat(sso.esi().errorsLeft()).isEqualTo(10);
    }

    @Test
    void theClientWaitsForTheErrorWindowToResetWhenThatFitsItsWait() {
        sso.esi().errorLimit(12, Duration.ofSeconds(30));
        EsiClient esi = fixture.client(b -> b.maxWait(Duration.ofMinutes(1)));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> esi.get(NO_SUCH_REGION, String.class)).isInstanceOf(EsiRejectedException.class);
        }

        EsiResponse<String> status = esi.get(STATUS, String.class);

        assertThat(status.status()).isEqualTo(200);
        assertThat(fixture.waits).singleElement()
                .satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30)));
        assertThat(status.header("X-ESI-Error-Limit-Remain")).contains("12"); // a new window
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(3);
    }

    @Test
    void a420FailsFastWhenItsResetIsBeyondTheWaitAndHoldsEveryCallUntilThen() {
        EsiClient esi = fixture.client();
        sso.enqueue(Endpoint.ESI, Fault.status(420).withBody("application/json", "{\"error\":\"error limited\"}")
                .withHeader("X-ESI-Error-Limit-Remain", "0").withHeader("X-ESI-Error-Limit-Reset", "30"));

        assertThatThrownBy(() -> esi.get(STATUS, String.class))
                .isInstanceOfSatisfying(EsiUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(420);
                    assertThat(e.esiError()).contains("error limited");
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
                });
        assertThatThrownBy(() -> esi.get("/markets/" + FakeEsi.MARKET_REGION + "/orders/", String.class))
                .isInstanceOfSatisfying(EsiUnavailableException.class, e -> assertThat(e.getMessage())
                        .contains("not sent"));
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(1);

        fixture.clock.advance(Duration.ofSeconds(30));
        assertThat(esi.get(STATUS, String.class).status()).isEqualTo(200);
        assertThat(fixture.waits).isEmpty();
    }

    @Test
    void a420WhoseResetFitsTheWaitIsWaitedForAndSentAgain() {
        EsiClient esi = fixture.client(b -> b.maxWait(Duration.ofMinutes(1)));
        sso.enqueue(Endpoint.ESI, Fault.status(420)
                .withHeader("X-ESI-Error-Limit-Remain", "0").withHeader("X-ESI-Error-Limit-Reset", "30"));

        EsiResponse<String> status = esi.get(STATUS, String.class);

        assertThat(status.status()).isEqualTo(200);
        assertThat(fixture.waits).containsExactly(Duration.ofSeconds(30));
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(2);
    }

    @Test
    void whenOtherSoftwareUsedUpTheErrorLimitTheFakesOwn420HoldsTheCalls() {
        sso.esi().errorLimit(3, Duration.ofSeconds(60));
        EsiClient careless = fixture.client(b -> b.errorLimitMargin(0));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> careless.get(NO_SUCH_REGION, String.class))
                    .isInstanceOf(EsiRejectedException.class);
        }
        EsiClient esi = fixture.client(); // knows nothing of the errors yet

        assertThatThrownBy(() -> esi.get(STATUS, String.class))
                .isInstanceOfSatisfying(EsiUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(420);
                    assertThat(e.esiError().orElseThrow()).contains("exceeded the error limit");
                    assertThat(e.retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
                });
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(4);
    }

    // ---------------------------------------------------------------- 429

    @Test
    void a429IsWaitedForItsRetryAfterAndSentAgain() {
        EsiClient esi = fixture.client();
        sso.enqueue(Endpoint.ESI, Fault.status(429).withRetryAfter(Duration.ofSeconds(3)));

        EsiResponse<String> status = esi.get(STATUS, String.class);

        assertThat(status.status()).isEqualTo(200);
        assertThat(fixture.waits).containsExactly(Duration.ofSeconds(3));
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(2);
    }

    @Test
    void a429WithARetryAfterBeyondTheWaitFailsFastWithItAndHoldsTheNextCalls() {
        EsiClient esi = fixture.client();
        sso.enqueue(Endpoint.ESI, Fault.status(429).withRetryAfter(Duration.ofSeconds(120)));

        assertThatThrownBy(() -> esi.get(STATUS, String.class))
                .isInstanceOfSatisfying(EsiUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                });
        fixture.clock.advance(Duration.ofSeconds(20));
        assertThatThrownBy(() -> esi.get(STATUS, String.class))
                .isInstanceOfSatisfying(EsiUnavailableException.class, e -> {
                    assertThat(e.getMessage()).contains("not sent", "429");
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(100));
                });
        assertThat(fixture.waits).isEmpty();
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(1);
    }

    @Test
    void a429IsSentAgainForAPostTooBecauseEsiDidNothingWithIt() {
        EsiClient esi = fixture.client();
        sso.enqueue(Endpoint.ESI, Fault.status(429).withRetryAfter(Duration.ofSeconds(1)));

        esi.post("/universe/names/", List.of(fixture.pilot().id()), String.class);

        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(2);
        assertThat(fixture.waits).containsExactly(Duration.ofSeconds(1));
    }

    // ---------------------------------------------------------------- 5xx

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504})
    void gatewayErrorsOfAGetAreRetriedWithADoublingBackoff(int status) {
        EsiClient esi = fixture.client();
        sso.enqueue(Endpoint.ESI, Fault.status(status));
        sso.enqueue(Endpoint.ESI, Fault.status(status));

        assertThat(esi.get(STATUS, String.class).status()).isEqualTo(200);

        assertThat(fixture.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(3);
    }

    @Test
    void gatewayErrorsOutlastingTheRetriesAreUnavailableWithEsisText() {
        EsiClient esi = fixture.client();
        sso.failUntilCleared(Endpoint.ESI, Fault.error(503, "ESI is down for maintenance", null));

        assertThatThrownBy(() -> esi.get(STATUS, String.class))
                .isInstanceOfSatisfying(EsiUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.esiError()).contains("ESI is down for maintenance");
                    assertThat(e.getMessage()).isEqualTo("ESI GET /status/ answered 503: ESI is down for maintenance");
                });
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(3);
        assertThat(fixture.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aRetryAfterOnAGatewayErrorLengthensTheBackoff() {
        EsiClient esi = fixture.client();
        sso.enqueue(Endpoint.ESI, Fault.status(503).withRetryAfter(Duration.ofSeconds(5)));

        esi.get(STATUS, String.class);

        assertThat(fixture.waits).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void retriesStopWhenTheirBackoffWouldExceedTheWait() {
        EsiClient esi = fixture.client(b -> b.maxWait(Duration.ofSeconds(2)));
        sso.failUntilCleared(Endpoint.ESI, Fault.status(502));

        assertThatThrownBy(() -> esi.get(STATUS, String.class)).isInstanceOf(EsiUnavailableException.class);

        assertThat(fixture.waits).containsExactly(Duration.ofSeconds(1)); // 1 s spent, 2 s more would not fit
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(2);
    }

    @Test
    void aPostIsNotRetriedOnAGatewayError() {
        EsiClient esi = fixture.client();
        sso.enqueue(Endpoint.ESI, Fault.status(503));

        assertThatThrownBy(() -> esi.post("/universe/names/", List.of(fixture.pilot().id()), String.class))
                .isInstanceOfSatisfying(EsiUnavailableException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(1);
        assertThat(fixture.waits).isEmpty();
    }

    @Test
    void anInternalServerErrorIsUnavailableButNotRetried() {
        EsiClient esi = fixture.client();
        sso.enqueue(Endpoint.ESI, Fault.status(500));

        assertThatThrownBy(() -> esi.get(STATUS, String.class))
                .isInstanceOfSatisfying(EsiUnavailableException.class, e -> assertThat(e.status()).isEqualTo(500));
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- 4xx

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 422})
    void a4xxIsNeverRetried(int status) {
        EsiClient esi = fixture.client(b -> b.maxWait(Duration.ofMinutes(1)));
        sso.enqueue(Endpoint.ESI, Fault.error(status, "refused", null).withRetryAfter(Duration.ofSeconds(1)));

        assertThatThrownBy(() -> esi.get(STATUS, String.class))
                .isInstanceOfSatisfying(EsiRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.esiError()).contains("refused");
                });
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(1);
        assertThat(fixture.waits).isEmpty();
    }

    @Test
    void aRealRefusalOfTheFakeIsRejectedWithItsText() {
        EsiClient esi = fixture.client();

        assertThatThrownBy(() -> esi.get(EsiFixture.walletPath(fixture.pilot()), String.class,
                fixture.token(fixture.pilot(), "esi-skills.read_skills.v1")))
                .isInstanceOfSatisfying(EsiRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.esiError()).contains("token not valid for scope");
                });
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(1);
    }
}
