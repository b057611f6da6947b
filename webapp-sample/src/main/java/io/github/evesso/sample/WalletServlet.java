package io.github.evesso.sample;

import io.github.evesso.EsiClient;
import io.github.evesso.EsiException;
import io.github.evesso.EsiResponse;
import io.github.evesso.EsiUnavailableException;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Calls ESI with the character's access token through the library's {@link EsiClient} (the application's one, in
 * {@link Wallets}): {@code GET /characters/{character_id}/wallet/}. The client takes the token from
 * {@code EveSso.token(request).get()} (refreshed first when it is about to expire), names the sample in its
 * {@code User-Agent}, and caches the balance for as long as ESI says: the page shows whether it came from ESI, from
 * the cache without a call, or from the cache after ESI confirmed it (304).
 */
@WebServlet(name = "wallet", urlPatterns = "/wallet")
public class WalletServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(WalletServlet.class.getName());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    /** The ESI scope the wallet call needs. */
    static final String WALLET_SCOPE = Wallets.WALLET_SCOPE;

    private transient Wallets wallets;

    @Override
    public void init() {
        wallets = Wallets.of(getServletContext()); // closed by WalletJobListener when the application stops
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EveAccessToken token = EveSso.token(request).orElseThrow();
        EveCharacter character = token.character();
        String call = wallets.call(character.id());
        if (!token.scopes().contains(WALLET_SCOPE)) {
            page(request, response, HttpServletResponse.SC_FORBIDDEN, "<p class=\"error\" id=\"wallet-error\">"
                    + Html.escape(character.name()) + " did not grant <code>" + WALLET_SCOPE + "</code>. Add it to"
                    + " <code>eve.sso.scopes</code>, log out and log in again.</p>\n", call);
            return;
        }
        long started = System.nanoTime();
        try {
            // if EVE ended the login or EVE SSO is down when the token needs a refresh, the library's exception
            // escapes and EveSsoFilter answers (a new login, or its 503 page): nothing to handle here
            EsiResponse<BigDecimal> wallet = wallets.read(token);
            long millis = (System.nanoTime() - started) / 1_000_000;
            page(request, response, HttpServletResponse.SC_OK, "<p class=\"balance\"><span id=\"balance\">"
                    + Html.escape(isk(wallet.body())) + "</span> ISK</p>\n<p class=\"muted\" id=\"esi-source\">"
                    + Html.escape(source(wallet)) + " (" + millis + " ms)</p>\n", call);
        } catch (EsiException e) {
            LOG.log(Level.WARNING, "ESI wallet call for character {0} failed: {1}", String.valueOf(character.id()),
                    e.getMessage());
            String why = Wallets.why(e);
            String retry = e instanceof EsiUnavailableException unavailable && unavailable.retryAfter().isPresent()
                    ? "<p class=\"muted\" id=\"retry-after\">Try again in "
                            + Math.max(1, unavailable.retryAfter().get().toSeconds()) + " s.</p>\n"
                    : "";
            page(request, response, HttpServletResponse.SC_BAD_GATEWAY, "<p class=\"error\" id=\"wallet-error\">"
                    + Html.escape(why) + "</p>\n" + retry, call);
        }
    }

    /** Where the balance came from, for the page. */
    private static String source(EsiResponse<?> wallet) {
        String until = wallet.expires().map(t -> ", cached until " + TIME.format(t)).orElse("");
        return switch (wallet.source()) {
            case NETWORK -> "Fresh from ESI" + until;
            case CACHE -> "From the client's cache, no call to ESI" + until;
            case REVALIDATED -> "From the client's cache: ESI confirmed it is unchanged (304)" + until;
        };
    }

    private void page(HttpServletRequest request, HttpServletResponse response, int status, String result,
            String call) throws IOException {
        String body = "<section class=\"card\">\n<h1>Wallet</h1>\n" + result
                + "<h2>How this page got it</h2>\n<pre><code>EsiResponse&lt;BigDecimal&gt; wallet = esi.get(\""
                + Html.escape("/characters/{id}/wallet/") + "\", BigDecimal.class,\n        EveSso.token(request).get());"
                + "\n" + Html.escape(call) + "\nAuthorization: Bearer &lt;accessToken&gt;\nUser-Agent: eve-sso-sample/0.1"
                + " (&lt;contact&gt;)\nX-Compatibility-Date: " + EsiClient.DEFAULT_COMPATIBILITY_DATE
                + "</code></pre>\n</section>\n";
        Html.render(request, response, status, "Wallet", body);
    }

    /** {@code 12,345,678.90}. */
    static String isk(BigDecimal balance) {
        return Wallets.isk(balance);
    }
}
