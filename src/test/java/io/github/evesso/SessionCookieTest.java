package io.github.evesso;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.support.AnnotatedCallback;
import io.github.evesso.support.AnnotatedFilter;
import io.github.evesso.support.Browser;
import io.github.evesso.support.DeployedScenario;
import io.github.evesso.support.EchoServlet;
import io.github.evesso.support.FilterAddingListener;
import io.github.evesso.support.InitParams;
import io.github.evesso.support.LogCapture;
import io.github.evesso.support.Page;
import io.github.evesso.support.Scenario;
import io.github.evesso.support.TestApp;
import io.github.evesso.support.WebappDir.WebXml;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session cookie the library hardens: {@code HttpOnly} and {@code SameSite=Lax} on every {@code JSESSIONID} the
 * login sets (the first one and the one after the session id change), and {@code Secure} behind a TLS-terminating
 * proxy (connector {@code secure=true}, {@code scheme=https}). In every deployment style: {@link EveSso#install}, the
 * drop-in registration, a filter declared in {@code web.xml} or with {@code @WebFilter} (hardened by the library's
 * initializer, which runs before the context is initialised), and a filter the application adds itself from a
 * listener (hardened when the filter starts, while Tomcat still allows it). Where it is too late, the filter's start
 * logs a warning that says what to do.
 */
class SessionCookieTest {
    private Scenario scenario;
    private DeployedScenario deployment;
    private LogCapture log;
    private final Browser browser = new Browser();

    @AfterEach
    void close() {
        try {
            if (scenario != null) {
                scenario.close();
            }
            if (deployment != null) {
                deployment.close();
            }
        } finally {
            if (log != null) {
                log.close();
            }
        }
    }

    /** A login step by step: the redirect to the SSO, the SSO's answer, and the callback's redirect. */
    private record StepByStepLogin(Page toSso, Page callback) {
        List<String> firstCookie() {
            return sessionCookieAttributes(toSso);
        }

        List<String> cookieAfterLogin() {
            return sessionCookieAttributes(callback);
        }
    }

    private StepByStepLogin logInStepByStep(URI protectedPage) {
        Page toSso = browser.getNoFollow(protectedPage);
        Page fromSso = browser.getNoFollow(URI.create(toSso.header("Location")));
        Page callback = browser.getNoFollow(URI.create(fromSso.header("Location")));
        assertThat(callback.status()).as(callback.body()).isEqualTo(302);
        return new StepByStepLogin(toSso, callback);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxButNotSecureOnPlainHttp() {
        scenario = Scenario.start();

        StepByStepLogin login = logInStepByStep(scenario.url("/protected/home"));

        for (List<String> cookie : List.of(login.firstCookie(), login.cookieAfterLogin())) {
            assertThat(cookie).contains("httponly", "samesite=lax", "path=/app").doesNotContain("secure");
        }
        assertThat(value(login.callback())).as("a new session id after login").isNotEqualTo(value(login.toSso()));
        assertThat(browser.get(scenario.url("/protected/home")).line("principal")).isNotBlank();
    }

    // ---------------------------------------------------------------- the other deployment styles, as real webapps

    /** The application's page: {@link EchoServlet} on {@code /protected/*}. */
    private static WebXml withEcho(WebXml xml) {
        return xml.servlet("echo", EchoServlet.class, "/protected/*");
    }

    /** Deploys the webapp, logs in step by step, and checks both session cookies and the login. */
    private void assertDeployedLoginSetsHardenedCookies(String... expected) {
        deployment.app.deploy(deployment.webapp);
        assertThat(deployment.app.started()).as("context started, state %s", deployment.app.state()).isTrue();

        StepByStepLogin login = logInStepByStep(deployment.app.url("/protected/home"));

        for (List<String> cookie : List.of(login.firstCookie(), login.cookieAfterLogin())) {
            assertThat(cookie).contains(expected).doesNotContain("secure");
        }
        assertThat(value(login.callback())).as("a new session id after login").isNotEqualTo(value(login.toSso()));
        assertThat(browser.get(deployment.app.url("/protected/home")).line("principal")).isNotBlank();
        assertThat(deployment.app.eveSsoFilters()).hasSize(1);
    }

    @Test
    void theDropInRegistrationMakesTheSessionCookieHttpOnlyAndSameSiteLax() {
        deployment = DeployedScenario.create();
        deployment.webapp.webXml(withEcho(new WebXml().contextParams(deployment.settings())));

        assertDeployedLoginSetsHardenedCookies("httponly", "samesite=lax", "path=/app");
        assertThat(deployment.app.eveSsoFilters()).containsOnlyKeys(EveSso.FILTER_NAME);
    }

    @Test
    void aFilterDeclaredInWebXmlGetsAnHttpOnlySameSiteLaxSessionCookie() {
        deployment = DeployedScenario.create();
        deployment.webapp.webXml(withEcho(new WebXml()
                .filter("sso", EveSsoFilter.class, deployment.settings(), "/*")
                .servlet("callback", EveSsoCallbackServlet.class, "/sso/callback")));

        assertDeployedLoginSetsHardenedCookies("httponly", "samesite=lax", "path=/app");
        assertThat(deployment.app.eveSsoFilters()).containsOnlyKeys("sso");
    }

    @Test
    void anAnnotatedFilterGetsAnHttpOnlySameSiteLaxSessionCookie() {
        deployment = DeployedScenario.create();
        deployment.webapp.copyClasses(AnnotatedFilter.class, AnnotatedCallback.class)
                .webXml(withEcho(new WebXml()
                        .contextParam("eve.sso.client-id", TestApp.CLIENT_ID)
                        .contextParam("eve.sso.callback-url", deployment.app.callbackUrl().toString())
                        .contextParam("eve.sso.metadata-url", deployment.sso.metadataUrl())));

        assertDeployedLoginSetsHardenedCookies("httponly", "samesite=lax", "path=/app");
        assertThat(deployment.app.eveSsoFilters()).containsOnlyKeys(AnnotatedFilter.class.getName());
    }

    @Test
    void aFilterTheApplicationAddsFromAListenerHardensTheCookieWhenItStarts() {
        deployment = DeployedScenario.create();
        Map<String, String> context = deployment.settings();
        context.put("eve.sso.auto-register", "false");
        deployment.webapp.copyClasses(FilterAddingListener.class)
                .webXml(withEcho(new WebXml().contextParams(context)));

        assertDeployedLoginSetsHardenedCookies("httponly", "samesite=lax", "path=/app");
        assertThat(deployment.app.eveSsoFilters()).containsOnlyKeys(FilterAddingListener.FILTER);
    }

    @Test
    void aSameSiteChosenInWebXmlIsKeptWithADeclaredFilter() {
        deployment = DeployedScenario.create();
        deployment.webapp.webXml(withEcho(new WebXml()
                .sessionCookieAttribute("SameSite", "Strict")
                .filter("sso", EveSsoFilter.class, deployment.settings(), "/*")
                .servlet("callback", EveSsoCallbackServlet.class, "/sso/callback")));
        deployment.app.deploy(deployment.webapp);

        Page toSso = browser.getNoFollow(deployment.app.url("/protected/home"));

        assertThat(sessionCookieAttributes(toSso)).contains("httponly", "samesite=strict")
                .doesNotContain("samesite=lax");
    }

    /**
     * A container that starts filters only once the context is up (lazily, at the first request) no longer lets
     * anyone change the session cookie: the filter's start then says loudly what is missing and how to set it.
     * Simulated with a real, started context whose cookie configuration Tomcat has frozen.
     */
    @Test
    void aFilterStartingAfterTheCookieConfigurationIsFrozenLogsAWarningNamingTheFix() throws Exception {
        deployment = DeployedScenario.create();
        deployment.webapp.webXml(withEcho(new WebXml()));
        deployment.app.deploy(deployment.webapp);
        log = LogCapture.start();
        EveSsoFilter filter = new EveSsoFilter();

        filter.init(new InitParams("late-sso", deployment.app.servletContext(), deployment.settings()));
        filter.destroy();

        assertThat(log.entries()).filteredOn(e -> e.startsWith("io.github.evesso") && e.contains(" WARNING: "))
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .contains("SameSite=Lax", "HttpOnly", "<cookie-config>", "cross-site");
        assertThat(log.text()).doesNotContain(TestApp.CLIENT_SECRET);
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
