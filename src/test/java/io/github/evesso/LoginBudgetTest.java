package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.support.TestApp;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.RecordedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The callback's budget of code exchanges, end to end against the local EVE SSO: a callback faster than a person is
 * refused without a call, failed exchanges are throttled per session and per client address (all browsers here come
 * from 127.0.0.1), a refused callback uses up only the state it names, and a {@code 429} on a code exchange pauses
 * logins but not the refreshes of users already logged in. The clock is the shared test clock: the minimum age and the
 * windows pass by advancing it, never by sleeping.
 */
@Timeout(120)
class LoginBudgetTest {
    private static final String RETURN = "/protected/home";
    /** More than the default minimum age: what a person at EVE's login page takes at least. */
    private static final Duration HUMAN = Duration.ofSeconds(2);

    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();
    private int junk;

    /** The application's settings with the default minimum age (the test application turns it off). */
    private static Consumer<EveSsoConfig.Builder> withDefaultMinAge(Consumer<EveSsoConfig.Builder> more) {
        return app -> more.accept(app.property(EveSsoConfig.Key.LOGIN_MIN_AGE.property(),
                EveSsoConfig.Key.LOGIN_MIN_AGE.defaultValue().orElseThrow()));
    }

    private void start(Consumer<EveSsoConfig.Builder> app) {
        scenario = Scenario.start(withDefaultMinAge(app));
    }

    /** Starts a login in {@code b} and returns the authorize URL it was sent to. */
    private URI startLogin(Browser b) {
        Page page = b.getNoFollow(scenario.url(RETURN));
        assertThat(page.status()).as("login start").isEqualTo(302);
        return URI.create(page.header("Location"));
    }

    /** Lets the SSO answer an authorize URL: the callback URL with a real code and the state. */
    private URI ssoAnswer(Browser b, URI authorize) {
        Page page = b.getNoFollow(authorize);
        assertThat(page.status()).as("SSO answer").isEqualTo(302);
        return URI.create(page.header("Location"));
    }

