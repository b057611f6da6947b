package io.github.evesso.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.support.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The local EVE SSO's fake ESI over plain HTTP, as ESI behaves: its routes, ETags and 304, {@code Expires}, pages,
 * the error-limit headers and the 420 once the window's errors are used up.
 */
class FakeEsiTest {
    private final TestClock clock = new TestClock();
    @AutoClose
    private final LocalEveSso sso = LocalEveSso.builder().clock(clock).client("fake-esi-client", "secret",
            "http://localhost/cb").build().start();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theStatusRouteIsPublicWithAnETagAndExpires() throws Exception {
        HttpResponse<String> status = get("/status/", null);

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"players\":23456", "\"server_version\"", "\"start_time\"");
        assertThat(status.headers().firstValue("ETag").orElseThrow()).matches("\"[0-9a-f]{32}\"");
        assertThat(status.headers().firstValue("Cache-Control")).contains("public");
        Instant expires = http(status.headers().firstValue("Expires").orElseThrow());
        Instant date = http(status.headers().firstValue("Date").orElseThrow());
        assertThat(Duration.between(date, expires)).isBetween(FakeEsi.STATUS_CACHE.minusSeconds(1),
                FakeEsi.STATUS_CACHE);
    }

    @Test
    void theCurrentETagInIfNoneMatchGets304WithoutABodyAndAnotherGets200() throws Exception {
        String etag = get("/status/", null).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> notModified = send(request("/status/").header("If-None-Match", etag));
        HttpResponse<String> modified = send(request("/status/").header("If-None-Match", "\"other\""));

        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("ETag")).contains(etag);
        assertThat(notModified.headers().firstValue("Expires")).isPresent();
        assertThat(modified.statusCode()).isEqualTo(200);
    }

    @Test
    void theWalletsETagChangesWithItsBalance() throws Exception {
        String token = walletToken();
        String path = "/characters/90000001/wallet/";
        HttpResponse<String> before = get(path, token);

        sso.esi().walletBalance(90000001L, new java.math.BigDecimal("1234.5"));
        HttpResponse<String> after = get(path, token);

        assertThat(after.body()).isEqualTo("1234.5");
        assertThat(after.headers().firstValue("ETag")).isNotEqualTo(before.headers().firstValue("ETag"));
    }

    @Test
    void theMarketIsPagedWithXPagesAndAPageBeyondTheLastIs404() throws Exception {
        sso.esi().marketOrders(1500);
        String orders = "/markets/" + FakeEsi.MARKET_REGION + "/orders/";

        HttpResponse<String> first = get(orders, null);
        HttpResponse<String> second = get(orders + "?page=2", null);
        HttpResponse<String> third = get(orders + "?page=3", null);

        assertThat(first.headers().firstValue("X-Pages")).contains("2");
        assertThat(first.body()).startsWith("[{\"order_id\":6000000000,");
        assertThat(second.headers().firstValue("X-Pages")).contains("2");
        assertThat(second.body()).startsWith("[{\"order_id\":6000001000,");
        assertThat(third.statusCode()).isEqualTo(404);
        assertThat(third.body()).isEqualTo("{\"error\":\"Requested page does not exist!\"}");
        assertThat(get(orders + "?page=x", null).statusCode()).isEqualTo(400);
        assertThat(get("/markets/1/orders/", null).statusCode()).isEqualTo(404);
    }

    @Test
    void namesArePostedAsAJsonArrayOfIds() throws Exception {
        HttpResponse<String> names = send(request("/universe/names/").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[90000002]")));
        HttpResponse<String> unknown = send(request("/universe/names/")
                .POST(HttpRequest.BodyPublishers.ofString("[12345]")));

        assertThat(names.statusCode()).isEqualTo(200);
        assertThat(names.body()).contains("\"name\":\"Kestrel Vance\"", "\"category\":\"character\"",
                "\"id\":90000002");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(get("/universe/names/", null).statusCode()).isEqualTo(405);
    }

    @Test
    void everyAnswerCarriesTheErrorLimitAndAfterTheLastErrorEveryCallIs420UntilTheWindowResets() throws Exception {
        sso.esi().errorLimit(2, Duration.ofSeconds(60));

        HttpResponse<String> ok = get("/status/", null);
        HttpResponse<String> firstError = get("/markets/1/orders/", null);
        clock.advance(Duration.ofSeconds(20));
        HttpResponse<String> lastError = get("/markets/1/orders/", null);
        HttpResponse<String> limited = get("/status/", null);

        assertThat(ok.headers().firstValue("X-ESI-Error-Limit-Remain")).contains("2");
        assertThat(ok.headers().firstValue("X-ESI-Error-Limit-Reset")).contains("60");
        assertThat(firstError.headers().firstValue("X-ESI-Error-Limit-Remain")).contains("1");
        assertThat(lastError.headers().firstValue("X-ESI-Error-Limit-Remain")).contains("0");
        assertThat(lastError.headers().firstValue("X-ESI-Error-Limit-Reset")).contains("40");
        assertThat(limited.statusCode()).isEqualTo(420);
        assertThat(limited.body()).contains("exceeded the error limit");
        assertThat(sso.esi().errorsLeft()).isZero();

        clock.advance(Duration.ofSeconds(40));
        HttpResponse<String> afterReset = get("/status/", null);
        assertThat(afterReset.statusCode()).isEqualTo(200);
        assertThat(afterReset.headers().firstValue("X-ESI-Error-Limit-Remain")).contains("2");
    }

    @Test
    void aFaultsHeadersWinOverTheFakesOwn() throws Exception {
        sso.enqueue(Endpoint.ESI, Fault.header("Cache-Control", "no-store").withHeader("X-ESI-Error-Limit-Remain",
                "7"));

        HttpResponse<String> status = get("/status/", null);

        assertThat(status.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(status.headers().firstValue("X-ESI-Error-Limit-Remain")).contains("7");
    }

    private String walletToken() {
        return sso.jwt().sign(sso.jwt().standardClaims(sso.character(90000001L), "fake-esi-client",
                List.of(LocalEveSso.WALLET_SCOPE)).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(sso.esiBaseUrl() + path)).timeout(Duration.ofSeconds(5));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = request(path).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Instant http(String date) {
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }
}
