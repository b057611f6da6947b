package io.github.evesso.internal.jwt;

import io.github.evesso.internal.sso.SsoException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens an {@link AccessTokenValidator} already accepted, so that a client calling many times with one
 * token pays one RS256 verification: keyed by the token's SHA-256 (the token itself is not kept as a key), each
 * entry usable until the token's {@code exp} plus the clock skew (as the validator would judge it), at most
 * {@code maxEntries} at a time, safe under concurrency. Refused tokens are never remembered: each is judged anew.
 */
public final class CachingTokenVerifier {
    private record Entry(ValidatedToken token, long usableUntilMillis) {
    }

    /** A token's SHA-256 as four longs: a small key, compared by value, without a text form. */
    private record Fingerprint(long a, long b, long c, long d) {
    }

    private final AccessTokenValidator validator;
    private final int maxEntries;
    private final long skewMillis;
    private final Clock clock;
    private final ConcurrentHashMap<Fingerprint, Entry> entries = new ConcurrentHashMap<>();
    /** Cloned per call: cheaper than looking SHA-256 up among the security providers each time. */
    private final MessageDigest sha256;

    /**
     * Creates the cache in front of {@code validator}.
     *
     * @param maxEntries the most tokens remembered (at least 1)
     * @param clockSkew the tolerance the validator allows on {@code exp}
     */
    public CachingTokenVerifier(AccessTokenValidator validator, int maxEntries, Duration clockSkew, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.validator = validator;
        this.maxEntries = maxEntries;
        this.skewMillis = clockSkew.toMillis();
        this.clock = clock;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /**
     * The validated token, from the cache while it is usable, else from the validator.
     *
     * @throws InvalidAccessTokenException the token breaks a rule, or its cached acceptance has run out (expired)
     * @throws SsoException the JWKS or the metadata could not be fetched
     */
    public ValidatedToken validate(String accessToken) throws InvalidAccessTokenException, SsoException {
        if (accessToken == null) {
            throw new InvalidAccessTokenException("access token missing or too long");
        }
        Fingerprint key = fingerprint(accessToken);
        long now = clock.millis();
        Entry cached = entries.get(key);
        if (cached != null) {
            if (now < cached.usableUntilMillis()) {
                return cached.token();
            }
            entries.remove(key, cached);
            throw new InvalidAccessTokenException("JWT has expired");
        }
        ValidatedToken validated = validator.validate(accessToken);
        makeRoom(now);
        entries.put(key, new Entry(validated, validated.expiresAt().toEpochMilli() + skewMillis));
        return validated;
    }

    /** How many tokens are remembered now. */
    public int size() {
        return entries.size();
    }

    /** Drops expired entries when full; if still full, any entries until there is room (bounded either way). */
    private void makeRoom(long now) {
        if (entries.size() < maxEntries) {
            return;
        }
        entries.values().removeIf(entry -> entry.usableUntilMillis() <= now);
        Iterator<Fingerprint> keys = entries.keySet().iterator();
        while (entries.size() >= maxEntries && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    private Fingerprint fingerprint(String token) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) sha256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
        }
        ByteBuffer hash = ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        return new Fingerprint(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }
}
