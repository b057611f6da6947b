package io.github.evesso.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What each packaged WAR holds: the library and its runtime dependencies, nothing of the tests or the dev launcher,
 * no Servlet API; the Payara WAR leaves MicroProfile Config and JSON-B to the server.
 */
class WarContentsIT {

    private static List<String> entries(String property) throws IOException {
        try (ZipFile war = new ZipFile(Path.of(System.getProperty(property)).toFile())) {
            return war.stream().map(ZipEntry::getName).toList();
        }
    }

    private static String text(String property, String entry) throws IOException {
        try (ZipFile war = new ZipFile(Path.of(System.getProperty(property)).toFile())) {
            return new String(war.getInputStream(war.getEntry(entry)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyWarHoldsTheLibraryAndH2ButNoTestCodeNoDevLauncherAndNoServletApi() throws IOException {
        for (String war : List.of("sample.war", "sample.war.webxml", "sample.war.payara")) {
            List<String> entries = entries(war);
            assertThat(entries).as(war)
                    .anyMatch(e -> e.matches("WEB-INF/lib/eve-sso-servlet-[^/]*SNAPSHOT\\.jar"))
                    .anyMatch(e -> e.startsWith("WEB-INF/lib/nimbus-jose-jwt-"))
                    .anyMatch(e -> e.startsWith("WEB-INF/lib/h2-")) // the token store's database, for every runtime
                    .contains("WEB-INF/classes/io/github/evesso/sample/WalletServlet.class",
                            "static/sample.css", "static/sample.js", "static/portrait-placeholder.svg")
                    .noneMatch(e -> e.contains("-tests.jar") || e.contains("/dev/") || e.contains("tomcat")
                            || e.contains("servlet-api") || e.contains("htmlunit") || e.contains("selenium")
                            || e.contains("junit"));
        }
    }

    @Test
    void theAnnotationWarHasNoWebXmlAndTheOtherDeclaresEverything() throws IOException {
        assertThat(entries("sample.war")).doesNotContain("WEB-INF/web.xml")
                .anyMatch(e -> e.startsWith("WEB-INF/lib/smallrye-config-"));
        String webXml = text("sample.war.webxml", "WEB-INF/web.xml");
        assertThat(webXml).contains("metadata-complete=\"true\"", "<distributable/>",
                "io.github.evesso.EveSsoFilter", "io.github.evesso.EveSsoCallbackServlet");
    }

    @Test
    void thePayaraWarLeavesMicroProfileConfigAndJsonBindingToPayara() throws IOException {
        assertThat(entries("sample.war.payara"))
                .noneMatch(e -> e.startsWith("WEB-INF/lib/smallrye-") || e.startsWith("WEB-INF/lib/microprofile-")
                        || e.startsWith("WEB-INF/lib/yasson-") || e.startsWith("WEB-INF/lib/jakarta.json")
                        || e.startsWith("WEB-INF/lib/parsson-"))
                .contains("WEB-INF/classes/META-INF/microprofile-config.properties");
    }

    @Test
    void thePayaraWarIsTheAnnotationWarMadeDistributable() throws IOException {
        String webXml = text("sample.war.payara", "WEB-INF/web.xml");
        assertThat(webXml).contains("<distributable/>", "metadata-complete=\"false\"")
                .doesNotContain("<filter", "<servlet", "<listener", "<context-param");
    }
}
