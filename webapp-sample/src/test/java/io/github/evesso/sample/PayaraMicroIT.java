package io.github.evesso.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.evesso.sample.dev.SampleTokenStore;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code -payara} WAR (no SmallRye Config, no Yasson inside) on Payara Micro 6 ({@link PayaraMicro}), started as
 * a separate JVM with the EVE SSO settings in environment variables, read by Payara's own MicroProfile Config. Runs
 * with {@code -Ppayara-micro} (which fetches Payara Micro into target/payara/); skipped otherwise. With the token
 * store settings, the background job reads the wallets through the WAR's own H2 {@code <data-source>}.
 */
class PayaraMicroIT {
    @TempDir
    Path work;
    private PayaraMicro payara;
    private LocalEveSso sso;
    private final HtmlBrowsers browsers = new HtmlBrowsers();

    @AfterEach
    void tearDown() {
        browsers.close();
        if (payara != null) {
            payara.close();
        }
        if (sso != null) {
            sso.close();
        }
    }

    @Test
    void theSampleLogsInOnPayaraMicroWithPayarasOwnMicroProfileConfig() throws Exception {
        URI landing = start(Map.of());
        TestCharacter aura = sso.characters().get(0);
        HtmlPage character = newBrowser().<HtmlPage>getPage(landing.toURL()).getHtmlElementById("login-main").click();
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

    @Test
    void theBackgroundJobReadsTheStoredCharactersWithTheWarsH2DataSource() throws Exception {
        // the WAR's <data-source> (src/payara/web.xml), named by the library's settings in the environment
        URI landing = start(Map.of("EVE_SSO_TOKEN_STORE_DATASOURCE", SampleTokenStore.JNDI_NAME,
                "EVE_SSO_TOKEN_STORE_KEYS", SampleTokenStore.SAMPLE_KEYS));
        TestCharacter aura = sso.characters().get(0);
        TestCharacter kestrel = sso.characters().get(1);
        WebClient first = newBrowser();
        first.<HtmlPage>getPage(landing.toURL()).getHtmlElementById("login-main").click();

        sso.nextLoginAs(kestrel.id());
        HtmlPage job = newBrowser().<HtmlPage>getPage(landing.resolve("/jobs/wallets").toURL())
                .<HtmlButton>getHtmlElementById("run-job").click();

        assertThat(job.getHtmlElementById("last-run").getTextContent()).contains("2 wallets read, 0 failed");
        assertThat(job.querySelectorAll("tr.stored-character td.balance")).hasSize(2)
                .allSatisfy(cell -> assertThat(cell.getTextContent()).matches("-?[\\d,]+\\.\\d\\d"));
        assertThat(job.getWebResponse().getContentAsString()).contains(aura.name(), kestrel.name())
                .doesNotContain("eyJ");
        assertThat(work.resolve("data").resolve(SampleTokenStore.DATABASE + ".mv.db")).isRegularFile();
        assertThat(payara.log()).doesNotContain(SampleApp.CLIENT_SECRET).doesNotContain("7VQX");
    }

    /** Starts the local SSO and Payara Micro with the sample's environment and {@code more}; the landing page. */
    private URI start(Map<String, String> more) throws Exception {
        assumeTrue(PayaraMicro.jar() != null, "Payara Micro not fetched: run with -Ppayara-micro");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String callback = "http://localhost:" + port + "/sso/callback";
        sso = LocalEveSso.builder().client(SampleApp.CLIENT_ID, SampleApp.CLIENT_SECRET, callback).build().start();
        Map<String, String> environment = PayaraMicro.environment(sso, callback);
        environment.putAll(more);
        // ROOT.war deploys at the context root "/"; the ready-to-copy pre-boot commands keep Payara on loopback.
        payara = PayaraMicro.start(work, "payara-micro-it.log", port, List.of("--nocluster"), environment);
        return URI.create("http://localhost:" + port + "/");
    }

    private WebClient newBrowser() {
        return browsers.open();
    }
}
