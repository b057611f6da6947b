package io.github.evesso.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints access tokens with the local EVE SSO's keys: the exact tokens its token endpoint issues, and broken ones
 * (unpublished key, unknown kid, {@code alg: none}, HMAC key confusion) for validator tests.
 */
public final class JwtMinter {

    private final LocalEveSso sso;
    private final KeyRing keys;

    JwtMinter(LocalEveSso sso, KeyRing keys) {
        this.sso = sso;
        this.keys = keys;
    }

    /**
     * The claims the token endpoint would issue now (by the server's clock) for {@code character}: {@code scp}
     * (array for 2+ scopes, string for one, absent for none), {@code jti}, {@code kid}, {@code sub}, {@code azp},
     * {@code tenant}, {@code tier}, {@code region}, {@code aud}, {@code name}, {@code owner}, {@code exp},
     * {@code iat}, {@code iss}. The owner hash is the character's current one on this server.
     */
    public JWTClaimsSet.Builder standardClaims(TestCharacter character, String clientId, List<String> scopes) {
        Objects.requireNonNull(character, "character");
        Objects.requireNonNull(clientId, "clientId");
        TestCharacter current = sso.roster().find(character.id());
        String owner = current != null ? current.ownerHash() : character.ownerHash();
        Instant iat = Instant.ofEpochSecond(sso.clock().instant().getEpochSecond());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        if (scopes.size() == 1) {
            claims.claim("scp", scopes.get(0));
        } else if (scopes.size() > 1) {
            claims.claim("scp", List.copyOf(scopes));
        }
        return claims.jwtID(UUID.randomUUID().toString())
                .claim("kid", currentKid())
                .subject(character.subject())
                .claim("azp", clientId)
                .claim("tenant", "tranquility")
                .claim("tier", "live")
                .claim("region", "world")
                .audience(List.of(clientId, "EVE Online"))
                .claim("name", character.name())
                .claim("owner", owner)
                .expirationTime(Date.from(iat.plus(sso.tokenLifetime())))
                .issueTime(Date.from(iat))
                .issuer(sso.issuer());
    }

    /** Signs with the current RSA key: header {@code {"alg":"RS256","kid":<current kid>,"typ":"JWT"}}. */
    public String sign(JWTClaimsSet claims) {
        RSAKey key = keys.current();
        return sign(header(key.getKeyID()), claims, key);
    }

    /**
     * Signs with {@code header} as given (e.g. with {@code jku}, {@code x5u}, {@code jwk} or another {@code typ}):
     * by the published ES256 key when its alg is ES256, else by the current RSA key (RS/PS algorithms).
     */
    public String sign(JWSHeader header, JWTClaimsSet claims) {
        JWSAlgorithm alg = header.getAlgorithm();
        if (JWSAlgorithm.ES256.equals(alg)) {
            try {
                return signWith(header, claims, new ECDSASigner(keys.es256()));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!JWSAlgorithm.Family.RSA.contains(alg)) {
            throw new IllegalArgumentException("sign(header, claims) supports RS*, PS* and ES256, not " + alg
                    + "; see unsecured(..) and signHs256WithPublicKey(..)");
        }
        return sign(header, claims, keys.current());
    }

    /** Signs RS256 with a key that is NOT in the JWKS but carries the current kid: must fail verification. */
    public String signWithUnpublishedKey(JWTClaimsSet claims) {
        RSAKey impostor = keys.impostor();
        return sign(header(impostor.getKeyID()), claims, impostor);
    }

    /**
     * Signs RS256 with a fresh key whose kid is not published yet. It is the key {@link LocalEveSso#rotateKey()}
     * promotes next, so a token minted here verifies once the key is rotated in (JWKS refetch tests).
     */
    public String signWithUnknownKid(JWTClaimsSet claims) {
        RSAKey next = keys.next();
        return sign(header(next.getKeyID()), claims, next);
    }

    /** An unsecured token ({@code alg: none}, empty signature): must always be rejected. */
    public String unsecured(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /**
     * The algorithm-confusion attack: HS256 with the current RSA public key's X.509 encoding as the HMAC secret
     * and the current kid. Must always be rejected.
     */
    public String signHs256WithPublicKey(JWTClaimsSet claims) {
        try {
            byte[] secret = keys.current().toRSAPublicKey().getEncoded();
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(currentKid())
                    .type(JOSEObjectType.JWT).build();
            return signWith(header, claims, new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kid of the current RSA signing key ({@code JWT-Signature-Key} until the first rotation). */
    public String currentKid() {
        return keys.current().getKeyID();
    }

    /** The current RSA signing key's public half. */
    public RSAKey currentPublicKey() {
        return keys.current().toPublicJWK();
    }

    /** The published ES256 (P-256) key's public half. */
    public ECKey es256PublicKey() {
        return keys.es256().toPublicJWK();
    }

    private static JWSHeader header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build();
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey key) {
        try {
            return signWith(header, claims, new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signWith(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
