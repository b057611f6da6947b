package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.evesso.EsiResponse.Source;
import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.Fault;
import io.github.evesso.testing.FakeEsi;
import io.github.evesso.testing.LocalEveSso;
import io.github.evesso.testing.RecordedRequest;
import io.github.evesso.testing.TestCharacter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The ESI client's cache of GET answers against the fake ESI: fresh answers without a call, revalidation by ETag
 * (304), {@code Cache-Control} and {@code Expires}, the bounds, and answers kept apart per character.
 */
class EsiCacheTest {
    private static final String STATUS = "/status/";

    @AutoClose
    private final EsiFixture fixture = new EsiFixture();
    private final LocalEveSso sso = fixture.sso;

    @Test
    void aFreshAnswerIsServedFromTheCacheWithoutAnHttpCall() {
        EsiClient esi = fixture.client();

        EsiResponse<String> first = esi.get(STATUS, String.class);
        fixture.clock.advance(FakeEsi.STATUS_CACHE.minusSeconds(10));
        EsiResponse<String> second = esi.get(STATUS, String.class);

        assertThat(first.source()).isEqualTo(Source.NETWORK);
        assertThat(first.fromCache()).isFalse();
        assertThat(second.source()).isEqualTo(Source.CACHE);
        assertThat(second.fromCache()).isTrue();
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.etag()).isEqualTo(first.etag()).isPresent();
        assertThat(second.expires()).isEqualTo(first.expires()).isPresent();
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(1);
    }

    @Test
    void anExpiredAnswerIsRevalidatedWithItsETagAndA304ServesTheCachedBody() {
        EsiClient esi = fixture.client();
        EsiFixture.MintedToken token = fixture.walletToken();
        String wallet = EsiFixture.walletPath(fixture.pilot());
        EsiResponse<BigDecimal> first = esi.get(wallet, BigDecimal.class, token);
        sso.takeRequest(Endpoint.ESI);

        fixture.clock.advance(FakeEsi.WALLET_CACHE.plusSeconds(5));
        EsiResponse<BigDecimal> revalidated = esi.get(wallet, BigDecimal.class, token);

        RecordedRequest conditional = sso.takeRequest(Endpoint.ESI);
        assertThat(conditional.header("If-None-Match")).isEqualTo(first.etag().orElseThrow());
        assertThat(revalidated.source()).isEqualTo(Source.REVALIDATED);
        assertThat(revalidated.fromCache()).isTrue();
        assertThat(revalidated.status()).isEqualTo(200);
        assertThat(revalidated.body()).isEqualTo(first.body());
        assertThat(revalidated.expires().orElseThrow()).isAfter(fixture.clock.instant());
        // fresh again for the 304's lifetime: the next call is served without one
        assertThat(esi.get(wallet, BigDecimal.class, token).source()).isEqualTo(Source.CACHE);
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(2);
    }

    @Test
    void aChangedAnswerReplacesTheCachedOne() {
        EsiClient esi = fixture.client();
        EsiFixture.MintedToken token = fixture.walletToken();
        String wallet = EsiFixture.walletPath(fixture.pilot());
        EsiResponse<BigDecimal> first = esi.get(wallet, BigDecimal.class, token);

        sso.esi().walletBalance(fixture.pilot().id(), new BigDecimal("42.5"));
        fixture.clock.advance(FakeEsi.WALLET_CACHE.plusSeconds(5));
        EsiResponse<BigDecimal> changed = esi.get(wallet, BigDecimal.class, token);

        assertThat(changed.source()).isEqualTo(Source.NETWORK);
        assertThat(changed.body()).isEqualByComparingTo("42.5");
        assertThat(changed.etag()).isNotEqualTo(first.etag());
        assertThat(esi.get(wallet, BigDecimal.class, token).body()).isEqualByComparingTo("42.5");
    }

    @Test
    void maxAgeWinsOverExpires() {
        EsiClient esi = fixture.client();
        sso.enqueue(Endpoint.ESI, Fault.header("Cache-Control", "public, max-age=5"));

        EsiResponse<String> first = esi.get(STATUS, String.class);
        fixture.clock.advance(Duration.ofSeconds(4));
        EsiResponse<String> stillFresh = esi.get(STATUS, String.class);
        fixture.clock.advance(Duration.ofSeconds(2));
        EsiResponse<String> stale = esi.get(STATUS, String.class);

        assertThat(first.header("Expires")).isPresent(); // 30 s, but max-age says 5
        assertThat(first.expires()).contains(fixture.clock.instant().minusSeconds(6).plusSeconds(5));
        assertThat(stillFresh.source()).isEqualTo(Source.CACHE);
        assertThat(stale.source()).isEqualTo(Source.REVALIDATED);
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(2);
    }

    @Test
    void expiresIsHonoured() {
        EsiClient esi = fixture.client();

        EsiResponse<String> first = esi.get(STATUS, String.class); // Cache-Control: public, Expires in 30 s
        fixture.clock.advance(FakeEsi.STATUS_CACHE.minusSeconds(5));
        EsiResponse<String> beforeExpiry = esi.get(STATUS, String.class);
        fixture.clock.advance(Duration.ofSeconds(10));
        EsiResponse<String> afterExpiry = esi.get(STATUS, String.class);

        assertThat(first.header("Cache-Control")).contains("public");
        assertThat(first.header("Expires")).isPresent();
        assertThat(beforeExpiry.source()).isEqualTo(Source.CACHE);
        assertThat(afterExpiry.source()).isEqualTo(Source.REVALIDATED);
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(2);
    }

    @Test
    void noStoreIsNeverCached() {
        EsiClient esi = fixture.client();
        sso.failUntilCleared(Endpoint.ESI, Fault.header("Cache-Control", "no-store"));

        EsiResponse<String> first = esi.get(STATUS, String.class);
        EsiResponse<String> second = esi.get(STATUS, String.class);

        assertThat(first.expires()).isEmpty();
        assertThat(second.source()).isEqualTo(Source.NETWORK);
        sso.takeRequest(Endpoint.ESI);
        assertThat(sso.takeRequest(Endpoint.ESI).header("If-None-Match")).isNull();
    }

    @Test
    void noCacheIsRevalidatedOnEveryCall() {
        EsiClient esi = fixture.client();
        sso.failUntilCleared(Endpoint.ESI, Fault.header("Cache-Control", "no-cache"));

        EsiResponse<String> first = esi.get(STATUS, String.class);
        EsiResponse<String> second = esi.get(STATUS, String.class);

        assertThat(second.source()).isEqualTo(Source.REVALIDATED);
        assertThat(second.body()).isEqualTo(first.body());
        sso.takeRequest(Endpoint.ESI);
        assertThat(sso.takeRequest(Endpoint.ESI).header("If-None-Match")).isEqualTo(first.etag().orElseThrow());
    }

    @Test
    void theCacheIsBoundedAndDropsTheLeastRecentlyUsedAnswer() {
        EsiClient esi = fixture.client(b -> b.cacheEntries(2));
        String orders = "/markets/" + FakeEsi.MARKET_REGION + "/orders/";

        esi.getPage(orders, 1, String.class);
        esi.getPage(orders, 2, String.class);
        esi.getPage(orders, 1, String.class); // page 1 is now the most recently used
        esi.getPage(orders, 3, String.class); // a third answer: page 2 goes

        assertThat(esi.toString()).contains("2 cached answers");
        assertThat(esi.getPage(orders, 1, String.class).source()).isEqualTo(Source.CACHE);
        assertThat(esi.getPage(orders, 3, String.class).source()).isEqualTo(Source.CACHE);
        assertThat(esi.getPage(orders, 2, String.class).source()).isEqualTo(Source.NETWORK);
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(4);
    }

    @Test
    void theCacheIsBoundedInBytesToo() {
        EsiClient esi = fixture.client(b -> b.cacheBytes(1024));
        String orders = "/markets/" + FakeEsi.MARKET_REGION + "/orders/";

        EsiResponse<String> page = esi.getPage(orders, 1, String.class); // about 100 KB
        esi.get(STATUS, String.class);

        assertThat(page.body().length()).isGreaterThan(1024);
        assertThat(esi.getPage(orders, 1, String.class).source()).isEqualTo(Source.NETWORK);
        assertThat(esi.get(STATUS, String.class).source()).isEqualTo(Source.CACHE);
    }

    @Test
    void aCharactersCachedAnswerIsNeverServedToACallWithAnotherCharactersToken() {
        EsiClient esi = fixture.client();
        TestCharacter pilot = fixture.pilot();
        TestCharacter other = sso.characters().get(1);
        String wallet = EsiFixture.walletPath(pilot);
        esi.get(wallet, BigDecimal.class, fixture.token(pilot, LocalEveSso.WALLET_SCOPE));

        assertThatThrownBy(() -> esi.get(wallet, BigDecimal.class, fixture.token(other, LocalEveSso.WALLET_SCOPE)))
                .isInstanceOfSatisfying(EsiRejectedException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> esi.get(wallet, BigDecimal.class))
                .isInstanceOfSatisfying(EsiRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(3);
    }

    @Test
    void aPostIsNeverCached() {
        EsiClient esi = fixture.client();
        List<Long> ids = List.of(fixture.pilot().id());

        esi.post("/universe/names/", ids, String.class);
        EsiResponse<String> again = esi.post("/universe/names/", ids, String.class);

        assertThat(again.source()).isEqualTo(Source.NETWORK);
        assertThat(again.expires()).isEmpty();
        assertThat(sso.requestCount(Endpoint.ESI)).isEqualTo(2);
    }

    @Test
    void errorAnswersAreNotCached() {
        EsiClient esi = fixture.client();
        sso.enqueue(Endpoint.ESI, Fault.error(404, "Not found", null).withHeader("Cache-Control", "max-age=60"));

        assertThatThrownBy(() -> esi.get(STATUS, String.class)).isInstanceOf(EsiRejectedException.class);
        assertThat(esi.get(STATUS, String.class).source()).isEqualTo(Source.NETWORK);
    }

    @Test
    void aDisabledCacheCallsEveryTime() {
        EsiClient esi = fixture.client(b -> b.cacheEntries(0));

        esi.get(STATUS, String.class);
        EsiResponse<String> second = esi.get(STATUS, String.class);

        assertThat(second.source()).isEqualTo(Source.NETWORK);
        sso.takeRequest(Endpoint.ESI);
        assertThat(sso.takeRequest(Endpoint.ESI).header("If-None-Match")).isNull();
    }
}
