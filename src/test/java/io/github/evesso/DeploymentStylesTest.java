package io.github.evesso;

import static io.github.evesso.support.WebappDir.WebXml.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.support.AnnotatedCallback;
import io.github.evesso.support.AnnotatedFilter;
import io.github.evesso.support.Browser;
import io.github.evesso.support.DeployedApp;
import io.github.evesso.support.DeployedScenario;
import io.github.evesso.support.EchoServlet;
import io.github.evesso.support.InstallingListener;
import io.github.evesso.support.LogCapture;
import io.github.evesso.support.Page;
import io.github.evesso.support.TestApp;
import io.github.evesso.support.WebappDir;
import io.github.evesso.support.WebappDir.WebXml;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ways an application registers the library, each deployed as a real exploded webapp in embedded Tomcat
 * ({@code addWebapp}: web.xml, annotation scanning and {@code META-INF/services} initializers all run) and each
 * completing a full login against the local EVE SSO: a declared filter in web.xml, context-params only (drop-in),
 * MicroProfile Config (properties file and environment-variable names), servlet annotations, a {@code @WebListener}
 * calling {@link EveSso#install}; and start-up configuration errors, which stop the context with one log message
 * listing every problem and never the secret.
 */
class DeploymentStylesTest {
    private static final String PUBLIC_PAGE = "<!doctype html><title>public</title><p>public page, no login</p>";

    private DeployedScenario deployment;
    private LocalEveSso sso;
    private DeployedApp app;
    private WebappDir webapp;
    private final Browser browser = new Browser();
    private Config registeredConfig;
    private LogCapture log;

    @BeforeEach
    void start() {
        log = LogCapture.start();
        deployment = DeployedScenario.create();
        sso = deployment.sso;
        app = deployment.app;
        webapp = deployment.webapp;
        webapp.file("public/index.html", PUBLIC_PAGE);
    }

    @AfterEach
    void stop() {
        try {
            if (registeredConfig != null) {
                ConfigProviderResolver.instance().releaseConfig(registeredConfig);
            }
            deployment.close();
            assertThat(log.text()).as("the log").doesNotContain(TestApp.CLIENT_SECRET);
        } finally {
            log.close();
        }
    }

    /**
     * Every setting a working deployment needs, as {@code eve.sso.*} properties, and no minimum login age (the local
     * SSO approves at once, faster than a person).
     */
    private Map<String, String> settings() {
        return deployment.settings();
    }

    /** The application's own page: {@link EchoServlet} on {@code /protected/*}. */
    private static WebXml withEcho(WebXml xml) {
        return xml.servlet("echo", EchoServlet.class, "/protected/*");
    }

    /**
     * The static page is served without a login, a protected page goes through the SSO and comes back logged in, and
     * exactly one EVE SSO filter is active.
     */
    private Page assertPublicPageAndFullLogin() {
        assertThat(app.started()).as("context started, state %s", app.state()).isTrue();
        Page open = browser.get(app.url("/public/index.html"));
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.redirects()).isEmpty();
        assertThat(open.body()).isEqualTo(PUBLIC_PAGE);

        Page page = browser.get(app.url("/protected/home?tab=1"));

        TestCharacter pilot = sso.characters().get(0);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.uri()).isEqualTo(app.url("/protected/home?tab=1"));
        assertThat(page.redirects()).anyMatch(u -> u.toString().startsWith(sso.authorizeUrl() + "?"))
                .anyMatch(u -> u.getPath().equals("/app/sso/callback"));
        assertThat(page.line("path")).isEqualTo("/protected/home");
        assertThat(page.line("principal")).isEqualTo(pilot.id() + ":" + pilot.name());
        assertThat(page.line("authType")).isEqualTo(EveSso.AUTH_TYPE);
        assertThat(sso.requestCount(Endpoint.TOKEN)).isEqualTo(1);
        assertThat(app.eveSsoFilters()).hasSize(1);
        assertThat(app.runtime()).isNotNull();
        assertThat(app.runtime().config().clientId()).isEqualTo(TestApp.CLIENT_ID);
        return page;
    }

    // ---------------------------------------------------------------- a. web.xml

    @Test
    void webXmlDeclaredFilterAndCallbackServletLogIn() {
        webapp.webXml(withEcho(new WebXml()
                .filter("sso", EveSsoFilter.class, settings(), "/*")
                .servlet("callback", EveSsoCallbackServlet.class, "/sso/callback")));

        app.deploy(webapp);

        assertPublicPageAndFullLogin();
        assertThat(app.eveSsoFilters()).containsOnlyKeys("sso");
        assertThat(app.servletMappings(EveSso.CALLBACK_SERVLET_NAME)).isEmpty();
        assertThat(app.servletMappings("callback")).containsExactly("/sso/callback");
    }

    @Test
    void webXmlDeclaredFilterReadingContextParamsIsNotDoubledByTheDropInInitializer() {
        // the initializer sees eve.sso.client-id in the context-params, but must leave a declared filter alone
        webapp.webXml(withEcho(new WebXml()
                .contextParams(settings())
                .filter("sso", EveSsoFilter.class, Map.of(), "/*")
                .servlet("callback", EveSsoCallbackServlet.class, "/sso/callback")));

        app.deploy(webapp);

        assertPublicPageAndFullLogin();
        assertThat(app.eveSsoFilters()).containsOnlyKeys("sso");
        assertThat(app.servletMappings(EveSso.CALLBACK_SERVLET_NAME)).isEmpty();
    }

    @Test
    void filterInitParamsWinOverContextParams() {
        Map<String, String> context = settings();
        context.put("eve.sso.client-id", "not-the-registered-client");
        context.put("eve.sso.scopes", "esi-skills.read_skills.v1");
        webapp.webXml(withEcho(new WebXml()
                .contextParams(context)
                .filter("sso", EveSsoFilter.class, params("eve.sso.client-id", TestApp.CLIENT_ID,
                        "eve.sso.scopes", LocalEveSso.WALLET_SCOPE), "/*")
                .servlet("callback", EveSsoCallbackServlet.class, "/sso/callback")));

        app.deploy(webapp);

        assertThat(app.started()).isTrue();
        assertThat(browser.getNoFollow(app.url("/protected/x")).header("Location"))
                .contains("client_id=" + TestApp.CLIENT_ID).contains("scope=" + LocalEveSso.WALLET_SCOPE)
                .doesNotContain("read_skills");
        assertThat(assertPublicPageAndFullLogin().line("scopes")).isEqualTo(LocalEveSso.WALLET_SCOPE);
    }

    // ---------------------------------------------------------------- b. context-params only (drop-in)

    @Test
    void contextParamsAloneAutoRegisterFilterAndCallbackServlet() {
        webapp.webXml(withEcho(new WebXml().contextParams(settings())));

        app.deploy(webapp);

        assertPublicPageAndFullLogin();
        assertThat(app.eveSsoFilters()).containsOnlyKeys(EveSso.FILTER_NAME);
        assertThat(app.eveSsoFilters().get(EveSso.FILTER_NAME).getUrlPatternMappings()).containsExactly("/*");
        assertThat(app.servletMappings(EveSso.CALLBACK_SERVLET_NAME)).containsExactly("/sso/callback");
    }

    @Test
    void autoRegisterFalseLeavesTheApplicationAlone() {
        Map<String, String> context = settings();
        context.put("eve.sso.auto-register", "false");
        webapp.webXml(withEcho(new WebXml().contextParams(context)));

        app.deploy(webapp);

        assertThat(app.started()).isTrue();
        assertThat(app.eveSsoFilters()).isEmpty();
        assertThat(app.runtime()).isNull();
        Page page = browser.get(app.url("/protected/home"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.redirects()).isEmpty();
        assertThat(page.line("principal")).isEmpty();
        assertThat(sso.requestCount(Endpoint.AUTHORIZE)).isZero();
    }

    @Test
    void withoutAnyEveSsoSettingTheLibraryOnTheClassPathDoesNothing() {
        webapp.webXml(withEcho(new WebXml()));

        app.deploy(webapp);

        assertThat(app.started()).isTrue();
        assertThat(app.eveSsoFilters()).isEmpty();
        assertThat(browser.get(app.url("/protected/home")).redirects()).isEmpty();
    }

    // ---------------------------------------------------------------- c. MicroProfile Config

    @Test
    void microProfileConfigPropertiesInTheWebappConfigureTheDropIn() {
        webapp.microProfileConfig(settings()).webXml(withEcho(new WebXml()));

        app.deploy(webapp);

        assertPublicPageAndFullLogin();
        assertThat(app.eveSsoFilters()).containsOnlyKeys(EveSso.FILTER_NAME);
    }

    @Test
    void contextParamsWinOverMicroProfileConfig() {
        Map<String, String> mp = settings();
        mp.put("eve.sso.scopes", "esi-skills.read_skills.v1");
        webapp.microProfileConfig(mp)
                .webXml(withEcho(new WebXml().contextParam("eve.sso.scopes", LocalEveSso.WALLET_SCOPE)));

        app.deploy(webapp);

        assertThat(browser.getNoFollow(app.url("/protected/x")).header("Location"))
                .contains("scope=" + LocalEveSso.WALLET_SCOPE).doesNotContain("read_skills");
        assertThat(assertPublicPageAndFullLogin().line("scopes")).isEqualTo(LocalEveSso.WALLET_SCOPE);
    }

    /**
     * Environment variables reach the library through MicroProfile Config's mapping ({@code eve.sso.client-id} is
     * looked up as {@code EVE_SSO_CLIENT_ID}). The process environment cannot be changed, so a SmallRye
     * {@link EnvConfigSource} built from a map stands in for it, registered as the webapp's configuration by an
     * initializer that runs before the discovered ones.
     */
    @Test
    void environmentVariableNamesAreMappedByMicroProfileConfig() {
        Map<String, String> env = params(
                "EVE_SSO_CLIENT_ID", TestApp.CLIENT_ID,
                "EVE_SSO_CLIENT_SECRET", TestApp.CLIENT_SECRET,
                "EVE_SSO_CALLBACK_URL", app.callbackUrl().toString(),
                "EVE_SSO_METADATA_URL", sso.metadataUrl(),
                "EVE_SSO_EXCLUDED_PATHS", "/public/*",
                "EVE_SSO_STATE_SLOTS", "7",
                "EVE_SSO_LOGIN_MIN_AGE", "0");
        registeredConfig = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(env, 300)).build();
        assertThat(registeredConfig.getValue("eve.sso.client-id", String.class)).isEqualTo(TestApp.CLIENT_ID);
        webapp.webXml(withEcho(new WebXml()));

        app.deploy(webapp, context -> context.addServletContainerInitializer((classes, ctx) ->
                ConfigProviderResolver.instance().registerConfig(registeredConfig, ctx.getClassLoader()), null));

        assertPublicPageAndFullLogin();
        assertThat(app.runtime().config().stateSlots()).isEqualTo(7);
    }

    // ---------------------------------------------------------------- d. annotations

    /**
     * Annotated subclasses in {@code WEB-INF/classes} (copied from the test classpath, where Tomcat scans them). The
     * values known only at run time (ports) come from context-params, which the drop-in initializer also sees: it
     * must recognise the annotated filter as the application's own and not add a second one.
     */
    @Test
    void annotatedFilterAndCallbackServletLogIn() {
        webapp.copyClasses(AnnotatedFilter.class, AnnotatedCallback.class)
                .webXml(withEcho(new WebXml()
                        .contextParam("eve.sso.client-id", TestApp.CLIENT_ID)
                        .contextParam("eve.sso.callback-url", app.callbackUrl().toString())
                        .contextParam("eve.sso.metadata-url", sso.metadataUrl())
                        .contextParam("eve.sso.login-min-age", "0")));

        app.deploy(webapp);

        assertPublicPageAndFullLogin();
        assertThat(app.eveSsoFilters()).containsOnlyKeys(AnnotatedFilter.class.getName());
        assertThat(app.servletMappings(AnnotatedCallback.class.getName())).containsExactly("/sso/callback");
        assertThat(app.servletMappings(EveSso.CALLBACK_SERVLET_NAME)).isEmpty();
        assertThat(app.eveSsoFilters().get(AnnotatedFilter.class.getName()).getInitParameters())
                .containsEntry("eve.sso.excluded-paths", "/public/*");
    }

    /** The programmatic style: a scanned {@code @WebListener} builds the configuration from the app's own settings. */
    @Test
    void annotatedListenerInstallsProgrammatically() {
        webapp.copyClasses(InstallingListener.class)
                .webXml(withEcho(new WebXml()
                        .contextParam("myapp.eve.id", TestApp.CLIENT_ID)
                        .contextParam("myapp.eve.secret", TestApp.CLIENT_SECRET)
                        .contextParam("myapp.eve.callback", app.callbackUrl().toString())
                        .contextParam("myapp.eve.metadata", sso.metadataUrl())));

        app.deploy(webapp);

        assertPublicPageAndFullLogin();
        assertThat(app.eveSsoFilters()).containsOnlyKeys(EveSso.FILTER_NAME);
        assertThat(app.servletMappings(EveSso.CALLBACK_SERVLET_NAME)).containsExactly("/sso/callback");
    }

    /** What README's listener example meets when the EVE_SSO_* environment variables are set as well. */
    private void deployListenerNextToEnvironmentSettings(String autoRegister) {
        Map<String, String> env = params(
                "EVE_SSO_CLIENT_ID", TestApp.CLIENT_ID,
                "EVE_SSO_CLIENT_SECRET", TestApp.CLIENT_SECRET,
                "EVE_SSO_CALLBACK_URL", app.callbackUrl().toString(),
                "EVE_SSO_METADATA_URL", sso.metadataUrl());
        if (autoRegister != null) {
            env.put("EVE_SSO_AUTO_REGISTER", autoRegister);
        }
        registeredConfig = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(env, 300)).build();
        webapp.copyClasses(InstallingListener.class)
                .webXml(withEcho(new WebXml()
                        .contextParam("myapp.eve.id", TestApp.CLIENT_ID)
                        .contextParam("myapp.eve.secret", TestApp.CLIENT_SECRET)
                        .contextParam("myapp.eve.callback", app.callbackUrl().toString())
                        .contextParam("myapp.eve.metadata", sso.metadataUrl())));
        app.deploy(webapp, context -> context.addServletContainerInitializer((classes, ctx) ->
                ConfigProviderResolver.instance().registerConfig(registeredConfig, ctx.getClassLoader()), null));
    }

    @Test
    void listenerInstallNextToDropInSettingsFailsTheStartNamingTheSwitch() {
        deployListenerNextToEnvironmentSettings(null);

        assertStartFailedWith("EVE SSO is already installed in this application", "eve.sso.auto-register=false");
    }

    @Test
    void listenerInstallNextToDropInSettingsWorksWithAutoRegisterOff() {
        deployListenerNextToEnvironmentSettings("false");

        assertPublicPageAndFullLogin();
        assertThat(app.eveSsoFilters()).containsOnlyKeys(EveSso.FILTER_NAME);
    }

    // ---------------------------------------------------------------- e. start-up configuration errors

    /**
     * The context did not start, serves nothing, one log entry lists every problem, and the secret is nowhere in the
     * log.
     */
    private void assertStartFailedWith(String... problems) {
        assertThat(app.started()).as("state %s", app.state()).isFalse();
        assertThat(app.runtime()).isNull();
        List<String> mentioning = log.entries().stream()
                .filter(e -> List.of(problems).stream().anyMatch(e::contains)).toList();
        assertThat(mentioning).as(log.text()).singleElement().satisfies(e -> assertThat(e).contains(problems));
        assertThat(log.text()).doesNotContain(TestApp.CLIENT_SECRET);

        Page page = browser.get(app.url("/protected/home"));
        assertThat(page.status()).isIn(404, 503);
        assertThat(page.body()).doesNotContain("principal=", "path=", TestApp.CLIENT_SECRET);
        assertThat(sso.requestCount(Endpoint.AUTHORIZE)).isZero();
    }

    @Test
    void webXmlFilterWithMissingAndInvalidValuesStopsTheStart() {
        webapp.webXml(withEcho(new WebXml()
                .filter("sso", EveSsoFilter.class, params(
                        "eve.sso.callback-url", "sso/callback",
                        "eve.sso.metadata-url", sso.metadataUrl(),
                        "eve.sso.state-slots", "0"), "/*")
                .servlet("callback", EveSsoCallbackServlet.class, "/sso/callback")));

        app.deploy(webapp);

        assertStartFailedWith(
                "eve.sso.client-id is missing",
                "eve.sso.client-secret is missing",
                "eve.sso.callback-url must be an absolute http(s) URL: sso/callback",
                "eve.sso.state-slots must be between 1 and 50, not 0");
    }

    @Test
    void webXmlFilterWithACallbackOutsideTheApplicationStopsTheStartWithoutLoggingTheSecret() {
        Map<String, String> init = settings();
        init.put("eve.sso.callback-url", "http://localhost:" + app.port() + "/elsewhere/sso/callback");
        webapp.webXml(withEcho(new WebXml()
                .filter("sso", EveSsoFilter.class, init, "/*")
                .servlet("callback", EveSsoCallbackServlet.class, "/sso/callback")));

        app.deploy(webapp);

        assertStartFailedWith("eve.sso.callback-url must point into this application (context path '/app')");
    }

    @Test
    void contextParamsMissingClientIdAndSecretWithABadCallbackStopTheStart() {
        webapp.webXml(withEcho(new WebXml().contextParams(params(
                "eve.sso.callback-url", "ftp://localhost/app/sso/callback",
                "eve.sso.metadata-url", sso.metadataUrl(),
                "eve.sso.pkce", "maybe"))));

        app.deploy(webapp);

        assertStartFailedWith(
                "eve.sso.client-id is missing",
                "eve.sso.client-secret is missing",
                "eve.sso.callback-url must be an absolute http(s) URL: ftp://localhost/app/sso/callback",
                "eve.sso.pkce must be true or false, not maybe");
    }

    @Test
    void contextParamsWithASecretButNoClientIdStopTheStartWithoutLoggingTheSecret() {
        // a mistyped client-id key must not leave the application running without any login
        Map<String, String> context = settings();
        context.remove("eve.sso.client-id");
        context.put("eve.sso.clientid", TestApp.CLIENT_ID);
        context.put("eve.sso.callback-url", "/app/sso/callback");
        webapp.webXml(withEcho(new WebXml().contextParams(context)));

        app.deploy(webapp);

        assertStartFailedWith(
                "eve.sso.clientid is not a known setting",
                "eve.sso.client-id is missing",
                "eve.sso.callback-url must be an absolute http(s) URL: /app/sso/callback");
    }

    @Test
    void microProfileConfigErrorsStopTheStartToo() {
        Map<String, String> mp = settings();
        mp.put("eve.sso.state-ttl", "forever");
        mp.put("eve.sso.default-url", "//evil.example");
        webapp.microProfileConfig(mp).webXml(withEcho(new WebXml()));

        app.deploy(webapp);

        assertStartFailedWith(
                "eve.sso.state-ttl must be a duration such as 60, 30s, 10m or PT1M, not forever",
                "eve.sso.default-url must be an application-relative path starting with a single '/': //evil.example");
    }
}
