package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.testing.AuthorizeMode;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.TestCharacter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Load: {@value #LOGINS} complete logins by distinct browsers (distinct cookie jars), {@value #THREADS} at a time, each
 * choosing its own character on the SSO's interactive picker. No login may fail and none may see another's identity.
 */
class ConcurrentLoginsTest {
    private static final int LOGINS = 500;
    private static final int THREADS = 50;
    private static final long TIMEOUT_SECONDS = 120;
    private static final long FIRST_ID = 95_000_000L;
    private static final Pattern FIRST_FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]*)\">(.*?)</form>",
            Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile(
            "<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    @AutoClose
    private Scenario scenario;


    @Test
    void fiveHundredConcurrentLoginsEachSeeTheirOwnCharacter() throws InterruptedException {
        scenario = Scenario.start(sso -> sso.authorizeMode(AuthorizeMode.INTERACTIVE), app -> {
        });
        List<TestCharacter> pilots = new ArrayList<>();
        for (int i = 0; i < LOGINS; i++) {
            pilots.add(scenario.sso.addCharacter(FIRST_ID + i, "Load Pilot " + i));
        }
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        Set<String> sessionIds = ConcurrentHashMap.newKeySet();

        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int i = 0; i < LOGINS; i++) {
            int n = i;
            pool.execute(() -> {
                try {
                    String problem = logIn(n, pilots.get(n), sessionIds);
                    if (problem != null) {
                        errors.add("login " + n + ": " + problem);
                    }
                } catch (RuntimeException | AssertionError e) {
                    errors.add("login " + n + ": " + e + (e.getCause() == null ? "" : " caused by " + e.getCause()));
                }
            });
        }
        pool.shutdown();
        boolean finished = pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            pool.shutdownNow();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("%d concurrent logins (%d threads): %d ms, %d errors%n", LOGINS, THREADS, millis,
                errors.size());

        assertThat(finished).as("all logins done within " + TIMEOUT_SECONDS + " s").isTrue();
        assertThat(errors).as("errors and mixed-up identities").isEmpty();
        assertThat(sessionIds).as("a distinct session per browser").hasSize(LOGINS);
        assertThat(scenario.app.activeSessions()).isEqualTo(LOGINS);
        assertThat(scenario.sso.requestCount(Endpoint.TOKEN)).as("one code exchange per login, no refresh")
                .isEqualTo(LOGINS);
    }

    /** One browser's login as {@code pilot} through the picker; a description of what went wrong, or null. */
    private String logIn(int n, TestCharacter pilot, Set<String> sessionIds) {
        Browser browser = new Browser();
        URI home = scenario.url("/protected/home?n=" + n);
        Page picker = browser.get(home);
        if (picker.status() != 200 || !picker.uri().toString().startsWith(scenario.sso.authorizeUrl() + "?")) {
            return "no picker: " + picker;
        }
        Matcher form = FIRST_FORM.matcher(picker.body());
        if (!form.find()) {
            return "no form on the picker";
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Matcher hidden = HIDDEN.matcher(form.group(2)); hidden.find(); ) {
            fields.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
        }
        fields.put("action", "approve");
        fields.put("character_id", Long.toString(pilot.id()));

        Page landed = browser.post(picker.uri().resolve(unescape(form.group(1))), fields);

        String expected = pilot.id() + ":" + pilot.name();
        if (landed.status() != 200 || !landed.uri().equals(home)) {
            return "did not land on its page: " + landed;
        }
        if (!expected.equals(landed.line("principal"))) {
            return "mixed-up identity: expected " + expected + ", saw " + landed.line("principal");
        }
        Page again = browser.get(scenario.url("/protected/again"));
        if (again.status() != 200 || !again.redirects().isEmpty() || !expected.equals(again.line("principal"))) {
            return "session lost or mixed up: " + again + " " + again.line("principal");
        }
        sessionIds.add(browser.cookie(home, "JSESSIONID"));
        return null;
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
