package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.github.evesso.support.Browser;
import io.github.evesso.support.Page;
import io.github.evesso.support.TestApp;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.Principal;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The library deployed the way a user deploys it: a WAR (built with ShrinkWrap) that carries the library exactly as a
 * user's WAR would, as {@code WEB-INF/lib/eve-sso-servlet.jar} built from the compiled main classes (with
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}), plus a {@code web.xml} with
 * {@code eve.sso.*} context-params only and a tiny servlet of the application. Arquillian deploys it into its embedded
 * Tomcat (client mode); the drop-in initializer must install the filter by itself. The library's own dependencies
 * (Nimbus, Yasson, SmallRye Config) come from the test class path, which the embedded adapter makes visible to the
 * application.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ArquillianWarDeploymentTest {
    private static final String WAR = "eve-sso-arquillian";

    private static LocalEveSso sso;

    @ArquillianResource
    private URL base;

    private final Browser browser = new Browser();

    /**
     * The local EVE SSO. Arquillian builds and deploys the WAR before any {@code @BeforeAll} runs, and the WAR needs
     * its metadata URL, so whichever comes first starts it.
     */
    private static synchronized LocalEveSso sso() {
        if (sso == null) {
            sso = LocalEveSso.builder().build().start();
        }
        return sso;
    }

    @BeforeAll
    static void startSso() {
        sso().registerClient(TestApp.CLIENT_ID, TestApp.CLIENT_SECRET, callbackUrl());
    }

    @AfterAll
    static void stopSso() {
        if (sso != null) {
            sso.close();
            sso = null;
        }
    }

    private static String callbackUrl() {
        return "http://localhost:" + Integer.getInteger("arq.tomcat.port", 8080) + "/" + WAR + "/sso/callback";
    }

    @Deployment(testable = false)
    static WebArchive war() throws URISyntaxException {
        Path classes = Path.of(EveSso.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaArchive library = ShrinkWrap.create(JavaArchive.class, "eve-sso-servlet.jar")
                .as(ExplodedImporter.class).importDirectory(classes.toFile()).as(JavaArchive.class);
        assertThat(library.contains("META-INF/services/jakarta.servlet.ServletContainerInitializer")).isTrue();
        assertThat(library.contains("io/github/evesso/testing")).as("no test fixtures in the library").isFalse();
        return ShrinkWrap.create(WebArchive.class, WAR + ".war")
                .addAsLibrary(library)
                .addClass(PrincipalServlet.class)
                .setWebXML(new StringAsset(webXml()));
    }

    private static String webXml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                %s%s%s%s%s%s</web-app>
                """.formatted(
                param("eve.sso.client-id", TestApp.CLIENT_ID),
                param("eve.sso.client-secret", TestApp.CLIENT_SECRET),
                param("eve.sso.callback-url", callbackUrl()),
                param("eve.sso.metadata-url", sso().metadataUrl()),
                param("eve.sso.excluded-paths", "/public/*"),
                param("eve.sso.login-min-age", "0")); // the local SSO approves faster than a person
    }

    private static String param(String name, String value) {
        return "  <context-param><param-name>" + name + "</param-name><param-value>" + value
                + "</param-value></context-param>\n";
    }

    private URI url(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    @Test
    void dropInWarLogsInAndExposesTheCharacter() {
        TestCharacter pilot = sso.characters().get(0);

        Page page = browser.get(url("/me?x=1"));

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.uri()).isEqualTo(url("/me?x=1"));
        assertThat(page.redirects()).anyMatch(u -> u.toString().startsWith(sso.authorizeUrl() + "?"))
                .anyMatch(u -> u.toString().startsWith(callbackUrl()));
        assertThat(page.line("id")).isEqualTo(String.valueOf(pilot.id()));
        assertThat(page.line("name")).isEqualTo(pilot.name());
        assertThat(page.body()).doesNotContain(TestApp.CLIENT_SECRET);
    }

    @Test
    void ajaxRequestWithoutLoginGets401Json() throws Exception {
        int authorizes = sso.requestCount(Endpoint.AUTHORIZE);

        Page page = browser.ajax(url("/me"));

        assertThat(page.status()).isEqualTo(401);
        assertThat(page.header("Location")).isNull();
        assertThat(page.header("Content-Type")).startsWith("application/json");
        Map<String, Object> json = JSONObjectUtils.parse(page.body());
        assertThat(json).containsEntry("error", "login_required")
                .containsEntry("login_url", "/" + WAR + "/sso/login");
        assertThat(page.body()).doesNotContain(TestApp.CLIENT_SECRET).doesNotContain("Exception");
        assertThat(sso.requestCount(Endpoint.AUTHORIZE)).isEqualTo(authorizes);
        assertThat(browser.getNoFollow(url("/me")).status()).as("still not logged in").isEqualTo(302);
    }

    /** The application's page: the logged-in principal's character id and name. */
    @WebServlet("/me")
    public static class PrincipalServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Principal principal = req.getUserPrincipal();
            resp.setContentType("text/plain;charset=UTF-8");
            if (principal instanceof EveCharacter character) {
                resp.getWriter().print("id=" + character.id() + "\nname=" + character.name() + "\n");
            } else {
                resp.getWriter().print("principal=" + principal + "\n");
            }
        }
    }
}
