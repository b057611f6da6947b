package io.github.evesso.internal.sso;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Locale;

/**
 * A checked token endpoint response. {@code refreshToken} is {@code null} when the SSO issued none (no scopes).
 * {@code toString()} shows no token.
 */
public record TokenResponse(String accessToken, String refreshToken, long expiresIn) {

    /** Largest access token accepted (EVE tokens with every scope are a few KB). */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    /** The JSON shape, for JSON-B. */
    public static final class Json {
        /** {@code access_token}. */
        @JsonbProperty("access_token")
        public String accessToken;
        /** {@code refresh_token}. */
        @JsonbProperty("refresh_token")
        public String refreshToken;
        /** {@code token_type}. */
        @JsonbProperty("token_type")
        public String tokenType;
        /** {@code expires_in}. */
        @JsonbProperty("expires_in")
        public Long expiresIn;
    }

    /** The JSON shape of an OAuth error, for JSON-B. */
    public static final class ErrorJson {
        /** {@code error}. */
        public String error;
    }

    /**
     * Parses and checks a 200 response body.
     *
     * @throws SsoBadResponseException naming what is wrong (never the token)
     */
    static TokenResponse parse(Jsonb jsonb, String body) throws SsoBadResponseException {
        Json json;
        try {
            json = jsonb.fromJson(body, Json.class);
        } catch (JsonbException e) {
            throw new SsoBadResponseException("token response is not valid JSON");
        }
        if (json == null) {
            throw new SsoBadResponseException("token response is empty");
        }
        if (json.accessToken == null || json.accessToken.isBlank()) {
            throw new SsoBadResponseException("token response has no access_token");
        }
        if (json.accessToken.length() > MAX_TOKEN_LENGTH) {
            throw new SsoBadResponseException("token response access_token is too long");
        }
        if (json.tokenType == null || !json.tokenType.toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new SsoBadResponseException("token response token_type is not Bearer");
        }
        if (json.expiresIn == null || json.expiresIn <= 0) {
            throw new SsoBadResponseException("token response expires_in is missing or not positive");
        }
        if (json.refreshToken != null && (json.refreshToken.isBlank() || json.refreshToken.length() > MAX_TOKEN_LENGTH)) {
            throw new SsoBadResponseException("token response refresh_token is malformed");
        }
        return new TokenResponse(json.accessToken, json.refreshToken, json.expiresIn);
    }

    /** Reads the OAuth {@code error} of a 4xx body (at most 100 characters), or {@code "unknown"}. */
    static String errorCode(Jsonb jsonb, String body) {
        try {
            ErrorJson e = jsonb.fromJson(body, ErrorJson.class);
            if (e == null || e.error == null || e.error.isBlank()) {
                return "unknown";
            }
            return e.error.length() > 100 ? e.error.substring(0, 100) : e.error;
        } catch (JsonbException e) {
            return "unknown";
        }
    }

    @Override
    public String toString() {
        return "TokenResponse{expiresIn=" + expiresIn + ", refreshToken=" + (refreshToken != null) + "}";
    }
}
