package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.FakeEsi;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.LocalEveSso;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What the ESI client makes of ESI's answers against the fake ESI: JSON-B mapping to records, pages, and the
 * answers it cannot use (not mappable, too large, too slow, none at all).
 */
class EsiResponsesTest {
    private static final String ORDERS = "/markets/" + FakeEsi.MARKET_REGION + "/orders/";

    @AutoClose
    private final EsiFixture fixture = new EsiFixture();
    private final LocalEveSso sso = fixture.sso;

    /** {@code GET /status/}, with ESI's snake_case names read into camelCase components. */
    public record ServerStatus(int players, String serverVersion, Instant startTime) {
    }

    /** One order of {@code GET /markets/{region_id}/orders/}. */
    public record MarketOrder(long orderId, int typeId, long locationId, BigDecimal price, int volumeRemain,
            boolean isBuyOrder) {
    }

    @Test
    void jsonMapsToPublicRecordsWithEsisSnakeCaseNames() {
        EsiClient esi = fixture.client();

        EsiResponse<ServerStatus> status = esi.get("/status/", ServerStatus.class);

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().players()).isEqualTo(23456);
        assertThat(status.body().serverVersion()).isEqualTo("2964570");
        assertThat(status.body().startTime()).isBefore(fixture.clock.instant().plusSeconds(1));
        assertThat(status.pages()).isEqualTo(1);
        assertThat(status.header("content-type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
    }

    @Test
    void aPagedRouteTellsHowManyPagesItHasAndEveryPageMaps() {
        EsiClient esi = fixture.client();

        EsiResponse<MarketOrder[]> first = esi.getPage(ORDERS, 1, MarketOrder[].class);
        List<MarketOrder> all = new ArrayList<>(Arrays.asList(first.body()));
        for (int page = 2; page <= first.pages(); page++) {
            all.addAll(Arrays.asList(esi.getPage(ORDERS, page, MarketOrder[].class).body()));
        }

        assertThat(first.pages()).isEqualTo(3);
        assertThat(first.header("X-Pages")).contains("3");
        assertThat(first.body()).hasSize(FakeEsi.ORDERS_PER_PAGE);
        assertThat(all).hasSize(FakeEsi.DEFAULT_MARKET_ORDERS);
        assertThat(all.get(0)).isEqualTo(new MarketOrder(6_000_000_000L, 34, 60003760L, new BigDecimal("5.00"), 1,
                true));
        assertThat(all.stream().map(MarketOrder::orderId).distinct()).hasSize(FakeEsi.DEFAULT_MARKET_ORDERS);
        assertThat(sso.takeRequest(Endpoint.ESI).queryValue("page")).isEqualTo("1");
    }

    @Test
    void aPageBeyondTheLastIsRejected() {
        EsiClient esi = fixture.client();

        assertThatThrownBy(() -> esi.getPage(ORDERS, 4, MarketOrder[].class))
                .isInstanceOfSatisfying(EsiRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.esiError()).contains("Requested page does not exist!");
                });
        assertThatThrownBy(() -> esi.getPage(ORDERS, 0, MarketOrder[].class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBodyThatDoesNotMapIsABadResponseThatDoesNotQuoteIt() {
        EsiClient esi = fixture.client();
        sso.enqueue(Endpoint.ESI, Fault.garbage());

        assertThatThrownBy(() -> esi.get("/status/", ServerStatus.class))
                .isInstanceOfSatisfying(EsiBadResponseException.class, e -> {
                    assertThat(e.status()).isEqualTo(200);
                    assertThat(e.getMessage()).isEqualTo("ESI GET /status/ answered 200 with a body that does not"
                            + " map to ServerStatus").doesNotContain("maintenance");
                });
    }

    @Test
    void aBodyLargerThanTheLimitIsABadResponse() {
        EsiClient esi = fixture.client(b -> b.maxResponseBytes(4096));

        assertThatThrownBy(() -> esi.getPage(ORDERS, 1, MarketOrder[].class))
                .isInstanceOfSatisfying(EsiBadResponseException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("ESI GET /markets/" + FakeEsi.MARKET_REGION + "/orders/: answer larger than 4096"
                                + " bytes"));
        assertThat(esi.get("/status/", ServerStatus.class).status()).isEqualTo(200); // small ones still go
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsUnavailableAndNotRetried() {
        EsiClient esi = fixture.client(b -> b.readTimeout(Duration.ofMillis(300)));
        sso.enqueue(Endpoint.ESI, Fault.delay(Duration.ofSeconds(3)));

        assertThatThrownBy(() -> esi.get("/status/", ServerStatus.class))
                .isInstanceOfSatisfying(EsiUnavailableException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).isEqualTo("ESI GET /status/: no answer within 300 ms");
                });
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(1);
    }

    @Test
    void aBodyThatStopsComingIsUnavailableByTheReadTimeout() {
        EsiClient esi = fixture.client(b -> b.readTimeout(Duration.ofMillis(500)));
        sso.enqueue(Endpoint.ESI, Fault.disconnectAfterHeaders());

        assertThatThrownBy(() -> esi.get("/status/", ServerStatus.class))
                .isInstanceOf(EsiUnavailableException.class);
    }

    @Test
    void aDroppedConnectionIsUnavailable() {
        EsiClient esi = fixture.client();
        sso.failUntilCleared(Endpoint.ESI, Fault.disconnect()); // the JDK's client sends a GET again once by itself

        assertThatThrownBy(() -> esi.get("/status/", ServerStatus.class))
                .isInstanceOfSatisfying(EsiUnavailableException.class, e -> assertThat(e.status()).isZero());
    }

    @Test
    void anEsiThatIsNotRunningIsUnavailable() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EsiClient esi = fixture.client(b -> b.baseUrl(URI.create("http://127.0.0.1:" + port + "/latest")));

        assertThatThrownBy(() -> esi.get("/status/", ServerStatus.class))
                .isInstanceOfSatisfying(EsiUnavailableException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("ESI GET /status/: connection refused"));
    }

    @Test
    void theBodyAsTextAndNoBodyAtAll() {
        EsiClient esi = fixture.client();

        assertThat(esi.get("/status/", String.class).body()).startsWith("{\"players\":23456");
        assertThat(esi.get("/status/", Void.class).body()).isNull();
    }
}
