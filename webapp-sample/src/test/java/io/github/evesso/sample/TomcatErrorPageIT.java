package io.github.evesso.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.sample.dev.DevLauncher;
import io.github.evesso.sample.dev.DevLauncher.Options;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Valve;
import org.apache.tomcat.util.digester.Digester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/**
 * Tomcat's own error pages tell an attacker nothing: a request line over Tomcat's 8 KB header limit
 * ({@code /sso/callback?state=<20,000 characters>}), refused before any application runs, and a page nobody serves
 * (an excluded static path) get a page without a Java stack trace and without "Apache Tomcat/&lt;version&gt;". In the dev launcher, and with
 * the valve of {@code server-config/tomcat/error-report-valve.xml} read as Tomcat reads {@code server.xml}. Without
 * that valve, Tomcat's default shows both (so these checks do see a leak).
 */
class TomcatErrorPageIT {
    private static final String OVERSIZED_REQUEST = "/sso/callback?state=" + "a".repeat(20_000);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private DevLauncher.Running running;
    private SampleApp app;

    @AfterEach
    void tearDown() {
        if (running != null) {
            running.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theDevLauncherAnswersAnOversizedRequestLineWithoutStackTraceOrVersion() throws Exception {
        running = DevLauncher.start(new Options(true, "127.0.0.1", 0, 0, false,
                Path.of(System.getProperty("sample.war")), SampleApp.contextXml(), null,
                Map.<String, String>of()::get));

        HttpResponse<String> refused = get(running.url(OVERSIZED_REQUEST));
        HttpResponse<String> missing = get(running.url("/static/no-such-file.css"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertTellsNothing(refused);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertTellsNothing(missing);
    }

    @Test
    void serverConfigsErrorReportValveAnswersAnOversizedRequestLineWithoutStackTraceOrVersion() throws Exception {
        app = SampleApp.start(SampleApp.Style.WEBXML, serverConfigHostValves());

        HttpResponse<String> refused = get(app.url(OVERSIZED_REQUEST));
        HttpResponse<String> missing = get(app.url("/static/no-such-file.css"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertTellsNothing(refused);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertTellsNothing(missing);
    }

    @Test
    void withoutTheValveTomcatShowsItsStackTraceAndVersion() throws Exception {
        app = SampleApp.start(SampleApp.Style.WEBXML, List.of());

        HttpResponse<String> refused = get(app.url(OVERSIZED_REQUEST));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Apache Tomcat/", "IllegalArgumentException",
                "org.apache.coyote.http11.Http11InputBuffer");
    }

    /** The page names its status and nothing of the server: no version, no exception, no stack frame. */
    private static void assertTellsNothing(HttpResponse<String> response) {
        assertThat(response.body()).contains("HTTP Status " + response.statusCode())
                .doesNotContain("Apache Tomcat", "Tomcat/", "Exception", "org.apache.", "java.base", "java.lang.");
        assertThat(response.headers().firstValue("Server")).isEmpty();
    }

    private HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(15)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The {@code <Valve>} of {@code server-config/tomcat/error-report-valve.xml}, built by the rules Tomcat applies to
     * {@code Host/Valve} in {@code server.xml} (class from {@code className}, attributes as properties).
     */
    private static List<Valve> serverConfigHostValves() throws IOException, SAXException {
        Path snippet = SampleApp.contextXml().resolveSibling("error-report-valve.xml");
        List<Valve> valves = new ArrayList<>();
        Digester digester = new Digester();
        digester.setValidating(false);
        digester.setRulesValidation(true);
        digester.push(valves);
        digester.addObjectCreate("Valve", null, "className");
        digester.addSetProperties("Valve");
        digester.addSetNext("Valve", "add", "java.lang.Object");
        digester.parse(snippet.toFile());
        assertThat(valves).as("the valves of " + snippet).hasSize(1);
        return valves;
    }
}
