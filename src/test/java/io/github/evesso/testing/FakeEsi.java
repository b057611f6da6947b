package io.github.evesso.testing;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local EVE SSO's fake ESI, under {@link LocalEveSso#esiBaseUrl()}, with the data and limits tests set
 * ({@link LocalEveSso#esi()}). Its routes:
 * <ul>
 *   <li>{@code GET /status/}: public, {@code {"players":..,"server_version":..,"start_time":..}}, fresh
 *       {@link #STATUS_CACHE};</li>
 *   <li>{@code GET /markets/{region_id}/orders/?page=N}: public and paged ({@code X-Pages}, {@link #ORDERS_PER_PAGE}
 *       orders a page) for region {@link #MARKET_REGION}, fresh {@link #ORDERS_CACHE}; a page beyond the last is 404;
 *   </li>
 *   <li>{@code GET /characters/{id}/wallet/}: the balance as a bare JSON number, for a valid token of that character
 *       with {@link LocalEveSso#WALLET_SCOPE}, fresh {@link #WALLET_CACHE};</li>
 *   <li>{@code POST /universe/names/}: a JSON array of character ids to {@code [{"id","name","category"}]}.</li>
 * </ul>
 * Anything else is 404. Like ESI, every 200 carries a strong {@code ETag} (a digest of the body), {@code Expires}
 * and {@code Cache-Control: public}, and a request whose {@code If-None-Match} names the current ETag gets
 * {@code 304} without a body. {@code Expires} counts from the {@code Date} the JDK's server writes (the real time):
 * a client that reads freshness as {@code Expires - Date}, as it should, gets exactly the route's cache time on any
 * clock. Every answer carries the error-limit headers {@code X-ESI-Error-Limit-Remain} and
 * {@code -Reset}: each 4xx/5xx the fake answers itself costs one error of the window ({@value #ERROR_LIMIT} a
 * {@link #ERROR_WINDOW} by default, by the server's clock); with none left it answers 420 until the window resets.
 * A header a {@link Fault} adds wins over the fake's own. Thread-safe.
 */
public final class FakeEsi {
    /** The region whose market the fake serves (The Forge). */
    public static final long MARKET_REGION = 10000002L;
    /** Orders on one page of the market route, as on ESI. */
    public static final int ORDERS_PER_PAGE = 1000;
    /** How long {@code /status/} stays fresh. */
    public static final Duration STATUS_CACHE = Duration.ofSeconds(30);
    /** How long a wallet balance stays fresh. */
    public static final Duration WALLET_CACHE = Duration.ofSeconds(120);
    /** How long a market page stays fresh. */
    public static final Duration ORDERS_CACHE = Duration.ofSeconds(300);
    /** Errors allowed in one window unless {@link #errorLimit} sets another number. */
    public static final int ERROR_LIMIT = 100;
    /** The error window unless {@link #errorLimit} sets another. */
    public static final Duration ERROR_WINDOW = Duration.ofSeconds(60);
    /** The market orders of {@link #MARKET_REGION} unless {@link #marketOrders(int)} sets another number. */
    public static final int DEFAULT_MARKET_ORDERS = 2500;

    private final LocalEveSso sso;
    private final Jsonb jsonb = JsonbBuilder.create();
    private final Map<Long, BigDecimal> balances = new ConcurrentHashMap<>();
    private volatile int marketOrders = DEFAULT_MARKET_ORDERS;
    private int errorLimit = ERROR_LIMIT;
    private Duration errorWindow = ERROR_WINDOW;
    private int errorsLeft = ERROR_LIMIT;
    private Instant windowEnds;

    FakeEsi(LocalEveSso sso) {
        this.sso = sso;
    }

    // ---------------------------------------------------------------- data

    /** Sets the character's balance from now on (by default a stable value per character). */
    public void walletBalance(long characterId, BigDecimal isk) {
        sso.roster().get(characterId);
        balances.put(characterId, Objects.requireNonNull(isk, "isk"));
    }

    /** The character's current balance, as the wallet route answers it. */
    public BigDecimal walletBalance(long characterId) {
        return balances.computeIfAbsent(characterId, FakeEsi::stableBalance);
    }

    /** How many orders the market of {@link #MARKET_REGION} has from now on (0 or more). */
    public void marketOrders(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("order count must not be negative: " + count);
        }
        marketOrders = count;
    }

    // ---------------------------------------------------------------- the error limit

    /** Starts a new error window of {@code window} allowing {@code errors} errors (at least 1). */
    public synchronized void errorLimit(int errors, Duration window) {
        if (errors < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the error limit needs at least one error and a positive window");
        }
        errorLimit = errors;
        errorWindow = window;
        errorsLeft = errors;
        windowEnds = sso.clock().instant().plus(window);
    }

    /** Errors left in the current window (the next {@code X-ESI-Error-Limit-Remain}). */
    public synchronized int errorsLeft() {
        roll(sso.clock().instant());
        return errorsLeft;
    }

    /** Counts one error answer. */
    synchronized void spendError() {
        roll(sso.clock().instant());
        errorsLeft = Math.max(0, errorsLeft - 1);
    }

    /** Whole seconds until the current window resets (at least 1 while it runs). */
    synchronized long secondsToReset() {
        Instant now = sso.clock().instant();
        roll(now);
        long millis = Duration.between(now, windowEnds).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private void roll(Instant now) {
        if (windowEnds == null || !now.isBefore(windowEnds)) {
            errorsLeft = errorLimit;
            windowEnds = now.plus(errorWindow);
        }
    }

    // ---------------------------------------------------------------- the routes' bodies

    String statusJson() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("players", 23456);
        status.put("server_version", "2964570");
        status.put("start_time", lastDowntime(sso.clock().instant()).toString());
        return jsonb.toJson(status);
    }

    /** The market route's {@code page} (from 1); {@code null} beyond the last page. */
    List<Map<String, Object>> marketPage(int page) {
        int count = marketOrders;
        int pages = marketPages();
        if (page < 1 || page > pages) {
            return null;
        }
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = (page - 1) * ORDERS_PER_PAGE; i < Math.min(count, page * ORDERS_PER_PAGE); i++) {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("order_id", 6_000_000_000L + i);
            order.put("type_id", 34 + i % 7);
            order.put("location_id", 60003760L);
            order.put("price", BigDecimal.valueOf(500 + i % 1000, 2));
            order.put("volume_remain", 1 + i % 5000);
            order.put("is_buy_order", i % 2 == 0);
            orders.add(order);
        }
        return orders;
    }

    /** How many pages the market route has (at least 1). */
    int marketPages() {
        return Math.max(1, (marketOrders + ORDERS_PER_PAGE - 1) / ORDERS_PER_PAGE);
    }

    /** The names of {@code ids}, or {@code null} when one is not a character of the server. */
    List<Map<String, Object>> names(long[] ids) {
        List<Map<String, Object>> names = new ArrayList<>();
        for (long id : ids) {
            TestCharacter character = sso.roster().find(id);
            if (character == null) {
                return null;
            }
            names.add(Map.of("id", id, "name", character.name(), "category", "character"));
        }
        return names;
    }

    Jsonb jsonb() {
        return jsonb;
    }

    /** Tranquility starts after its daily downtime, at 11:00 UTC: the last such time at or before {@code now}. */
    static Instant lastDowntime(Instant now) {
        Instant today = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(11));
        return today.isAfter(now) ? today.minus(Duration.ofDays(1)) : today;
    }

    /** A plausible ISK balance, stable per character, e.g. {@code 12345678.9}. */
    static BigDecimal stableBalance(long characterId) {
        long cents = Math.floorMod(characterId * 2_654_435_761L + 1_234_567_890L, 10_000_000_000L);
        return BigDecimal.valueOf(cents, 2).stripTrailingZeros();
    }
}
