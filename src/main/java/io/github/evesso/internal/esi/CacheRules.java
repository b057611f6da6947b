package io.github.evesso.internal.esi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How long an answer stays fresh, from its headers (RFC 9111, as a private cache): {@code Cache-Control: no-store}
 * forbids storing; {@code no-cache} stores it stale (to revalidate by ETag); {@code max-age} wins over
 * {@code Expires}, which counts from the answer's {@code Date} when it has one (so that a skewed server clock does
 * not shorten or stretch it); an answer without either is stale at once. No freshness beyond
 * {@link #MAX_FRESHNESS} is believed.
 */
final class CacheRules {
    /** The longest freshness believed: no ESI route is cached for longer than a day. */
    static final Duration MAX_FRESHNESS = Duration.ofDays(1);

    private CacheRules() {
    }

    /**
     * Until when the answer is fresh, counted from {@code now} (the time it arrived); empty when it must not be
     * stored. An instant not after {@code now} means stale: only worth keeping with an ETag.
     */
    static Optional<Instant> freshUntil(Map<String, List<String>> headers, Instant now) {
        Long maxAge = null;
        boolean noCache = false;
        for (String directive : directives(headers)) {
            if (directive.equals("no-store")) {
                return Optional.empty();
            }
            if (directive.equals("no-cache")) {
                noCache = true;
            } else if (directive.startsWith("max-age=")) {
                maxAge = seconds(directive.substring("max-age=".length()));
            }
        }
        if (noCache) {
            return Optional.of(now);
        }
        if (maxAge != null) {
            return Optional.of(now.plus(capped(Duration.ofSeconds(maxAge))));
        }
        String expiresHeader = Headers.first(headers, "Expires");
        if (expiresHeader == null) {
            return Optional.of(now);
        }
        Instant expires = Headers.date(expiresHeader);
        if (expires == null) {
            return Optional.of(now); // "0" and other invalid dates mean already expired
        }
        Instant date = Headers.date(Headers.first(headers, "Date"));
        Duration lifetime = Duration.between(date != null ? date : now, expires);
        return Optional.of(lifetime.isNegative() ? now : now.plus(capped(lifetime)));
    }

    private static Duration capped(Duration lifetime) {
        return lifetime.compareTo(MAX_FRESHNESS) > 0 ? MAX_FRESHNESS : lifetime;
    }

    private static List<String> directives(Map<String, List<String>> headers) {
        List<String> values = headers.get("Cache-Control");
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(d -> d.strip().toLowerCase(Locale.ROOT).replace("\"", "")).toList();
    }

    /** Delta-seconds; 0 when unreadable (treated as stale). */
    private static long seconds(String value) {
        try {
            return Math.min(Math.max(0, Long.parseLong(value.strip())), MAX_FRESHNESS.toSeconds());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
