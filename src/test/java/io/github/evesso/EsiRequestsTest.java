package io.github.evesso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.testing.Endpoint;
import io.github.evesso.testing.FakeEsi;
import io.github.evesso.testing.RecordedRequest;
import io.github.evesso.testing.TestCharacter;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** What the ESI client sends: the headers ESI asks for, the token, the URL under the base URL, JSON bodies. */
class EsiRequestsTest {
    @AutoClose
    private final EsiFixture fixture = new EsiFixture();

    /** A public record mapped from {@code POST /universe/names/}. */
    public record Name(long id, String name, String category) {
    }

    @Test
    void everyCallNamesTheApplicationAndSendsTheDefaultCompatibilityDate() {
        EsiClient esi = fixture.client();

        esi.get("/status/", String.class);

        RecordedRequest call = fixture.sso.takeRequest(Endpoint.ESI);
        assertThat(call.header("User-Agent")).isEqualTo(EsiFixture.USER_AGENT);
        assertThat(call.header("X-Compatibility-Date")).isEqualTo("2025-09-30")
                .isEqualTo(EsiClient.DEFAULT_COMPATIBILITY_DATE.toString());
        assertThat(call.header("Accept")).isEqualTo("application/json");
    }

    @Test
    void aConfiguredCompatibilityDateIsSent() {
        EsiClient esi = fixture.client(b -> b.compatibilityDate(LocalDate.of(2020, 1, 1)));

        esi.get("/status/", String.class);

        assertThat(fixture.sso.takeRequest(Endpoint.ESI).header("X-Compatibility-Date")).isEqualTo("2020-01-01");
    }

    @Test
    void anAuthenticatedCallSendsTheTokenAsBearerAndAPublicCallSendsNone() {
        EsiClient esi = fixture.client();
        EsiFixture.MintedToken token = fixture.walletToken();

        BigDecimal balance = esi.get(EsiFixture.walletPath(fixture.pilot()), BigDecimal.class, token).body();
        esi.get("/status/", String.class);

        assertThat(balance).isEqualTo(fixture.sso.esi().walletBalance(fixture.pilot().id()));
        RecordedRequest wallet = fixture.sso.takeRequest(Endpoint.ESI);
        assertThat(wallet.path()).isEqualTo("/latest/characters/" + fixture.pilot().id() + "/wallet/");
        assertThat(wallet.header("Authorization")).isEqualTo("Bearer " + token.accessToken());
        assertThat(fixture.sso.takeRequest(Endpoint.ESI).header("Authorization")).isNull();
    }

    @Test
    void theTokenIsAskedForOnEveryCallSoThatALoginRefreshesItWhenDue() {
        EsiClient esi = fixture.client();
        EsiFixture.MintedToken token = fixture.walletToken();

        esi.getPage("/markets/" + FakeEsi.MARKET_REGION + "/orders/", 1, String.class, token);
        esi.getPage("/markets/" + FakeEsi.MARKET_REGION + "/orders/", 2, String.class, token);

        assertThat(token.uses()).isEqualTo(2);
    }

    @Test
    void pathsGoUnderTheBaseUrlWhateverItsTrailingSlash() {
        EsiClient esi = fixture.client(b -> b.baseUrl(URI.create(fixture.sso.esiBaseUrl() + "/")));

        esi.getPage("/markets/" + FakeEsi.MARKET_REGION + "/orders/?order_type=all", 2, String.class);

        RecordedRequest call = fixture.sso.takeRequest(Endpoint.ESI);
        assertThat(call.path()).isEqualTo("/latest/markets/" + FakeEsi.MARKET_REGION + "/orders/");
        assertThat(call.queryValue("order_type")).isEqualTo("all");
        assertThat(call.queryValue("page")).isEqualTo("2");
    }

    @Test
    void aPostSendsItsBodyAsJsonAndMapsTheAnswer() {
        EsiClient esi = fixture.client();
        TestCharacter pilot = fixture.pilot();

        Name[] names = esi.post("/universe/names/", List.of(pilot.id()), Name[].class).body();

        assertThat(names).containsExactly(new Name(pilot.id(), pilot.name(), "character"));
        RecordedRequest call = fixture.sso.takeRequest(Endpoint.ESI);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
        assertThat(call.body()).isEqualTo("[" + pilot.id() + "]");
        assertThat(call.header("User-Agent")).isEqualTo(EsiFixture.USER_AGENT);
    }
}
