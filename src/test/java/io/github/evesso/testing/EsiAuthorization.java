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
import java.text.ParseException;
import java.util.Date;
import java.util.List;

/**
 * The fake ESI's check of an authenticated route's {@code Authorization: Bearer}: a token signed by a published key
 * of this server, issued by it for "EVE Online", not expired (by the server's clock), of the route's character and
 * carrying the route's scope. Answers ESI's 401/403 otherwise.
 */
final class EsiAuthorization {

    private final LocalEveSso sso;

    EsiAuthorization(LocalEveSso sso) {
        this.sso = sso;
    }

    /** ESI's refusal of {@code request} for {@code characterId}'s route needing {@code scope}, or {@code null}. */
    EsiAnswer refusal(RecordedRequest request, long characterId, String scope) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return EsiAnswer.error(401, "authorization not provided");
        }
        JWTClaimsSet claims = verify(authorization.substring(7).trim());
        if (claims == null) {
            return EsiAnswer.error(401, "authorization not valid");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(sso.clock().instant())) {
            return EsiAnswer.error(401, "token is expired");
        }
        if (!("CHARACTER:EVE:" + characterId).equals(claims.getSubject())) {
            return EsiAnswer.error(403, "token not valid for this character");
        }
        if (!scopes(claims).contains(scope)) {
            return EsiAnswer.error(403, "token not valid for scope");
        }
        return null;
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
}
