package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The files a release sets its version in agree with each other (README, "Releasing"): the README's dependency
 * snippet, the sample's library version, CHANGELOG.md, and the licence of every POM.
 */
class ReleaseFilesTest {
    private static final Path POM = Path.of("pom.xml");
    private static final Path SAMPLE_POM = Path.of("webapp-sample", "pom.xml");
    private static final Path README = Path.of("README.md");
    private static final Path CHANGELOG = Path.of("CHANGELOG.md");
    private static final Path LICENSE = Path.of("LICENSE");
    /** The library's dependency snippet (the test-jar's has a {@code <type>} after the version). */
    private static final Pattern SNIPPET =
            Pattern.compile("<artifactId>eve-sso-servlet</artifactId>\\s*<version>([^<]+)</version>");
    /** The heading of a released version: {@code ## [1.2.3] - 2027-01-31}. */
    private static final Pattern RELEASE = Pattern.compile("^## \\[(\\d+\\.\\d+\\.\\d+)] - \\d{4}-\\d{2}-\\d{2}$");
    private static final String UNRELEASED = "## [Unreleased]";
    private static final String APACHE_2 = "https://www.apache.org/licenses/LICENSE-2.0.txt";

    @Test
    void readmeDependencySnippetShowsTheNewestReleaseAndBeforeTheFirstOneThisVersion() throws Exception {
        String expected = releases().stream().findFirst().orElse(version());
        Matcher snippet = SNIPPET.matcher(Files.readString(README));
        assertThat(snippet.find()).as("README.md has the library's dependency snippet").isTrue();
        do {
            assertThat(snippet.group(1)).as("README.md dependency snippet version").isEqualTo(expected);
        } while (snippet.find());
    }

    @Test
    void theSampleBuildsAgainstTheLibraryVersionOfThisCheckout() throws Exception {
        assertThat(xpath(SAMPLE_POM, "/project/properties/eve-sso.version")).isEqualTo(version());
    }

    @Test
    void changelogStartsWithUnreleasedAndDatesTheVersionOfAReleaseBuild() throws Exception {
        List<String> headings = Files.readAllLines(CHANGELOG).stream().filter(line -> line.startsWith("## ")).toList();
        assertThat(headings).as("CHANGELOG.md sections").isNotEmpty();
        assertThat(headings.get(0)).as("the first section, where changes are added").isEqualTo(UNRELEASED);
        if (!version().endsWith("-SNAPSHOT")) {
            assertThat(releases()).as("CHANGELOG.md dated sections of a release build").contains(version());
        }
    }

    @Test
    void everyPomIsUnderTheApacheLicenseOfTheLicenseFile() throws Exception {
        assertThat(Files.readString(LICENSE)).contains("Apache License", "Version 2.0, January 2004");
        for (Path pom : List.of(POM, SAMPLE_POM)) {
            assertThat(xpath(pom, "/project/licenses/license/name")).as(pom + " licence")
                    .isEqualTo("Apache License, Version 2.0");
            assertThat(xpath(pom, "/project/licenses/license/url")).as(pom + " licence").isEqualTo(APACHE_2);
        }
    }

    /** The released versions of CHANGELOG.md, newest first. */
    private static List<String> releases() throws Exception {
        return Files.readAllLines(CHANGELOG).stream().map(RELEASE::matcher).filter(Matcher::matches)
                .map(m -> m.group(1)).toList();
    }

    private static String version() throws Exception {
        return xpath(POM, "/project/version");
    }

    private static String xpath(Path file, String expression) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(file.toFile());
        return XPathFactory.newInstance().newXPath().evaluate(expression, document).strip();
    }
}
