package io.github.evesso.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -Dbench.only=8}: runs only the named parts and puts their summary rows and sections into the report as it
 * is, replacing those parts' old rows and section and leaving every other line alone (other parts, machine, findings).
 * Parts 1 to 7 share their set-up (JMH, one server) and run only together, in the full run; part 8 runs alone.
 */
final class PartialReport {
    private static final Pattern SUMMARY_ROW = Pattern.compile("^\\| (\\d+)\\. ");
    private static final Pattern PART_HEADING = Pattern.compile("^## (\\d+)\\. ");

    private PartialReport() {
    }

    /** Runs the parts named in {@code only} (comma-separated) and writes them into {@code report}. */
    static void run(String only, boolean smoke, Path report) throws IOException {
        for (String part : only.split(",")) {
            if (!part.strip().equals(String.valueOf(TokenStorePart.PART))) {
                throw new IllegalArgumentException("bench.only: only part " + TokenStorePart.PART + " runs alone (parts"
                        + " 1 to 7 run together, without bench.only); got '" + only + "'");
            }
        }
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long started = System.nanoTime();
        Report.progress("part " + TokenStorePart.PART + " alone; report: " + report.toAbsolutePath());
        TokenStorePart.Result result = TokenStorePart.run(TokenStorePart.Settings.of(smoke));
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        StringBuilder section = new StringBuilder();
        TokenStorePart.appendSection(section, result);
        section.append("*Part ").append(TokenStorePart.PART).append(" was run alone (`-Dbench.only=")
                .append(TokenStorePart.PART).append("`) on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(" in ").append(Math.round((System.nanoTime() - started) / 1e9)).append(" s, system load")
                .append(" average ").append(Report.f2(loadBefore)).append(" at its start and ")
                .append(Report.f2(loadAfter)).append(" at its end").append(smoke ? "; a smoke run: the numbers mean"
                        + " nothing" : "").append(".*\n\n");
        String existing = Files.exists(report) ? Files.readString(report, StandardCharsets.UTF_8)
                : "# Benchmarks\n\n## Summary\n\n| measure | target | result | |\n| --- | --- | --- | --- |\n\n";
        String text = splice(existing, TokenStorePart.PART, TokenStorePart.summaryRow(result), section.toString());
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, text, StandardCharsets.UTF_8);
        Report.progress("wrote part " + TokenStorePart.PART + " into " + report.toAbsolutePath());
    }

    /**
     * {@code report} with part {@code part}'s summary rows replaced by {@code rows} (or put after the rows of the
     * parts before it) and its section replaced by {@code section} (or put before the next part's or the findings).
     */
    static String splice(String report, int part, String rows, String section) {
        List<String> lines = new ArrayList<>(Arrays.asList(report.split("\n", -1)));
        lines.removeIf(l -> l.startsWith("| " + part + ". "));
        int insertRows = -1;
        for (int i = lines.indexOf("## Summary") + 1; i > 0 && i < lines.size() && !lines.get(i).startsWith("## ");
                i++) {
            Matcher row = SUMMARY_ROW.matcher(lines.get(i));
            if (lines.get(i).startsWith("| --- ") || row.find() && Integer.parseInt(row.group(1)) <= part) {
                insertRows = i + 1;
            }
        }
        if (insertRows < 0) {
            throw new IllegalStateException("the report has no summary table");
        }
        lines.addAll(insertRows, Arrays.asList(rows.strip().split("\n")));

        int start = -1;
        int end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher heading = PART_HEADING.matcher(line);
            boolean later = heading.find() && Integer.parseInt(heading.group(1)) > part
                    || line.startsWith("## Findings");
            if (start < 0 && line.startsWith("## " + part + ". ")) {
                start = i;
            } else if (start >= 0 && line.startsWith("## ")) {
                end = i;
                break;
            } else if (start < 0 && later) {
                start = i;
                end = i;
                break;
            }
        }
        List<String> sectionLines = Arrays.asList(section.split("\n", -1));
        if (start < 0) {
            String text = String.join("\n", lines);
            return (text.endsWith("\n\n") ? text : text.stripTrailing() + "\n\n") + section;
        }
        List<String> out = new ArrayList<>(lines.subList(0, start));
        out.addAll(sectionLines.subList(0, sectionLines.size() - 1)); // the section ends with a line end
        out.addAll(lines.subList(end, lines.size()));
        return String.join("\n", out);
    }
}
