package io.github.evesso.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The string forms of setting values, one method per kind; each returns empty when the text is not of its kind. Texts
 * arrive stripped and non-blank.
 */
final class ValueSyntax {
    /** What a duration looks like, for problem messages. */
    static final String DURATION_EXAMPLES = "60, 30s, 10m or PT1M";

    private ValueSyntax() {
    }

    /**
     * Seconds ({@code 60}), a whole number with a unit ({@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}; any case)
     * or ISO-8601 ({@code PT1M}).
     */
    static Optional<Duration> duration(String text) {
        String v = text.toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Optional.of(Duration.parse(text));
            } else if (v.endsWith("ms")) {
                return Optional.of(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))));
            } else if (v.endsWith("s")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1))));
            } else if (v.endsWith("m")) {
                return Optional.of(Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1))));
            } else if (v.endsWith("h")) {
                return Optional.of(Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1))));
            }
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        } catch (NumberFormatException | DateTimeParseException notADuration) {
            return Optional.empty();
        }
    }

    /** {@code true} or {@code false}, in any case. */
    static Optional<Boolean> bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** A decimal {@code int}. */
    static Optional<Integer> wholeNumber(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException notAnInt) {
            return Optional.empty();
        }
    }

    /** A URI reference (whether it is an absolute http(s) URL is for validation to say). */
    static Optional<URI> uri(String text) {
        try {
            return Optional.of(new URI(text));
        } catch (URISyntaxException notAUri) {
            return Optional.empty();
        }
    }

    /**
     * Scope rules {@code /wallet/*=esi-wallet.read_character_wallet.v1; /assets/*=a b}: rules separated by
     * {@code ;}, each a URL pattern, {@code =}, and scopes separated by whitespace or commas; empty when malformed.
     */
    static Optional<Map<String, List<String>>> scopeRules(String text) {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        for (String rule : split(text, "\\s*;\\s*")) {
            int equals = rule.indexOf('=');
            if (equals <= 0 || rules.containsKey(rule.substring(0, equals).strip())) {
                return Optional.empty();
            }
            rules.put(rule.substring(0, equals).strip(), spaceOrCommaList(rule.substring(equals + 1)));
        }
        return Optional.of(rules);
    }

    /**
     * Comma-separated {@code id:value} pairs ({@code k1:AAAA=, k2:BBBB=}), each part trimmed and non-empty, split at
     * the first {@code :}; in the order given (repeated ids kept, for validation to report); empty when malformed.
     */
    static Optional<List<Map.Entry<String, String>>> keyPairs(String text) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String item : commaList(text)) {
            int colon = item.indexOf(':');
            String id = colon < 0 ? "" : item.substring(0, colon).strip();
            String value = colon < 0 ? "" : item.substring(colon + 1).strip();
            if (id.isEmpty() || value.isEmpty()) {
                return Optional.empty();
            }
            pairs.add(Map.entry(id, value));
        }
        return Optional.of(pairs);
    }

    /** Comma-separated items, trimmed, empty items dropped. */
    static List<String> commaList(String text) {
        return split(text, "\\s*,\\s*");
    }

    /** Items separated by whitespace and/or commas (scopes), empty items dropped. */
    static List<String> spaceOrCommaList(String text) {
        return split(text, "[\\s,]+");
    }

    private static List<String> split(String text, String separator) {
        return Arrays.stream(text.strip().split(separator)).filter(s -> !s.isBlank()).toList();
    }
}
