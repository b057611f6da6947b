package io.github.evesso.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The small pure helpers behind the pages: escaping, the ISK format and the countdown. */
class PageTextTest {

    @Test
    void escapesEverythingHtmlCares() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    void formatsIskWithGroupingAndTwoDecimals() {
        assertThat(WalletServlet.isk(new BigDecimal("12345678.9"))).isEqualTo("12,345,678.90");
        assertThat(WalletServlet.isk(new BigDecimal("0"))).isEqualTo("0.00");
        assertThat(WalletServlet.isk(new BigDecimal("-1500.005"))).isEqualTo("-1,500.00");
    }

    @Test
    void countsDownInMinutesAndSeconds() {
        assertThat(CharacterServlet.countdown(Duration.ofSeconds(1199))).isEqualTo("in 19:59");
        assertThat(CharacterServlet.countdown(Duration.ofSeconds(65))).isEqualTo("in 1:05");
        assertThat(CharacterServlet.countdown(Duration.ZERO)).isEqualTo("expired");
        assertThat(CharacterServlet.countdown(Duration.ofSeconds(-3))).isEqualTo("expired");
    }
}
