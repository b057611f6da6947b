package io.github.evesso.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the fake ESI ({@link FakeEsi}): finds the route, answers it, and adds what every ESI answer carries (the
 * error-limit headers; for a 200 {@code ETag}, {@code Expires}, {@code Cache-Control}, {@code X-Pages}), or 304 when
 * {@code If-None-Match} names the current ETag, or 420 while no error is left in the window.
 */
final class EsiHandler implements EndpointHandler {

    private static final Pattern STATUS = Pattern.compile("/status/?");
    private static final Pattern ORDERS = Pattern.compile("/markets/(\\d{1,18})/orders/?");
    private static final Pattern WALLET = Pattern.compile("/characters/(\\d{1,18})/wallet/?");
    private static final Pattern NAMES = Pattern.compile("/universe/names/?");
    static final String ERROR_LIMITED = "This software has exceeded the error limit for ESI. If you are a user,"
            + " please contact the maintainer of this software. If you are a developer/maintainer, please make a"
            + " greater effort in the future to receive valid responses.";

    private final FakeEsi esi;
    private final EsiAuthorization authorization;

    EsiHandler(LocalEveSso sso, FakeEsi esi) {
        this.esi = esi;
        this.authorization = new EsiAuthorization(sso);
    }

    @Override
    public void handle(HttpExchange ex, RecordedRequest request, Fault fault) throws IOException {
        EsiAnswer answer = esi.errorsLeft() == 0 ? EsiAnswer.error(420, ERROR_LIMITED)
                : route(request, path(request));
        if (answer == null) {
            Http.methodNotAllowed(ex, NAMES.matcher(path(request)).matches() ? "POST" : "GET");
            return;
        }
        if (answer.isError() && answer.status() != 420) {
            esi.spendError();
        }
        Headers headers = ex.getResponseHeaders();
        setIfAbsent(headers, "X-ESI-Error-Limit-Remain", Integer.toString(esi.errorsLeft()));
        setIfAbsent(headers, "X-ESI-Error-Limit-Reset", Long.toString(esi.secondsToReset()));
        if (answer.status() != 200) {
            Http.send(ex, answer.status(), Http.JSON, answer.json(), Map.of());
            return;
        }
        String etag = etag(answer.json());
        setIfAbsent(headers, "ETag", etag);
        setIfAbsent(headers, "Cache-Control", "public");
        if (answer.cacheFor() != null) {
            // counted from the Date header the JDK's server writes (the real time, not the server's clock): as on
            // ESI, where both come from one clock, a client's freshness (Expires - Date) is then exactly cacheFor
            Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            setIfAbsent(headers, "Expires", DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(date.plus(answer.cacheFor()).atOffset(ZoneOffset.UTC)));
        }
        if (answer.pages() > 0) {
            setIfAbsent(headers, "X-Pages", Integer.toString(answer.pages()));
        }
        if (request.method().equals("GET") && headers.getFirst("ETag").equals(request.header("If-None-Match"))) {
            Http.send(ex, 304, null, null, Map.of());
            return;
        }
        Http.send(ex, 200, Http.JSON, answer.json(), Map.of());
    }

    /** The path after the fake ESI's base path. */
    private static String path(RecordedRequest request) {
        return request.path().substring(Endpoint.ESI.path().length());
    }

    /** The route's answer, or {@code null} when the path exists for another method. */
    private EsiAnswer route(RecordedRequest request, String path) {
        boolean get = request.method().equals("GET");
        boolean post = request.method().equals("POST");
        if (STATUS.matcher(path).matches()) {
            return get ? EsiAnswer.ok(esi.statusJson(), FakeEsi.STATUS_CACHE) : null;
        }
        Matcher orders = ORDERS.matcher(path);
        if (orders.matches()) {
            return get ? marketOrders(Long.parseLong(orders.group(1)), request.queryValue("page")) : null;
        }
        Matcher wallet = WALLET.matcher(path);
        if (wallet.matches()) {
            return get ? wallet(request, Long.parseLong(wallet.group(1))) : null;
        }
        if (NAMES.matcher(path).matches()) {
            return post ? names(request) : null;
        }
        return EsiAnswer.error(404, "Not found");
    }

    private EsiAnswer marketOrders(long region, String pageParameter) {
        if (region != FakeEsi.MARKET_REGION) {
            return EsiAnswer.error(404, "Region not found");
        }
        int page;
        try {
            page = pageParameter == null ? 1 : Integer.parseInt(pageParameter);
        } catch (NumberFormatException e) {
            return EsiAnswer.error(400, "page must be an integer");
        }
        List<Map<String, Object>> orders = esi.marketPage(page);
        if (orders == null) {
            return EsiAnswer.error(404, "Requested page does not exist!");
        }
        return new EsiAnswer(200, esi.jsonb().toJson(orders), FakeEsi.ORDERS_CACHE, esi.marketPages());
    }

    private EsiAnswer wallet(RecordedRequest request, long characterId) {
        EsiAnswer refusal = authorization.refusal(request, characterId, LocalEveSso.WALLET_SCOPE);
        if (refusal != null) {
            return refusal;
        }
        // a bare JSON number, as ESI answers it
        return EsiAnswer.ok(esi.walletBalance(characterId).toPlainString(), FakeEsi.WALLET_CACHE);
    }

    private EsiAnswer names(RecordedRequest request) {
        long[] ids;
        try {
            ids = esi.jsonb().fromJson(request.body(), long[].class);
        } catch (JsonbException e) {
            return EsiAnswer.error(400, "body must be a JSON array of ids");
        }
        if (ids == null || ids.length == 0) {
            return EsiAnswer.error(400, "body must be a JSON array of ids");
        }
        List<Map<String, Object>> names = esi.names(ids);
        return names == null ? EsiAnswer.error(404, "Ensure all IDs are valid before resolving.")
                : EsiAnswer.ok(esi.jsonb().toJson(names), null);
    }

    private static void setIfAbsent(Headers headers, String name, String value) {
        if (!headers.containsKey(name)) {
            headers.set(name, value);
        }
    }

    /** A strong ETag: a digest of the body, quoted. */
    private static String etag(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
