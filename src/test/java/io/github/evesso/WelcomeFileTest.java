package io.github.evesso;

import static io.github.evesso.support.WebappDir.WebXml.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.support.Browser;
import io.github.evesso.support.DeployedApp;
import io.github.evesso.support.EchoServlet;
import io.github.evesso.support.Page;
import io.github.evesso.support.TestApp;
import io.github.evesso.support.WebappDir;
import io.github.evesso.support.WebappDir.WebXml;
import io.github.evesso.testing.LocalEveSso;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pattern {@code /} (the context root) also matches when the container serves the root as a welcome file
 * ({@code index.html} in the docroot, no servlet at {@code /}: the servlet path is then {@code /index.html}).
 */
class WelcomeFileTest {
    private static final String LANDING = "<!doctype html><title>landing</title><p>landing page</p>";

    private LocalEveSso sso;
    private DeployedApp app;
    private final WebappDir webapp = WebappDir.create();
    private final Browser browser = new Browser();

    @BeforeEach
    void start() {
        sso = LocalEveSso.builder().build().start();
        app = DeployedApp.create();
        sso.registerClient(TestApp.CLIENT_ID, TestApp.CLIENT_SECRET, app.callbackUrl().toString());
        webapp.file("index.html", LANDING);
    }

    @AfterEach
    void stop() {
        try {
            app.close();
        } finally {
            webapp.close();
            sso.close();
        }
    }

    private void deploy(String... pathSettings) {
        String[] all = new String[8 + pathSettings.length];
        System.arraycopy(new String[] {"eve.sso.client-id", TestApp.CLIENT_ID, "eve.sso.client-secret",
                TestApp.CLIENT_SECRET, "eve.sso.callback-url", app.callbackUrl().toString(), "eve.sso.metadata-url",
                sso.metadataUrl()}, 0, all, 0, 8);
        System.arraycopy(pathSettings, 0, all, 8, pathSettings.length);
        webapp.webXml(new WebXml()
                .filter("sso", EveSsoFilter.class, params(all), "/*")
                .servlet("callback", EveSsoCallbackServlet.class, "/sso/callback")
                .servlet("echo", EchoServlet.class, "/protected/*"));
        app.deploy(webapp);
        assertThat(app.started()).as("context started, state %s", app.state()).isTrue();
    }

    @Test
    void aProtectedContextRootServedAsAWelcomeFileRequiresALogin() {
        deploy("eve.sso.protected-paths", "/", "eve.sso.excluded-paths", "");

        Page root = browser.getNoFollow(app.url("/"));

        assertThat(root.status()).isEqualTo(302);
        assertThat(root.header("Location")).startsWith(sso.authorizeUrl() + "?");
        assertThat(browser.getNoFollow(app.url("/protected/x")).status()).as("only the root is protected")
                .isEqualTo(200);
    }

    @Test
    void anExcludedContextRootServedAsAWelcomeFileNeedsNoLogin() {
        deploy("eve.sso.excluded-paths", "/");

        Page root = browser.getNoFollow(app.url("/"));

        assertThat(root.status()).isEqualTo(200);
        assertThat(root.body()).contains("landing page");
        assertThat(browser.getNoFollow(app.url("/protected/x")).status()).as("everything else is protected")
                .isEqualTo(302);
    }
}
