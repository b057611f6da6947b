package io.github.evesso.internal.esi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading the response headers the client decides on: first values, HTTP dates, {@code Retry-After}, merging. */
final class Headers {

    private Headers() {
    }

    /** The first value of {@code name} (case-insensitive in the maps the JDK and this class make), or {@code null}. */
    static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0).strip();
    }

    /** Header {@code name} as a whole number of at least 0, or {@code null} when absent or unreadable. */
    static Long wholeNumber(Map<String, List<String>> headers, String name) {
        String value = first(headers, name);
        if (value == null) {
            return null;
        }
        try {
            long n = Long.parseLong(value);
            return n < 0 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An RFC 1123 HTTP date, or {@code null} when absent or unreadable. */
    static Instant date(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date (counted from {@code now}); {@code null} when absent. */
    static Duration retryAfter(Map<String, List<String>> headers, Instant now) {
        Long seconds = wholeNumber(headers, "Retry-After");
        if (seconds != null) {
            return Duration.ofSeconds(seconds);
        }
        Instant at = date(first(headers, "Retry-After"));
        if (at == null) {
            return null;
        }
        Duration wait = Duration.between(now, at);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** {@code cached} with every header of {@code update} replacing the cached one of that name (RFC 9111 §4.3.4). */
    static Map<String, List<String>> merge(Map<String, List<String>> cached, Map<String, List<String>> update) {
        TreeMap<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        merged.putAll(cached);
        update.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                merged.put(name, List.copyOf(values));
            }
        });
        return Collections.unmodifiableMap(merged);
    }
}
