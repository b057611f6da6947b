package io.github.evesso.sample;

import io.github.evesso.EveAccessToken;
import io.github.evesso.EveCharacter;
import io.github.evesso.EveSso;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.Locale;

/**
 * Calls ESI with the character's access token: {@code GET /characters/{character_id}/wallet/}. The token comes from
 * {@code EveSso.token(request).get().accessToken()}, which refreshes it first when it is about to expire.
 */
@WebServlet(name = "wallet", urlPatterns = "/wallet")
public class WalletServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(WalletServlet.class.getName());
    /** The ESI scope the wallet call needs. */
    static final String WALLET_SCOPE = "esi-wallet.read_character_wallet.v1";

    private transient Esi esi;

    @Override
    public void init() {
        String baseUrl = SampleSettings.get(getServletContext(), SampleSettings.ESI_BASE_URL,
                SampleSettings.DEFAULT_ESI_BASE_URL);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        esi = new Esi(baseUrl, http);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EveAccessToken token = EveSso.token(request).orElseThrow();
        EveCharacter character = token.character();
        String call = "GET " + esi.walletUrl(character.id());
        if (!token.scopes().contains(WALLET_SCOPE)) {
            page(request, response, HttpServletResponse.SC_FORBIDDEN, "<p class=\"error\" id=\"wallet-error\">"
                    + Html.escape(character.name()) + " did not grant <code>" + WALLET_SCOPE + "</code>. Add it to"
                    + " <code>eve.sso.scopes</code>, log out and log in again.</p>\n", call);
            return;
        }
        // refreshed here when it is about to expire; if EVE ended the login or EVE SSO is down, the exception
        // escapes and EveSsoFilter answers (a new login, or its 503 page): nothing to handle here
        String accessToken = token.accessToken();
        long started = System.nanoTime();
        try {
            BigDecimal balance = esi.wallet(character.id(), accessToken);
            long millis = (System.nanoTime() - started) / 1_000_000;
            page(request, response, HttpServletResponse.SC_OK, "<p class=\"balance\"><span id=\"balance\">"
                    + Html.escape(isk(balance)) + "</span> ISK</p>\n<p class=\"muted\">ESI answered in " + millis
                    + " ms.</p>\n", call);
        } catch (Esi.EsiException e) {
            LOG.log(Level.WARNING, "ESI wallet call for character {0} failed: {1} {2}", String.valueOf(character.id()), e.status(),
                    e.getMessage());
            String why = e.status() == 0 ? e.getMessage() : "ESI answered " + e.status() + ": " + e.getMessage();
            page(request, response, HttpServletResponse.SC_BAD_GATEWAY, "<p class=\"error\" id=\"wallet-error\">"
                    + Html.escape(why) + "</p>\n", call);
        }
    }

    private void page(HttpServletRequest request, HttpServletResponse response, int status, String result,
            String call) throws IOException {
        String body = "<section class=\"card\">\n<h1>Wallet</h1>\n" + result
                + "<h2>How this page got it</h2>\n<pre><code>String accessToken = EveSso.token(request).get()"
                + ".accessToken();\n" + Html.escape(call) + "\nAuthorization: Bearer &lt;accessToken&gt;</code></pre>\n"
                + "</section>\n";
        Html.render(request, response, status, "Wallet", body);
    }

    /** {@code 12,345,678.90}. */
    static String isk(BigDecimal balance) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(balance);
    }
}
