package io.github.evesso.internal.sso;

import jakarta.json.bind.Jsonb;

/** Benchmark access to the package-private token-response parser (bench sources only, never in the library jar). */
public final class TokenResponses {
    private TokenResponses() {
    }

    /** {@link TokenResponse#parse}. */
    public static TokenResponse parse(Jsonb jsonb, String body) throws SsoBadResponseException {
        return TokenResponse.parse(jsonb, body);
    }
}
