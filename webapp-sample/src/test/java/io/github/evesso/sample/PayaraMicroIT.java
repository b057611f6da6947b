package io.github.evesso.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.TestCharacter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code -payara} WAR (no SmallRye Config, no Yasson inside) on Payara Micro 6, started as a separate JVM with
 * the EVE SSO settings in environment variables, read by Payara's own MicroProfile Config. Runs with
 * {@code -Ppayara-micro} (which fetches Payara Micro into target/payara/); skipped otherwise.
 */
class PayaraMicroIT {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);

    @TempDir
    Path work;
    private Process payara;
    private LocalEveSso sso;
    private WebClient browser;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
        if (payara != null) {
            payara.descendants().forEach(ProcessHandle::destroy);
            payara.destroy();
            if (!payara.waitFor(30, TimeUnit.SECONDS)) {
                payara.descendants().forEach(ProcessHandle::destroyForcibly);
                payara.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (sso != null) {
            sso.close();
        }
    }

    @Test
    void theSampleLogsInOnPayaraMicroWithPayarasOwnMicroProfileConfig() throws Exception {
        Path jar = Path.of(System.getProperty("sample.payara-micro.jar", "target/payara/payara-micro.jar"));
        assumeTrue(Files.isRegularFile(jar), "Payara Micro not fetched: run with -Ppayara-micro");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String callback = "http://localhost:" + port + "/sso/callback";
        sso = LocalEveSso.builder().client(SampleApp.CLIENT_ID, SampleApp.CLIENT_SECRET, callback).build().start();

        // ROOT.war deploys at the context root "/"; the ready-to-copy pre-boot commands keep Payara on loopback.
        Path war = Files.copy(Path.of(System.getProperty("sample.war.payara")), work.resolve("ROOT.war"));
        Path preBoot = Path.of(System.getProperty("sample.payara-pre-boot",
                "../server-config/payara/pre-boot-commands.txt"));
        Path log = Files.createDirectories(jar.getParent()).resolve("payara-micro-it.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--deploy", war.toString(), "--port", Integer.toString(port), "--nocluster",
                "--rootdir", work.resolve("payara-root").toString(), "--prebootcommandfile", preBoot.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("EVE_SSO_CLIENT_ID", SampleApp.CLIENT_ID);
        env.put("EVE_SSO_CLIENT_SECRET", SampleApp.CLIENT_SECRET);
        env.put("EVE_SSO_CALLBACK_URL", callback);
        env.put("EVE_SSO_METADATA_URL", sso.metadataUrl());
        env.put("SAMPLE_ESI_BASE_URL", sso.esiBaseUrl());
        env.put("SAMPLE_PORTRAIT_URL", "/static/portrait-placeholder.svg");
        env.put("EVE_SSO_LOGIN_MIN_AGE", "0"); // the local SSO approves faster than a person
        payara = builder.start();
        URI landing = URI.create("http://localhost:" + port + "/");
        awaitUp(landing, log);

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
        assertThat(Files.readString(log)).doesNotContain(SampleApp.CLIENT_SECRET);
    }

    /** Polls the landing page until it answers 200, the process dies, or {@link #BOOT_TIMEOUT} passes. */
    private void awaitUp(URI url, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!payara.isAlive()) {
                throw new AssertionError("Payara Micro exited with " + payara.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET()
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
                if (Files.readString(log).contains(" ready in ")) { // up, but the application did not deploy
                    throw new AssertionError("Payara Micro answered " + r.statusCode() + ":\n" + tail(log));
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            payara.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("Payara Micro did not answer within " + BOOT_TIMEOUT + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
