package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The session cookie {@link EveSso#install} hardens: {@code HttpOnly} and {@code SameSite=Lax} on every
 * {@code JSESSIONID} the login sets (the first one and the one after the session id change), and {@code Secure} behind
 * a TLS-terminating proxy (connector {@code secure=true}, {@code scheme=https}).
 */
class SessionCookieTest {
    @AutoClose
    private Scenario scenario;
    private final Browser browser = new Browser();


    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxButNotSecureOnPlainHttp() {
        scenario = Scenario.start();

        Page toSso = browser.getNoFollow(scenario.url("/protected/home"));
        List<String> first = sessionCookieAttributes(toSso);
        Page fromSso = browser.getNoFollow(URI.create(toSso.header("Location")));
        Page callback = browser.getNoFollow(URI.create(fromSso.header("Location")));
        List<String> afterLogin = sessionCookieAttributes(callback);

        assertThat(callback.status()).isEqualTo(302);
        for (List<String> cookie : List.of(first, afterLogin)) {
            assertThat(cookie).contains("httponly", "samesite=lax", "path=/app").doesNotContain("secure");
        }
        assertThat(value(callback)).as("a new session id after login").isNotEqualTo(value(toSso));
        assertThat(browser.get(scenario.url("/protected/home")).line("principal")).isNotBlank();
    }

    @Test
    void behindATlsTerminatingProxyTheSessionCookieIsAlsoSecure() {
        scenario = Scenario.start(sso -> {
        }, app -> {
        }, (connector, context) -> {
            connector.setSecure(true);
            connector.setScheme("https");
        });

        Page toSso = browser.getNoFollow(scenario.url("/protected/home"));
        List<String> first = sessionCookieAttributes(toSso);
        Page fromSso = browser.getNoFollow(URI.create(toSso.header("Location")));
        // a Secure cookie is not sent over the test's plain HTTP: send it as the browser would over HTTPS
        URI callbackUrl = URI.create(fromSso.header("Location"));
        Page callback = withSessionCookie(callbackUrl, value(toSso));
        List<String> afterLogin = sessionCookieAttributes(callback);

        assertThat(callback.status()).isEqualTo(302);
        for (List<String> cookie : List.of(first, afterLogin)) {
            assertThat(cookie).contains("secure", "httponly", "samesite=lax");
        }
        Page home = withSessionCookie(scenario.url("/protected/home"), value(callback));
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.line("principal")).isNotBlank();
    }

    @Test
    void httpOnlyComesFromTheLibraryEvenWhenTheContainerWouldNotSetIt() {
        scenario = Scenario.start(sso -> {
        }, app -> {
        }, (connector, context) -> context.setUseHttpOnly(false));

        Page toSso = browser.getNoFollow(scenario.url("/protected/home"));

        assertThat(sessionCookieAttributes(toSso)).contains("httponly", "samesite=lax");
    }

    @Test
    void anApplicationsOwnSameSiteChoiceIsKept() {
        scenario = Scenario.start(sso -> {
        }, app -> {
        }, (connector, context) -> context.addServletContainerInitializer(
                (classes, ctx) -> ctx.getSessionCookieConfig().setAttribute("SameSite", "Strict"), null));

        Page toSso = browser.getNoFollow(scenario.url("/protected/home"));

        assertThat(sessionCookieAttributes(toSso)).contains("httponly", "samesite=strict")
                .doesNotContain("samesite=lax");
    }

    private Page withSessionCookie(URI url, String sessionId) {
        return new Browser().send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html").header("Cookie", "JSESSIONID=" + sessionId).GET(), url);
    }

    /** The attributes (lower case, without the value) of the one JSESSIONID Set-Cookie header of {@code page}. */
    private static List<String> sessionCookieAttributes(Page page) {
        List<String> cookies = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).toList();
        assertThat(cookies).as("one session cookie set by " + page.uri().getPath()).hasSize(1);
        String[] parts = cookies.get(0).split(";");
        return Stream.of(parts).skip(1).map(p -> p.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toList());
    }

    private static String value(Page page) {
        String cookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        return cookie.substring("JSESSIONID=".length(), cookie.indexOf(';'));
    }
}
