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
import io.github.evesso.support.InstallingListener;
import io.github.evesso.support.LogCapture;
import io.github.evesso.support.Page;
import io.github.evesso.support.TestApp;
import io.github.evesso.support.WebappDir.WebXml;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.TestCharacter;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An application that maps only its own servlet ({@link EchoServlet} on {@code /api/*}) and has no default servlet:
 * Tomcat answers a path no servlet maps with 404 before any filter runs. The login and logout paths, which the
 * filter serves, still work in every deployment style: the library maps them to a servlet of its own (which the
 * filter answers before), from {@link EveSso#install} and the drop-in registration, from its initializer for a filter
 * declared in {@code web.xml} or by annotation (with the paths the filter is configured with), and when a filter the
 * application added itself starts.
 */
class ContextWithoutDefaultServletTest {
    private DeployedScenario deployment;
    private LogCapture log;
    private final Browser browser = new Browser();

    @BeforeEach
    void start() {
        log = LogCapture.start();
        deployment = DeployedScenario.create();
        deployment.app.withoutDefaultServlet();
    }

    @AfterEach
    void stop() {
        try {
            deployment.close();
            assertThat(log.text()).as("the log").doesNotContain(TestApp.CLIENT_SECRET);
        } finally {
            log.close();
        }
    }

    /** The application's only servlet: {@link EchoServlet} on {@code /api/*}. */
    private static WebXml apiOnly(WebXml xml) {
        return xml.servlet("api", EchoServlet.class, "/api/*");
    }

    private void deploy(WebXml xml) {
        deployment.webapp.webXml(apiOnly(xml));
        deployment.app.deploy(deployment.webapp);
        assertThat(deployment.app.started()).as("context started, state %s", deployment.app.state()).isTrue();
        assertThat(deployment.app.servletMappings("default")).as("no default servlet").isEmpty();
    }

    /**
     * Opening the login path with a return URL goes through the SSO and lands logged in on the API; the logout path
     * ends the login; the filter answered both (one authorization, no servlet page in between).
     */
    private void assertLoginAndLogoutWork(String loginPath, String logoutPath) {
        Page unmapped = browser.getNoFollow(deployment.app.url("/elsewhere"));
        assertThat(unmapped.status()).as("a path no servlet maps").isEqualTo(404);

        Page page = browser.get(deployment.app.url(loginPath + "?return=/api/me"));

        TestCharacter pilot = deployment.sso.characters().get(0);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.uri()).isEqualTo(deployment.app.url("/api/me"));
        assertThat(page.redirects().get(0)).isEqualTo(deployment.app.url(loginPath + "?return=/api/me"));
        assertThat(page.redirects().get(1).toString()).startsWith(deployment.sso.authorizeUrl() + "?");
        assertThat(page.line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
        assertThat(deployment.sso.requestCount(Endpoint.AUTHORIZE)).isEqualTo(1);

        Page logout = browser.postNoFollow(deployment.app.url(logoutPath), Map.of());

        assertThat(logout.status()).as(logout.body()).isEqualTo(303);
        assertThat(logout.header("Location")).isEqualTo("/app/");
        Page afterLogout = browser.getNoFollow(deployment.app.url("/api/me"));
        assertThat(afterLogout.status()).isEqualTo(302);
        assertThat(afterLogout.header("Location")).startsWith(deployment.sso.authorizeUrl() + "?");
    }

    @Test
    void theDropInRegistrationServesLoginAndLogoutWithoutADefaultServlet() {
        deploy(new WebXml().contextParams(deployment.settings()));

        assertLoginAndLogoutWork("/sso/login", "/sso/logout");
        assertThat(deployment.app.servletMappings(EveSso.PATHS_SERVLET_NAME))
                .containsExactlyInAnyOrder("/sso/login", "/sso/logout", "/sso/switch", "/sso/remove");
    }

    @Test
    void aProgrammaticInstallServesLoginAndLogoutWithoutADefaultServlet() {
        deployment.webapp.copyClasses(InstallingListener.class);
        deploy(new WebXml()
                .contextParam("myapp.eve.id", TestApp.CLIENT_ID)
                .contextParam("myapp.eve.secret", TestApp.CLIENT_SECRET)
                .contextParam("myapp.eve.callback", deployment.app.callbackUrl().toString())
                .contextParam("myapp.eve.metadata", deployment.sso.metadataUrl()));

        assertLoginAndLogoutWork("/sso/login", "/sso/logout");
        assertThat(deployment.app.servletMappings(EveSso.PATHS_SERVLET_NAME))
                .containsExactlyInAnyOrder("/sso/login", "/sso/logout", "/sso/switch", "/sso/remove");
    }

    @Test
    void aFilterDeclaredInWebXmlServesItsOwnLoginAndLogoutPathsWithoutADefaultServlet() {
        Map<String, String> init = deployment.settings();
        init.put("eve.sso.login-path", "/account/sign-in");
        init.put("eve.sso.logout-path", "/account/sign-out");
        deploy(new WebXml()
                .filter("sso", EveSsoFilter.class, init, "/*")
                .servlet("callback", EveSsoCallbackServlet.class, "/sso/callback"));

        assertLoginAndLogoutWork("/account/sign-in", "/account/sign-out");
        assertThat(deployment.app.servletMappings(EveSso.PATHS_SERVLET_NAME))
                .containsExactlyInAnyOrder("/account/sign-in", "/account/sign-out", "/sso/switch", "/sso/remove");
        assertThat(browser.getNoFollow(deployment.app.url("/sso/login")).status())
                .as("the default login path is not this application's").isEqualTo(404);
    }

    @Test
    void anAnnotatedFilterServesLoginAndLogoutWithoutADefaultServlet() {
        deployment.webapp.copyClasses(AnnotatedFilter.class, AnnotatedCallback.class);
        deploy(new WebXml()
                .contextParam("eve.sso.client-id", TestApp.CLIENT_ID)
                .contextParam("eve.sso.callback-url", deployment.app.callbackUrl().toString())
                .contextParam("eve.sso.metadata-url", deployment.sso.metadataUrl()));

        assertLoginAndLogoutWork("/sso/login", "/sso/logout");
    }

    @Test
    void aFilterTheApplicationAddsFromAListenerMapsItsPathsWhenItStarts() {
        Map<String, String> context = deployment.settings();
        context.put("eve.sso.auto-register", "false");
        deployment.webapp.copyClasses(FilterAddingListener.class);
        deploy(new WebXml().contextParams(context));

        assertLoginAndLogoutWork("/sso/login", "/sso/logout");
        assertThat(deployment.app.eveSsoFilters()).containsOnlyKeys(FilterAddingListener.FILTER);
    }

    /**
     * What README says to do where the library cannot map the paths itself: map them to any servlet of the
     * application. The filter answers them; that servlet never runs for them, and the library adds no mapping.
     */
    @Test
    void loginAndLogoutPathsMappedToAnApplicationServletAreAnsweredByTheFilter() {
        deploy(new WebXml()
                .filter("sso", EveSsoFilter.class, deployment.settings(), "/*")
                .servlet("callback", EveSsoCallbackServlet.class, "/sso/callback")
                .servletMapping("api", "/sso/login")
                .servletMapping("api", "/sso/logout"));

        assertLoginAndLogoutWork("/sso/login", "/sso/logout");
        assertThat(deployment.app.servletMappings("api"))
                .containsExactlyInAnyOrder("/api/*", "/sso/login", "/sso/logout");
        assertThat(deployment.app.servletMappings(EveSso.PATHS_SERVLET_NAME)).isEmpty();
    }

    /** The login paths' servlet is only a mapping: reached without the filter, it serves nothing. */
    @Test
    void theLoginPathsServletAnswers404WhenTheFilterDoesNotRunForTheRequest() {
        deploy(new WebXml()
                .filter("sso", EveSsoFilter.class, deployment.settings(), "/api/*")
                .servlet("callback", EveSsoCallbackServlet.class, "/sso/callback"));

        Page login = browser.getNoFollow(deployment.app.url("/sso/login"));

        assertThat(login.status()).isEqualTo(404);
        assertThat(deployment.sso.requestCount(Endpoint.AUTHORIZE)).isZero();
        assertThat(browser.getNoFollow(deployment.app.url("/api/me")).status()).as("the filter on /api/*")
                .isEqualTo(302);
    }

    /**
     * A container that starts filters only once the context is up takes no more servlets: the filter's start says
     * loudly which paths no servlet maps and what to do. Simulated with a real, started context.
     */
    @Test
    void aFilterStartingTooLateToMapItsPathsLogsAWarningNamingThem() throws Exception {
        deploy(new WebXml());
        EveSsoFilter filter = new EveSsoFilter();

        filter.init(new InitParams("late-sso", deployment.app.servletContext(), deployment.settings()));
        filter.destroy();

        assertThat(log.entries()).filteredOn(e -> e.startsWith("io.github.evesso") && e.contains(" WARNING: ")
                        && e.contains("no servlet"))
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .contains("/sso/login", "/sso/logout", "404", "web.xml");
        assertThat(browser.getNoFollow(deployment.app.url("/sso/login")).status())
                .isEqualTo(404);
    }
}
