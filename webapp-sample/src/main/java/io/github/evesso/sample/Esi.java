package io.github.evesso.sample;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal ESI client: one call, {@code GET /characters/{character_id}/wallet/}, with java.net.http. */
final class Esi {
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String baseUrl;
    private final HttpClient http;

    /** @param baseUrl e.g. {@code https://esi.evetech.net/latest} */
    Esi(String baseUrl, HttpClient http) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
    }

    /** The URL of the wallet call, for showing on the page. */
    URI walletUrl(long characterId) {
        return URI.create(baseUrl + "/characters/" + characterId + "/wallet/");
    }

    /**
     * The character's wallet balance in ISK.
     *
     * @param accessToken a valid access token of that character with {@code esi-wallet.read_character_wallet.v1}
     * @throws EsiException when ESI refuses, fails or cannot be reached
     */
    BigDecimal wallet(long characterId, String accessToken) throws EsiException {
        HttpRequest request = HttpRequest.newBuilder(walletUrl(characterId))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                // ESI asks every application to say who it is.
                .header("User-Agent", "eve-sso-sample/0.1 (eve-sso-servlet sample application)")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EsiException(0, "ESI could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EsiException(0, "interrupted");
        }
        String body = response.body() == null ? "" : response.body().strip();
        if (response.statusCode() != 200) {
            throw new EsiException(response.statusCode(), errorMessage(body));
        }
        try {
            return new BigDecimal(body); // ESI answers the balance as a bare JSON number, e.g. 29500.01
        } catch (NumberFormatException e) {
            throw new EsiException(response.statusCode(), "ESI answered something that is not a balance");
        }
    }

    private static String errorMessage(String body) {
        Matcher m = ERROR.matcher(body);
        return m.find() ? m.group(1).replace("\\\"", "\"") : "no error message";
    }

    /** ESI refused or failed; {@link #status()} is 0 when no answer came. */
    static final class EsiException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        EsiException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
