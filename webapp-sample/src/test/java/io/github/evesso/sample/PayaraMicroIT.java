package io.github.evesso.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code -payara} WAR (no SmallRye Config, no Yasson inside) on Payara Micro 6 ({@link PayaraMicro}), started as
 * a separate JVM with the EVE SSO settings in environment variables, read by Payara's own MicroProfile Config. Runs
 * with {@code -Ppayara-micro} (which fetches Payara Micro into target/payara/); skipped otherwise.
 */
class PayaraMicroIT {
    @TempDir
    Path work;
    private PayaraMicro payara;
    private LocalEveSso sso;
    private WebClient browser;

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
        if (payara != null) {
            payara.close();
        }
        if (sso != null) {
            sso.close();
        }
    }

    @Test
    void theSampleLogsInOnPayaraMicroWithPayarasOwnMicroProfileConfig() throws Exception {
        assumeTrue(PayaraMicro.jar() != null, "Payara Micro not fetched: run with -Ppayara-micro");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String callback = "http://localhost:" + port + "/sso/callback";
        sso = LocalEveSso.builder().client(SampleApp.CLIENT_ID, SampleApp.CLIENT_SECRET, callback).build().start();

        // ROOT.war deploys at the context root "/"; the ready-to-copy pre-boot commands keep Payara on loopback.
        payara = PayaraMicro.start(work, "payara-micro-it.log", port, List.of("--nocluster"),
                PayaraMicro.environment(sso, callback));
        URI landing = URI.create("http://localhost:" + port + "/");

        browser = new WebClient(BrowserVersion.FIREFOX);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.getOptions().setTimeout(15_000);
        TestCharacter aura = sso.characters().get(0);
        HtmlPage character = browser.<HtmlPage>getPage(landing.toURL()).getHtmlElementById("login-main").click();
        assertThat(character.getUrl().getPath()).isEqualTo("/character");
        assertThat(character.getHtmlElementById("character-name").getTextContent()).isEqualTo(aura.name());
        HtmlPage wallet = character.getAnchorByText("Wallet").click();
        assertThat(wallet.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(wallet.getHtmlElementById("balance").getTextContent()).matches("-?[\\d,]+\\.\\d\\d");
        HtmlPage afterLogout = wallet.getHtmlElementById("logout").click();
        assertThat(afterLogout.getElementById("login-main")).isNotNull();
        assertThat(sso.revokedTokens()).hasSize(1);
        assertThat(payara.log()).doesNotContain(SampleApp.CLIENT_SECRET);
    }
}
