package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.support.Browser;
import io.github.evesso.support.EchoServlet;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EveLoginExpiredException} and {@link EveSsoUnavailableException} escaping the application's code through the
 * filter get the answers the filter gives for its own failures, instead of the container's error page: a browser GET
 * goes through login again and comes back, a browser POST sees the login-expired page, an API call gets 401 JSON, and
 * an unavailable SSO gives the 503 page with {@code Retry-After}. Plain and wrapped in a {@code ServletException}.
 */
class EscapedExceptionsTest {
    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();

    private URI escaping(String how) {
        return scenario.url("/protected/page?" + EchoServlet.LET_ESCAPE + "=" + how);
    }

    /** A logged-in browser whose next refresh meets {@code fault} at the SSO. */
    private void loggedInThenTheSsoAnswers(Fault fault) {
        scenario = Scenario.start();
        scenario.logIn(browser);
        scenario.sso.enqueue(Endpoint.TOKEN, fault);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "wrapped"})
    void anEndedLoginEscapingABrowserGetGoesThroughLoginAgainAndBack(String how) {
        loggedInThenTheSsoAnswers(Fault.invalidGrant());

        Page redirected = browser.getNoFollow(escaping(how));

        assertThat(redirected.status()).isEqualTo(302);
        assertThat(redirected.header("Location")).startsWith(scenario.sso.authorizeUrl() + "?");
        assertThat(redirected.header("Cache-Control")).isEqualTo("no-store");
        assertThat(redirected.body()).doesNotContain("partial page");
        assertThat(browser.getNoFollow(scenario.url("/public/x")).line("sessionCharacter"))
                .as("the ended login's session is gone").isEmpty();

        Page back = browser.get(URI.create(redirected.header("Location")));
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.line("path")).isEqualTo("/protected/page");
        assertThat(back.line("principal")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "wrapped"})
    void anEndedLoginEscapingABrowserPostShowsTheLoginExpiredPage(String how) {
        loggedInThenTheSsoAnswers(Fault.invalidGrant());

        Page page = browser.postNoFollow(escaping(how), Map.of("field", "value"));

        assertThat(page.status()).isEqualTo(401);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("login_expired").contains("Your EVE SSO login has ended")
                .contains("href=\"/app/sso/login\"").doesNotContain("partial page").doesNotContain("Exception");
        assertThat(browser.getNoFollow(scenario.url("/protected/home")).status())
                .as("logged out: a protected page starts a login").isEqualTo(302);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "wrapped"})
    void anEndedLoginEscapingAnApiCallGets401Json(String how) {
        loggedInThenTheSsoAnswers(Fault.invalidGrant());

        Page page = browser.ajax(escaping(how));

        assertThat(page.status()).isEqualTo(401);
        assertThat(page.header("Content-Type")).startsWith("application/json");
        assertThat(page.header("WWW-Authenticate")).startsWith("EveSSO");
        assertThat(page.body()).startsWith("{\"error\":\"login_required\"").doesNotContain("partial page");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "wrapped"})
    void anUnavailableSsoEscapingTheApplicationGivesThe503PageAndTheLoginStays(String how) {
        loggedInThenTheSsoAnswers(Fault.status(503));

        Page page = browser.getNoFollow(escaping(how));

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.header("Retry-After")).isNotBlank();
        assertThat(page.body()).contains("sso_unavailable").doesNotContain("partial page")
                .doesNotContain("Exception");
        Page again = browser.getNoFollow(scenario.url("/protected/home"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.line("principal")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "wrapped"})
    void anUnavailableSsoEscapingAnApiCallGets503Json(String how) {
        loggedInThenTheSsoAnswers(Fault.status(503));

        Page page = browser.ajax(escaping(how));

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.header("Retry-After")).isNotBlank();
        assertThat(page.body()).startsWith("{\"error\":\"sso_unavailable\"");
    }
}
