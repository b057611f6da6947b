package io.github.evesso.internal.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.evesso.EveSsoConfig;
import io.github.evesso.internal.login.LoginIntent;
import io.github.evesso.internal.login.PendingLogin;
import io.github.evesso.internal.web.ErrorResponses;
import io.github.evesso.internal.web.Failure;
import io.github.evesso.support.FakeRequest;
import io.github.evesso.support.TestClock;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The admission rules of {@link CodeExchangeBudget} without a container: a callback that finds its address's places
 * taken by exchanges in flight waits for one to end, is admitted when it ended without a refusal, refused when it
 * ended refused, and turned away as "SSO unavailable" when none ends within the read timeout.
 */
@Timeout(30)
class CodeExchangeBudgetTest {
    private final TestClock clock = new TestClock();
    private final PendingLogin pending = new PendingLogin("state", null, "/home", clock.instant(),
            LoginIntent.login(List.of()));

    private CodeExchangeBudget budget(Consumer<EveSsoConfig.Builder> settings) {
        EveSsoConfig.Builder builder = EveSsoConfig.builder().clientId("id").clientSecret("secret")
                .callbackUrl(URI.create("http://localhost/app/sso/callback")).clock(clock)
                .loginMinAge(Duration.ZERO).failedLoginsPerAddress(1);
        settings.accept(builder);
        return new CodeExchangeBudget(builder.build());
    }

    /** A callback of a session of its own, from 127.0.0.1. */
    private static HttpServletRequest callback() {
        return new FakeRequest().withSession().build();
    }

    private CompletableFuture<CodeExchangeBudget.Ticket> admitElsewhere(CodeExchangeBudget budget) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return budget.admit(callback(), pending);
            } catch (LoginFailure failure) {
                throw new IllegalStateException(failure.failure().code());
            }
        });
    }

    @Test
    void aCallbackWaitingForTheExchangeInFlightIsAdmittedOnceThatOneEndsWithoutARefusal() throws Exception {
        CodeExchangeBudget budget = budget(b -> {
        });
        CodeExchangeBudget.Ticket first = budget.admit(callback(), pending);
        CompletableFuture<CodeExchangeBudget.Ticket> second = admitElsewhere(budget);
        Thread.sleep(100);
        assertThat(second).as("waits while the only place is taken").isNotDone();

        first.notRefused();

        assertThat(second.get(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void aCallbackWaitingForTheExchangeInFlightIsRefusedWhenThatOneIsRefused() throws Exception {
        CodeExchangeBudget budget = budget(b -> {
        });
        CodeExchangeBudget.Ticket first = budget.admit(callback(), pending);
        CompletableFuture<CodeExchangeBudget.Ticket> second = admitElsewhere(budget);

        first.refused();
        first.notRefused(); // only the first end counts

        assertThat(catchThrowableOfType(ExecutionException.class,
                () -> second.get(5, TimeUnit.SECONDS))).hasRootCauseMessage("too_many_failed_logins");
    }

    @Test
    void aCallbackIsTurnedAwayAsSsoUnavailableWhenNoExchangeInFlightEndsWithinTheReadTimeout() throws Exception {
        CodeExchangeBudget budget = budget(b -> b.readTimeout(Duration.ofMillis(200)));
        budget.admit(callback(), pending);

        LoginFailure failure = catchThrowableOfType(LoginFailure.class, () -> budget.admit(callback(), pending));

        assertThat(failure.failure()).isEqualTo(Failure.SSO_UNAVAILABLE);
        assertThat(failure.retryAfterSeconds()).isEqualTo(ErrorResponses.RETRY_AFTER_SECONDS);
        assertThat(failure.returnPath()).isEqualTo("/home");
    }

    @Test
    void anotherAddressIsNotHeldBack() throws Exception {
        CodeExchangeBudget budget = budget(b -> {
        });
        budget.admit(callback(), pending).refused();

        assertThat(budget.admit(new FakeRequest().withSession().remoteAddr("203.0.113.9").build(), pending))
                .isNotNull();
        assertThat(catchThrowableOfType(LoginFailure.class, () -> budget.admit(callback(), pending)).failure())
                .isEqualTo(Failure.TOO_MANY_FAILED_LOGINS);
    }
}
