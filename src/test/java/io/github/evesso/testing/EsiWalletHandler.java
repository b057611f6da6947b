package io.github.evesso.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake ESI: {@code GET /latest/characters/{id}/wallet/} answers a stable balance for a valid access token of
 * that character carrying the wallet scope; anything else under {@code /latest/} is 404.
 */
final class EsiWalletHandler implements EndpointHandler {

    private static final Pattern WALLET = Pattern.compile("/latest/characters/(\\d{1,18})/wallet/?");

    private final LocalEveSso sso;

    EsiWalletHandler(LocalEveSso sso) {
        this.sso = sso;
    }

    @Override
    public void handle(HttpExchange ex, RecordedRequest request, Fault fault) throws IOException {
        Matcher m = WALLET.matcher(request.path());
        if (!m.matches()) {
            Http.send(ex, 404, Http.JSON, "{\"error\":\"Not found\"}", Map.of());
            return;
        }
        if (!request.method().equals("GET")) {
            Http.methodNotAllowed(ex, "GET");
            return;
        }
        long characterId = Long.parseLong(m.group(1));
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            error(ex, 401, "authorization not provided");
            return;
        }
        JWTClaimsSet claims = verify(authorization.substring(7).trim());
        if (claims == null) {
            error(ex, 401, "authorization not valid");
            return;
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(sso.clock().instant())) {
            error(ex, 401, "token is expired");
            return;
        }
        if (!("CHARACTER:EVE:" + characterId).equals(claims.getSubject())) {
            error(ex, 403, "token not valid for this character");
            return;
        }
        if (!scopes(claims).contains(LocalEveSso.WALLET_SCOPE)) {
            error(ex, 403, "token not valid for scope");
            return;
        }
        Http.send(ex, 200, Http.JSON, balance(characterId), Map.of());
    }

    /** The claims when the token is signed by a published key and issued by this server; else {@code null}. */
    private JWTClaimsSet verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWK key = jwt.getHeader().getKeyID() == null ? null : sso.keys().published(jwt.getHeader().getKeyID());
            JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
            JWSVerifier verifier = key instanceof RSAKey rsa && JWSAlgorithm.RS256.equals(alg)
                    ? new RSASSAVerifier(rsa)
                    : key instanceof ECKey ec && JWSAlgorithm.ES256.equals(alg) ? new ECDSAVerifier(ec) : null;
            if (verifier == null || !jwt.verify(verifier)) {
                return null;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return sso.issuer().equals(claims.getIssuer()) && claims.getAudience().contains("EVE Online")
                    ? claims : null;
        } catch (ParseException | JOSEException | RuntimeException e) {
            return null;
        }
    }

    private static List<String> scopes(JWTClaimsSet claims) {
        Object scp = claims.getClaim("scp");
        if (scp instanceof String s) {
            return List.of(s);
        }
        if (scp instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** A plausible ISK balance, stable per character, e.g. {@code 12345678.9}. */
    static String balance(long characterId) {
        long cents = Math.floorMod(characterId * 2_654_435_761L + 1_234_567_890L, 10_000_000_000L);
        return BigDecimal.valueOf(cents, 2).stripTrailingZeros().toPlainString();
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        Http.json(ex, status, Map.of("error", message));
    }
}
