package io.github.evesso.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The size rule of the codebase: no production source file (nested types included) longer than 400 lines. */
class SourceFileSizeTest {
    private static final int MAX_LINES = 400;
    private static final Path PRODUCTION_SOURCES = Path.of("src", "main", "java");

    @Test
    void noProductionSourceFileIsLongerThan400Lines() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(PRODUCTION_SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("production sources under " + PRODUCTION_SOURCES.toAbsolutePath()).isNotEmpty();
        assertThat(sources).allSatisfy(file -> assertThat(lines(file))
                .as("%s has more than %d lines: split it", file, MAX_LINES).isLessThanOrEqualTo(MAX_LINES));
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
