package io.github.evesso.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The server's keys: the current RS256 signing key, retired RS256 keys still published, the ES256 key EVE also
 * publishes, the next key (signs "unknown kid" tokens until {@link #rotate()} publishes it) and an impostor key
 * that is never published.
 */
final class KeyRing {

    static final String INITIAL_KID = "JWT-Signature-Key";

    private final ECKey es256 = generateEc();
    private RSAKey current = generateRsa(INITIAL_KID);
    private final List<RSAKey> retired = new ArrayList<>();
    private RSAKey next;
    private RSAKey impostor;

    synchronized RSAKey current() {
        return current;
    }

    ECKey es256() {
        return es256;
    }

    /** The key the next {@link #rotate()} will promote; its kid is not published yet. */
    synchronized RSAKey next() {
        if (next == null) {
            next = generateRsa(INITIAL_KID + "-" + Secrets.shortId());
        }
        return next;
    }

    /** A key never published, carrying the current kid. */
    synchronized RSAKey impostor() {
        if (impostor == null) {
            impostor = generateRsa(current.getKeyID());
        }
        if (!impostor.getKeyID().equals(current.getKeyID())) {
            impostor = new RSAKey.Builder(impostor).keyID(current.getKeyID()).build();
        }
        return impostor;
    }

    /** The next key becomes the signing key; the old one stays published until {@link #dropRetired()}. */
    synchronized void rotate() {
        RSAKey promoted = next();
        retired.add(0, current);
        current = promoted;
        next = null;
    }

    synchronized void dropRetired() {
        retired.clear();
    }

    /** Every published RS256 key, current first. */
    synchronized List<RSAKey> publishedRsa() {
        List<RSAKey> keys = new ArrayList<>();
        keys.add(current);
        keys.addAll(retired);
        return keys;
    }

    /** The public JWKS: the RS256 keys, then the ES256 key. */
    synchronized JWKSet publicJwks() {
        List<JWK> keys = new ArrayList<>();
        for (RSAKey k : publishedRsa()) {
            keys.add(k.toPublicJWK());
        }
        keys.add(es256.toPublicJWK());
        return new JWKSet(keys);
    }

    /** The published key with this kid, or {@code null}. */
    synchronized JWK published(String kid) {
        for (JWK k : publishedRsa()) {
            if (k.getKeyID().equals(kid)) {
                return k;
            }
        }
        return es256.getKeyID().equals(kid) ? es256 : null;
    }

    private static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC key", e);
        }
    }
}
