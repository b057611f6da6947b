package io.github.evesso.internal.esi;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * The validated settings of one ESI client; see {@code io.github.evesso.EsiClient.Builder} for their meaning.
 *
 * @param baseUrl           absolute http(s) URL without query or fragment, no trailing slash (removed)
 * @param userAgent         names the application and a contact ({@link UserAgents})
 * @param compatibilityDate sent as {@code X-Compatibility-Date}
 * @param connectTimeout    connecting to ESI
 * @param readTimeout       one whole HTTP exchange, body included
 * @param maxResponseBytes  the largest body read
 * @param cacheEntries      cached answers at most (0: no cache)
 * @param cacheBytes        cached bytes at most
 * @param maxWait           the longest one call waits in total before it fails fast
 * @param retries           retries of one call at most
 * @param retryBackoff      the first back-off after a 502/503/504, doubling per retry
 * @param errorLimitMargin  errors left at which the client stops calling until the error window resets
 * @param clock             decides freshness and waits
 * @param sleeper           does the waiting
 */
public record EsiSettings(URI baseUrl, String userAgent, LocalDate compatibilityDate, Duration connectTimeout,
        Duration readTimeout, int maxResponseBytes, int cacheEntries, long cacheBytes, Duration maxWait,
        int retries, Duration retryBackoff, int errorLimitMargin, Clock clock, Sleeper sleeper) {

    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    static final Duration MAX_WAIT = Duration.ofMinutes(10);
    static final int MAX_RETRIES = 10;

    /**
     * Checks every value.
     *
     * @throws NullPointerException     when a value is missing ({@code userAgent} included)
     * @throws IllegalArgumentException naming the setting whose value is out of range
     */
    public EsiSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(userAgent, "userAgent is required: name the application and a contact");
        Objects.requireNonNull(compatibilityDate, "compatibilityDate");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        baseUrl = checkBaseUrl(baseUrl);
        userAgent = UserAgents.check(userAgent);
        positive("connectTimeout", connectTimeout, MAX_TIMEOUT);
        positive("readTimeout", readTimeout, MAX_TIMEOUT);
        notNegative("maxWait", maxWait, MAX_WAIT);
        notNegative("retryBackoff", retryBackoff, Duration.ofMinutes(1));
        range("maxResponseBytes", maxResponseBytes, 1024, 256 << 20);
        range("cacheEntries", cacheEntries, 0, 1_000_000);
        range("retries", retries, 0, MAX_RETRIES);
        range("errorLimitMargin", errorLimitMargin, 0, 99);
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("cacheBytes must not be negative: " + cacheBytes);
        }
    }

    /** Whether calls are sent over plain http to a host other than the loopback one (the token travels readable). */
    public boolean plainHttpToAnotherHost() {
        String host = baseUrl.getHost().toLowerCase(Locale.ROOT);
        return baseUrl.getScheme().equalsIgnoreCase("http") && !host.equals("localhost") && !host.equals("::1")
                && !host.equals("[::1]") && !host.startsWith("127.");
    }

    private static URI checkBaseUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null
                || url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL without user info, query or"
                    + " fragment: " + url);
        }
        String text = url.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
    }

    private static void positive(String name, Duration value, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be positive and at most " + max + ": " + value);
        }
    }

    private static void notNegative(String name, Duration value, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between 0 and " + max + ": " + value);
        }
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
    }
}
