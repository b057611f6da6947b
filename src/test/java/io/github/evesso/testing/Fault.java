package io.github.evesso.testing;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A misbehaviour the local EVE SSO plays instead of (or, for {@link #delay} and {@link #accessToken}, on top of)
 * its normal answer. Immutable; build one with the static factories and hand it to
 * {@link LocalEveSso#enqueue(Endpoint, Fault)} or {@link LocalEveSso#failUntilCleared(Endpoint, Fault)}.
 */
public final class Fault {

    /** The longest {@link #delay(Duration)} accepted, so that a test can never hang on the fake. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(30);

    /** EVE's body for its own failures. */
    static final String EVE_ERROR_BODY = "{\"Message\":\"An error has occurred.\"}";
    static final String JSON = "application/json; charset=utf-8";

    enum Kind { RESPOND, DISCONNECT, DELAY, ACCESS_TOKEN }

    private final Kind kind;
    private final int status;
    private final String contentType;
    private final String body;
    private final Map<String, String> headers;
    private final Duration delay;
    private final String accessToken;
    private final String description;

    private Fault(Kind kind, int status, String contentType, String body, Map<String, String> headers,
                  Duration delay, String accessToken, String description) {
        this.kind = kind;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = Map.copyOf(headers);
        this.delay = delay;
        this.accessToken = accessToken;
        this.description = description;
    }

    private static Fault respond(int status, String contentType, String body, Map<String, String> headers,
                                 String description) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be 200..599: " + status);
        }
        return new Fault(Kind.RESPOND, status, Objects.requireNonNull(contentType, "contentType"),
                Objects.requireNonNull(body, "body"), headers, null, null, description);
    }

    /** Answers {@code code} with EVE's failure body {@code {"Message":"An error has occurred."}} (JSON). */
    public static Fault status(int code) {
        return respond(code, JSON, EVE_ERROR_BODY, Map.of(), "status(" + code + ")");
    }

    /** Answers 429 with a {@code Retry-After} header of {@code retryAfterSeconds}. */
    public static Fault tooManyRequests(int retryAfterSeconds) {
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        return respond(429, JSON, "{\"error\":\"Too many requests.\"}",
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)),
                "tooManyRequests(" + retryAfterSeconds + ")");
    }

    /** Waits {@code d} (at most {@link #MAX_DELAY}), then answers normally. */
    public static Fault delay(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative() || d.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay must be between 0 and " + MAX_DELAY + ": " + d);
        }
        return new Fault(Kind.DELAY, 0, null, null, Map.of(), d, null, "delay(" + d + ")");
    }

    /** Answers 200 with an HTML page instead of JSON (like a proxy's maintenance page). */
    public static Fault garbage() {
        return respond(200, "text/html; charset=utf-8",
                "<html><head><title>Service Unavailable</title></head><body><h1>We'll be right back</h1>"
                        + "<p>Tranquility is undergoing maintenance.</p></body></html>",
                Map.of(), "garbage()");
    }

    /** Answers exactly {@code status}, {@code contentType} and {@code body}. */
    public static Fault body(int status, String contentType, String body) {
        return respond(status, contentType, body, Map.of(), "body(" + status + ", " + contentType + ")");
    }

    /** Answers {@code status} with the OAuth error JSON {@code {"error":..,"error_description":..}}. */
    public static Fault error(int status, String error, String description) {
        Objects.requireNonNull(error, "error");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", error);
        if (description != null) {
            json.put("error_description", description);
        }
        return respond(status, JSON, JSONObjectUtils.toJSONString(json), Map.of(),
                "error(" + status + ", " + error + ")");
    }

    /** Answers 400 {@code {"error":"invalid_grant","error_description":"Invalid refresh token."}}. */
    public static Fault invalidGrant() {
        return error(400, "invalid_grant", "Invalid refresh token.");
    }

    /** Closes the connection without sending any response. */
    public static Fault disconnect() {
        return new Fault(Kind.DISCONNECT, 0, null, null, Map.of(), null, null, "disconnect()");
    }

    /**
     * {@link Endpoint#TOKEN} only: processes the grant normally (the code or refresh token is consumed and a
     * refresh token issued) but answers with {@code jwt} as the {@code access_token}.
     */
    public static Fault accessToken(String jwt) {
        return new Fault(Kind.ACCESS_TOKEN, 0, null, null, Map.of(), null, Objects.requireNonNull(jwt, "jwt"),
                "accessToken(...)");
    }

    Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    String body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }

    Duration delayDuration() {
        return delay;
    }

    String accessTokenValue() {
        return accessToken;
    }

    /** A short description (never the body or a token). */
    @Override
    public String toString() {
        return "Fault." + description;
    }
}