    private static String state(URI uri) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no state in " + uri);
    }

    /** The callback with the state of {@code authorize} and a code EVE never issued. */
    private URI junkCallback(URI authorize) {
        return URI.create(scenario.app.callbackUrl() + "?code=junk-" + (++junk) + "&state=" + state(authorize));
    }

    /** Starts a login in {@code b} and sends a junk-code callback for it at a person's pace. */
    private Page junkLogin(Browser b) {
        URI authorize = startLogin(b);
        scenario.clock.advance(HUMAN);
        return b.getNoFollow(junkCallback(authorize));
    }

    /** Logs {@code b} in through the SSO at a person's pace; returns the protected page it lands on. */
    private Page logInLikeAPerson(Browser b) {
        URI callback = ssoAnswer(b, startLogin(b));
        scenario.clock.advance(HUMAN);
        Page page = b.get(callback);
        assertThat(page.status()).as("login: %s", page.body()).isEqualTo(200);
        assertThat(page.line("path")).isEqualTo(RETURN);
        return page;
    }

    private void assertRefused(Page page, int status, String reason) {
        assertThat(page.status()).as("status of %s: %s", page, page.body()).isEqualTo(status);
        assertThat(page.body()).contains(reason).doesNotContain("Exception").doesNotContain(TestApp.CLIENT_SECRET);
        assertThat(page.header("Location")).isNull();
    }

    private void assertNotLoggedIn(Browser b) {
        Page page = b.getNoFollow(scenario.url("/public/check"));
        assertThat(page.line("principal")).isEmpty();
    }

    private int tokenCalls() {
        return scenario.sso.requestCount(Endpoint.TOKEN);
    }

    // ------------------------------------------------------------------ minimum age

    @Test
    void aCallbackSoonerThanTheDefaultSecondIsRefusedWithoutACodeExchangeAndUsesUpItsState() {
        start(app -> {
        });
        URI callback = ssoAnswer(browser, startLogin(browser));
        scenario.clock.advance(Duration.ofMillis(999));

        Page page = browser.getNoFollow(callback);

        assertRefused(page, 400, "login_too_fast");
        assertThat(page.header("Retry-After")).isNull();
        assertThat(tokenCalls()).isZero();
        assertNotLoggedIn(browser);
        scenario.clock.advance(HUMAN);
        assertRefused(browser.getNoFollow(callback), 400, "state_unknown");
        assertThat(tokenCalls()).isZero();
    }

    @Test
    void aCallbackOneSecondAfterItsLoginStartedLogsIn() {
        start(app -> {
        });
        URI callback = ssoAnswer(browser, startLogin(browser));
        scenario.clock.advance(Duration.ofSeconds(1));

        Page page = browser.getNoFollow(callback);

        assertThat(page.status()).as(page.body()).isEqualTo(302);
        assertThat(page.header("Location")).isEqualTo(TestApp.CONTEXT + RETURN);
        assertThat(tokenCalls()).isEqualTo(1);
    }

    @Test
    void aMinimumAgeOfZeroAdmitsAnImmediateCallback() {
        start(app -> app.loginMinAge(Duration.ZERO));

        assertThat(browser.get(ssoAnswer(browser, startLogin(browser))).line("path")).isEqualTo(RETURN);
    }

    @Test
    void aTooFastCallbackDoesNotTouchTheOtherPendingLoginsOfItsSession() {
        start(app -> {
        });
        URI firstTab = ssoAnswer(browser, startLogin(browser));
        scenario.clock.advance(HUMAN);
        URI secondTab = ssoAnswer(browser, startLogin(browser));

        assertRefused(browser.getNoFollow(secondTab), 400, "login_too_fast");

        assertThat(browser.get(firstTab).line("path")).as("the other tab still logs in").isEqualTo(RETURN);
    }

    // ------------------------------------------------------------------ failed exchanges per session and per address

    @Test
    void failedCodeExchangesOfOneSessionAreThrottledWithRetryAfterUntilTheWindowPasses() {
        start(app -> app.failedLoginsPerAddress(0));
        for (int i = 0; i < 5; i++) {
            assertRefused(junkLogin(browser), 400, "code_rejected");
        }
        assertThat(tokenCalls()).isEqualTo(5);

        Page refused = junkLogin(browser);

        assertRefused(refused, 429, "too_many_failed_logins");
        assertThat(Long.parseLong(refused.header("Retry-After"))).as("until the first failure is 10 min old")
                .isEqualTo(Duration.ofMinutes(10).minus(HUMAN.multipliedBy(5)).toSeconds());
        assertThat(tokenCalls()).as("refused without a call").isEqualTo(5);
        assertThat(logInLikeAPerson(new Browser()).line("principal")).as("another session is not throttled")
                .isNotEmpty();

        scenario.clock.advance(Duration.ofMinutes(10));
        assertRefused(junkLogin(browser), 400, "code_rejected");
        assertThat(logInLikeAPerson(browser).line("principal")).isNotEmpty();
    }

    @Test
    void failedCodeExchangesFromOneAddressAreThrottledAcrossSessionsRealLoginsIncluded() {
        start(app -> app.failedLoginsPerAddress(3));
        for (int i = 0; i < 3; i++) {
            assertRefused(junkLogin(new Browser()), 400, "code_rejected");
        }

        assertRefused(junkLogin(new Browser()), 429, "too_many_failed_logins");
        Browser person = new Browser();
        URI callback = ssoAnswer(person, startLogin(person));
        scenario.clock.advance(HUMAN);
        assertRefused(person.getNoFollow(callback), 429, "too_many_failed_logins");
        assertThat(tokenCalls()).isEqualTo(3);

        scenario.clock.advance(Duration.ofMinutes(10));
        assertThat(logInLikeAPerson(person).line("principal")).isNotEmpty();
    }

    @Test
    void successfulLoginsAndOutagesDoNotCountAgainstTheBudget() {
        start(app -> app.failedLoginsPerAddress(2));
        assertRefused(junkLogin(new Browser()), 400, "code_rejected");
        for (int i = 0; i < 3; i++) {
            logInLikeAPerson(new Browser());
        }
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.status(503));
        assertRefused(junkLogin(new Browser()), 503, "sso_unavailable");

        assertRefused(junkLogin(new Browser()), 400, "code_rejected");
        assertRefused(junkLogin(new Browser()), 429, "too_many_failed_logins");
        assertThat(tokenCalls()).isEqualTo(6);
    }

    @Test
    void aBurstOfRealLoginsFromOneAddressBeyondItsBudgetWaitsForTheExchangesInFlightAndPasses() throws Exception {
        start(app -> app.failedLoginsPerAddress(2));
        List<Browser> people = new ArrayList<>();
        List<URI> callbacks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Browser person = new Browser();
            people.add(person);
            callbacks.add(ssoAnswer(person, startLogin(person)));
            scenario.sso.enqueue(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(700))); // the exchanges overlap
        }
        scenario.clock.advance(HUMAN);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Page>> landed = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Browser person = people.get(i);
                URI callback = callbacks.get(i);
                landed.add(pool.submit(() -> person.get(callback)));
            }
        } finally {
            pool.shutdown();
        }

        for (Future<Page> page : landed) {
            Page home = page.get(60, TimeUnit.SECONDS);
            assertThat(home.status()).as(home.body()).isEqualTo(200);
            assertThat(home.line("principal")).isNotEmpty();
        }
        assertThat(tokenCalls()).isEqualTo(4);
    }

    @Test
    void aThrottledCallbackUsesUpOnlyTheStateItNamesAndAnswersApiClientsWithJson() throws Exception {
        start(app -> app.failedLoginsPerAddress(0).failedLoginsPerSession(1).failedLoginWindow(Duration.ofMinutes(2)));
        URI realTab = ssoAnswer(browser, startLogin(browser));
        assertRefused(junkLogin(browser), 400, "code_rejected");
        URI junkTab = startLogin(browser);
        scenario.clock.advance(HUMAN);

        Page refused = browser.ajax(junkCallback(junkTab));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/json");
        Map<String, Object> json = JSONObjectUtils.parse(refused.body());
        assertThat(json).containsEntry("error", "too_many_failed_logins").containsKey("login_url");
        assertThat(refused.header("Retry-After")).isEqualTo("118");
        assertThat(browser.getNoFollow(junkCallback(junkTab)).body()).as("its state is used up")
                .contains("state_unknown");
        scenario.clock.advance(Duration.ofMinutes(2));
        assertThat(browser.get(realTab).line("path")).as("the other tab's login").isEqualTo(RETURN);
        assertThat(tokenCalls()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ the SSO's rate limit

    @Test
    void aRateLimitedCodeExchangePausesLoginsButNotTheRefreshesOfUsersLoggedIn() {
        start(app -> {
        });
        Page user = logInLikeAPerson(browser);
        scenario.sso.enqueue(Endpoint.TOKEN, Fault.status(429).withRetryAfter(Duration.ofMinutes(30)));

        Page limited = junkLogin(new Browser());
        assertRefused(limited, 503, "sso_unavailable");
        assertThat(limited.header("Retry-After")).isEqualTo("1800");

        scenario.clock.advance(Duration.ofMinutes(19).plusSeconds(30)); // into the user's refresh window
        Page refreshed = browser.getNoFollow(scenario.url(RETURN));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.line("token")).as("refreshed while logins pause").isNotEqualTo(user.line("token"));
        assertThat(tokenCalls()).isEqualTo(3);

        Browser person = new Browser();
        URI callback = ssoAnswer(person, startLogin(person));
        scenario.clock.advance(HUMAN);
        assertRefused(person.getNoFollow(callback), 503, "sso_unavailable");
        assertThat(tokenCalls()).as("the held login never called").isEqualTo(3);

        scenario.clock.advance(Duration.ofMinutes(11));
        assertThat(logInLikeAPerson(person).line("principal")).as("logins resume after the wait").isNotEmpty();
    }

    @Test
    void whenTheSsoRateLimitsEveryRequestRefreshesPauseTooAndTheLoginIsKept() {
        scenario = Scenario.start(sso -> sso.rateLimitFailedRequests(3, Duration.ofMinutes(10)),
                withDefaultMinAge(app -> {
                }));
        Page user = logInLikeAPerson(browser);
        scenario.clock.advance(Duration.ofMinutes(19).plusSeconds(30)); // the user's token is due for a refresh
        for (int i = 0; i < 3; i++) {
            assertRefused(junkLogin(new Browser()), 400, "code_rejected");
        }
        assertRefused(junkLogin(new Browser()), 503, "sso_unavailable");
        assertRefused(junkLogin(new Browser()), 503, "sso_unavailable");
        assertThat(tokenCalls()).as("1 login, 3 refused codes, 1 rate-limited, then held").isEqualTo(5);

        Page kept = browser.getNoFollow(scenario.url(RETURN));
        Page again = browser.getNoFollow(scenario.url(RETURN));

        assertThat(kept.status()).as("the token is still valid").isEqualTo(200);
        assertThat(kept.line("token")).isEqualTo(user.line("token"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(tokenCalls()).as("one refresh met the 429, the next waits").isEqualTo(6);
    }

    // ------------------------------------------------------------------ load

    /**
     * 50 sessions, each with the 5 pending logins a session may hold, fire their 250 junk-code callbacks at once
     * (8 threads) against an SSO that rate-limits after 25 failures, while a logged-in user's token is due for a
     * refresh: the exchanges stay within the per-address budget (20), so EVE never rate-limits, every other callback
     * is refused without a call, and the user refreshes as usual.
     */
    @Test
    void fiftySessionsFiringJunkCodesSpendOnlyTheBudgetAndALoggedInUserKeepsRefreshing() throws Exception {
        scenario = Scenario.start(sso -> sso.rateLimitFailedRequests(25, Duration.ofMinutes(10)),
                withDefaultMinAge(app -> {
                }));
        Page user = logInLikeAPerson(browser);
        scenario.clock.advance(Duration.ofMinutes(19).plusSeconds(30)); // the user's token is due for a refresh
        List<Browser> attackers = new ArrayList<>();
        List<URI> callbacks = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            Browser attacker = new Browser();
            attackers.add(attacker);
            for (int tab = 0; tab < 5; tab++) {
                callbacks.add(junkCallback(startLogin(attacker)));
            }
        }
        scenario.clock.advance(HUMAN);
        int before = tokenCalls();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> statuses = new ArrayList<>();
        Future<Page> refresh = null;
        try {
            for (int i = 0; i < callbacks.size(); i++) {
                Browser attacker = attackers.get(i / 5);
                URI callback = callbacks.get(i);
                statuses.add(pool.submit(() -> attacker.getNoFollow(callback).status()));
                if (i == callbacks.size() / 2) {
                    refresh = pool.submit(() -> browser.getNoFollow(scenario.url(RETURN))); // amid the attack
                }
            }
        } finally {
            pool.shutdown();
        }
        assertThat(pool.awaitTermination(90, TimeUnit.SECONDS)).as("the attack is over in time").isTrue();

        List<Integer> answered = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            answered.add(status.get());
        }
        Map<Integer, Long> byStatus = answered.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        List<String> grants = new ArrayList<>();
        for (RecordedRequest r; (r = scenario.sso.pollRequest(Endpoint.TOKEN).orElse(null)) != null; ) {
            grants.add(r.formValue("grant_type"));
        }
        int spent = tokenCalls() - before;
        System.out.printf("250 junk-code callbacks from 50 sessions: %d token calls (budget 20 per address), %s%n",
                spent, byStatus);

        Page refreshed = refresh.get();
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.line("token")).as("the user's token was refreshed").isNotEqualTo(user.line("token"));
        assertThat(Collections.frequency(grants, "refresh_token")).isEqualTo(1);
        assertThat(spent).as("code exchanges + the user's refresh").isEqualTo(20 + 1);
        assertThat(byStatus).containsOnlyKeys(400, 429).containsEntry(400, 20L).containsEntry(429, 230L);
    }
}
