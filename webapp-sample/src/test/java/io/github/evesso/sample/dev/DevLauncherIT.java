package io.github.evesso.sample.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.sample.HtmlBrowsers;
import io.github.evesso.sample.dev.DevLauncher.Mode;
import io.github.evesso.sample.dev.DevLauncher.Options;
import io.github.evesso.testing.AuthorizeMode;
import io.github.evesso.testing.TestCharacter;
import java.nio.file.Path;
import java.util.Map;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mvn -Pdev package exec:java} runs, on ephemeral ports: the packaged WAR beside a local EVE SSO that
 * shows its character picker; a newcomer picks a character and lands on the character page, and the token store on
 * an H2 file holds the character for the background job.
 */
class DevLauncherIT {
    @TempDir
    Path data;
    private DevLauncher.Running running;
    private final HtmlBrowsers browsers = new HtmlBrowsers();

    @AfterEach
    void tearDown() {
        browsers.close();
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aNewcomerPicksACharacterAtTheLocalSsoAndLandsOnTheCharacterPage() throws Exception {
        running = DevLauncher.start(new Options(true, "127.0.0.1", 0, 0, true,
                Path.of(System.getProperty("sample.war")), Path.of(System.getProperty("sample.context-xml")), data,
                Map.<String, String>of()::get));
        assertThat(running.mode()).isEqualTo(Mode.DEV);
        assertThat(running.sso().authorizeMode()).isEqualTo(AuthorizeMode.INTERACTIVE);
        TestCharacter kestrel = running.sso().characters().get(1);
        WebClient browser = browsers.open();

        HtmlPage landing = browser.getPage(running.url("/").toURL());
        HtmlPage picker = landing.getHtmlElementById("login-main").click();
        assertThat(picker.getUrl().toString()).startsWith(running.sso().authorizeUrl());
        HtmlButton pick = picker.querySelector("button[name=character_id][value='" + kestrel.id() + "']");
        HtmlPage character = pick.click();

        assertThat(character.getUrl().toString()).isEqualTo(running.url("/character").toString());
        assertThat(character.getHtmlElementById("character-name").getTextContent()).isEqualTo(kestrel.name());
        assertThat(character.querySelector("img.portrait").getAttributes().getNamedItem("src").getNodeValue())
                .isEqualTo("/static/portrait-placeholder.svg");
        HtmlPage wallet = character.getAnchorByText("Wallet").click();
        assertThat(wallet.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(wallet.getHtmlElementById("balance").getTextContent()).matches("-?[\\d,]+\\.\\d\\d");

        HtmlPage job = browser.getPage(running.url("/jobs/wallets").toURL());
        assertThat(job.querySelector("tr.stored-character td.name").getTextContent()).isEqualTo(kestrel.name());
        assertThat(data.resolve(SampleTokenStore.DATABASE + ".mv.db")).isRegularFile();
    }

    @Test
    void stoppingFreesBothPorts() throws Exception {
        running = DevLauncher.start(new Options(true, "127.0.0.1", 0, 0, false,
                Path.of(System.getProperty("sample.war")), null, null, Map.<String, String>of()::get));
        int appPort = running.server().port();
        int ssoPort = running.sso().port();

        running.close();
        running = null;

        try (java.net.ServerSocket app = new java.net.ServerSocket(appPort, 1,
                java.net.InetAddress.getByName("127.0.0.1"));
             java.net.ServerSocket sso = new java.net.ServerSocket(ssoPort, 1,
                     java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThat(app.getLocalPort()).isEqualTo(appPort);
            assertThat(sso.getLocalPort()).isEqualTo(ssoPort);
        }
    }
}
