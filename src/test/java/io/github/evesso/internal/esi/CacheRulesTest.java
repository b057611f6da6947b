package io.github.evesso.internal.esi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The freshness rules of {@link CacheRules}, on headers as ESI sends them (pure logic, no HTTP). */
class CacheRulesTest {
    private static final Instant NOW = Instant.parse("2025-10-01T12:00:00Z");

    @Test
    void expiresCountsFromTheAnswersDateSoThatASkewedServerClockChangesNothing() {
        Instant esiNow = NOW.plus(Duration.ofHours(1)); // ESI's clock an hour ahead of ours
        Map<String, List<String>> headers = headers("Date", http(esiNow), "Expires", http(esiNow.plusSeconds(90)));

        assertThat(CacheRules.freshUntil(headers, NOW)).contains(NOW.plusSeconds(90));
    }

    @Test
    void expiresWithoutADateCountsFromOurClock() {
        assertThat(CacheRules.freshUntil(headers("Expires", http(NOW.plusSeconds(30))), NOW))
                .contains(NOW.plusSeconds(30));
    }

    @Test
    void anInvalidOrPastExpiresIsStale() {
        assertThat(CacheRules.freshUntil(headers("Expires", "0"), NOW)).contains(NOW);
        assertThat(CacheRules.freshUntil(headers("Expires", http(NOW.minusSeconds(5))), NOW)).contains(NOW);
    }

    @Test
    void maxAgeWinsOverExpiresAndNoStoreOverEverything() {
        assertThat(CacheRules.freshUntil(headers("Cache-Control", "public, max-age=5",
                "Expires", http(NOW.plusSeconds(300))), NOW)).contains(NOW.plusSeconds(5));
        assertThat(CacheRules.freshUntil(headers("Cache-Control", "max-age=5, no-store"), NOW)).isEmpty();
        assertThat(CacheRules.freshUntil(headers("Cache-Control", "no-cache", "Expires", http(NOW.plusSeconds(300))),
                NOW)).contains(NOW);
    }

    @Test
    void anAnswerWithoutFreshnessIsStaleAtOnceAndNoFreshnessBeyondADayIsBelieved() {
        assertThat(CacheRules.freshUntil(headers(), NOW)).contains(NOW);
        assertThat(CacheRules.freshUntil(headers("Cache-Control", "max-age=99999999999999999999"), NOW))
                .contains(NOW);
        assertThat(CacheRules.freshUntil(headers("Cache-Control", "max-age=31536000"), NOW))
                .contains(NOW.plus(CacheRules.MAX_FRESHNESS));
    }

    private static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return headers;
    }

    private static String http(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
