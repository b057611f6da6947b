package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.EveSsoConfigKeys.Key;
import io.github.evesso.internal.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "All settings" tables and the {@link Key} table say the same: every key documented once, in the order
 * (and so the groups) of the code, each documented default equal to the code's, and "required" exactly for the keys
 * an empty builder reports missing.
 */
class ReadmeSettingsTest {
    private static final Path README = Path.of("README.md");
    private static final String PREFIX = "eve.sso.";
    /** A table row: a key in backticks in the first cell, the default in the second. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9-]+)`\\s*\\|\\s*([^|]*?)\\s*\\|.*$");
    /** A default written as one code span, such as {@code `60s`}. */
    private static final Pattern CODE = Pattern.compile("^`([^`]+)`$");
    private static final String REQUIRED = "required";
    /** Read at start-up by the registration, not part of EveSsoConfig: documented in the same table. */
    private static final String AUTO_REGISTER = ConfigLoader.AUTO_REGISTER.substring(PREFIX.length());

    private static Map<String, String> documented;

    @BeforeAll
    static void readTheSettingsTables() throws IOException {
        documented = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(README);
        int start = lines.indexOf("### All settings");
        assertThat(start).as("the README has a section '### All settings'").isNotNegative();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ") || line.startsWith("### ")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                assertThat(documented.put(row.group(1), row.group(2))).as(row.group(1) + " documented twice").isNull();
            }
        }
    }

    @Test
    void everyKeyIsDocumentedInTheOrderOfTheKeyTable() {
        List<String> expected = new ArrayList<>(Arrays.stream(Key.values()).map(ReadmeSettingsTest::name).toList());
        expected.add(AUTO_REGISTER);
        assertThat(documented.keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void everyDocumentedDefaultIsTheDefaultOfTheCode() {
        for (Key key : Key.values()) {
            String cell = documented.get(name(key));
            assertThat(cell).as("%s is documented", key).isNotNull();
            Matcher code = CODE.matcher(cell);
            if (key.defaultValue().isPresent()) {
                assertThat(code.matches()).as("%s: the README shows its default in backticks, not '%s'", key, cell)
                        .isTrue();
                assertThat(code.group(1)).as("%s default", key).isEqualTo(key.defaultValue().get());
            } else {
                assertThat(code.matches()).as("%s has no default in code; the README shows '%s'", key, cell).isFalse();
            }
        }
    }

    @Test
    void requiredKeysAreExactlyThoseAnEmptyBuilderReportsMissing() {
        List<String> missing = catchProblems(EveSsoConfig.builder()).stream()
                .filter(p -> p.endsWith(" is missing")).map(p -> p.substring(PREFIX.length(), p.indexOf(' ')))
                .toList();
        List<String> required = documented.entrySet().stream().filter(e -> e.getValue().equals(REQUIRED))
                .map(Map.Entry::getKey).toList();
        assertThat(required).isNotEmpty().containsExactlyElementsOf(missing);
    }

    @Test
    void autoRegisterIsDocumentedAsOnByDefault() {
        assertThat(documented.get(AUTO_REGISTER)).isEqualTo("`true`");
    }

    private static String name(Key key) {
        assertThat(key.property()).startsWith(PREFIX);
        return key.property().substring(PREFIX.length());
    }

    private static List<String> catchProblems(EveSsoConfig.Builder builder) {
        try {
            builder.build();
            return List.of();
        } catch (EveSsoConfigException e) {
            return e.problems();
        }
    }
}
