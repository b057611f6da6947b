package io.github.evesso.sample;

import io.github.evesso.EsiClient;
import io.github.evesso.EsiException;
import io.github.evesso.EsiResponse;
import io.github.evesso.EveAccessToken;
import jakarta.servlet.ServletContext;
import java.math.BigDecimal;
import java.net.URI;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Reads characters' wallets from ESI ({@code GET /characters/{character_id}/wallet/}) through the application's one
 * {@link EsiClient}, for the wallet page and the background job alike. Made and closed by {@link WalletJobListener}
 * and kept in a servlet-context attribute.
 */
final class Wallets implements AutoCloseable {
    /** The ESI scope the wallet call needs. */
    static final String WALLET_SCOPE = "esi-wallet.read_character_wallet.v1";
    private static final String ATTRIBUTE = Wallets.class.getName();

    private final EsiClient esi;
    private final String baseUrl;

    private Wallets(EsiClient esi, String baseUrl) {
        this.esi = esi;
        this.baseUrl = baseUrl;
    }

    /** Creates the application's reader from the sample's settings and keeps it in {@code context}. */
    static Wallets install(ServletContext context) {
        String baseUrl = SampleSettings.get(context, SampleSettings.ESI_BASE_URL, SampleSettings.DEFAULT_ESI_BASE_URL);
        String contact = SampleSettings.get(context, SampleSettings.ESI_CONTACT, SampleSettings.DEFAULT_ESI_CONTACT);
        // one client for the application: it holds the cache and ESI's error-limit state
        EsiClient esi = EsiClient.builder()
                .baseUrl(URI.create(baseUrl))
                .userAgent("eve-sso-sample/0.1 (" + contact + ")") // ESI asks every application who it is
                .build();
        Wallets wallets = new Wallets(esi, baseUrl);
        context.setAttribute(ATTRIBUTE, wallets);
        return wallets;
    }

    /** The application's reader. */
    static Wallets of(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof Wallets wallets) {
            return wallets;
        }
        throw new IllegalStateException("the sample's WalletJobListener did not run");
    }

    /** Removes the reader from {@code context} and closes it. */
    static void uninstall(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof Wallets wallets) {
            context.removeAttribute(ATTRIBUTE);
            wallets.close();
        }
    }

    /** The path of {@code characterId}'s wallet, relative to ESI's base URL. */
    static String path(long characterId) {
        return "/characters/" + characterId + "/wallet/";
    }

    /** The call as it goes out, for display: {@code GET <base URL>/characters/<id>/wallet/}. */
    String call(long characterId) {
        return "GET " + baseUrl + path(characterId);
    }

    /**
     * Reads the wallet of {@code token}'s character (refreshing the token first when it is about to expire).
     *
     * @throws EsiException when ESI refuses or cannot answer
     * @throws io.github.evesso.EveLoginExpiredException when EVE ended the grant
     * @throws io.github.evesso.EveSsoUnavailableException when the token needs a refresh EVE SSO cannot give now
     */
    EsiResponse<BigDecimal> read(EveAccessToken token) {
        return esi.get(path(token.character().id()), BigDecimal.class, token);
    }

    /** What went wrong with an ESI call, for a person: the status and ESI's message, or the transport's. */
    static String why(EsiException e) {
        return e.status() == 0 ? e.getMessage()
                : "ESI answered " + e.status() + ": " + e.esiError().orElse("no error message");
    }

    /** {@code 12,345,678.90}. */
    static String isk(BigDecimal balance) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(balance);
    }

    @Override
    public void close() {
        esi.close();
    }
}
