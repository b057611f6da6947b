package io.github.evesso.testing;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * A misbehaviour the local EVE SSO plays on one request, made of independent settings on one immutable value: a
 * delay before anything happens, an answer that replaces the endpoint's own (status, body), extra headers (such as
 * {@code Retry-After}), a dropped connection (before any answer, or after the headers), or, at the token endpoint, a
 * substituted access token. Start from a factory and add settings; each {@code with...}/{@code after...} returns a
 * new value:
 *
 * <pre>{@code
 * Fault.status(502).afterDelay(Duration.ofSeconds(2))          // wait 2 s, then 502
 * Fault.disconnectAfterHeaders()                              // the real answer's headers, then the connection drops
 * Fault.status(429).withRetryAfter(Duration.ofSeconds(120))   // rate-limited
 * Fault.status(200).withBody("text/plain", "not JSON")        // a broken success
 * }</pre>
 *
 * Hand one to {@link LocalEveSso#enqueue(Endpoint, Fault)} or {@link LocalEveSso#failUntilCleared(Endpoint, Fault)}.
 */
public final class Fault {

    /** The longest delay accepted, so that a test can never hang on the fake. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(30);

    /** EVE's body for its own failures. */
    static final String EVE_ERROR_BODY = "{\"Message\":\"An error has occurred.\"}";
    static final String JSON = "application/json; charset=utf-8";

    /** No fault: the endpoint answers normally. */
    static final Fault NONE = new Fault(new Settings());

    /** Whether and when the connection is dropped. */
    enum Disconnect {
        /** The connection stays up. */
        NONE,
        /** Closed after the request was read, with no answer at all. */
        BEFORE_ANSWER,
        /** The status line and headers are sent (announcing a body), then the connection is closed. */
        AFTER_HEADERS
    }

    private final Duration delay;
    private final int status;
    private final String contentType;
    private final String body;
    private final Map<String, String> headers;
    private final Disconnect disconnect;
    private final String accessToken;

    private Fault(Settings s) {
        if (s.delay.isNegative() || s.delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay must be between 0 and " + MAX_DELAY + ": " + s.delay);
        }
        if (s.status != 0 && (s.status < 200 || s.status > 599)) {
            throw new IllegalArgumentException("status must be 200..599: " + s.status);
        }
        if (s.disconnect == Disconnect.BEFORE_ANSWER
                && (s.status != 0 || !s.headers.isEmpty() || s.accessToken != null)) {
            throw new IllegalStateException("a fault that drops the connection before answering sends no answer");
        }
        if (s.accessToken != null && s.status != 0) {
            throw new IllegalStateException("an access token substitute needs the token endpoint's own answer");
        }
        this.delay = s.delay;
        this.status = s.status;
        this.contentType = s.contentType;
        this.body = s.body;
        this.headers = Map.copyOf(s.headers);
        this.disconnect = s.disconnect;
        this.accessToken = s.accessToken;
    }

    /** The settings while a new value is made; copied into an immutable {@link Fault}. */
    private static final class Settings {
        private Duration delay = Duration.ZERO;
        private int status;
        private String contentType;
        private String body;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Disconnect disconnect = Disconnect.NONE;
        private String accessToken;

        private Settings() {
        }

        private Settings(Fault f) {
            delay = f.delay;
            status = f.status;
            contentType = f.contentType;
            body = f.body;
            headers.putAll(f.headers);
            disconnect = f.disconnect;
            accessToken = f.accessToken;
        }
    }

    private static Fault of(Consumer<Settings> settings) {
        return NONE.with(settings);
    }

    private Fault with(Consumer<Settings> change) {
        Settings s = new Settings(this);
        change.accept(s);
        return new Fault(s);
    }

    // ---------------------------------------------------------------- where to start

    /** Answers {@code code} with EVE's failure body {@code {"Message":"An error has occurred."}} (JSON). */
    public static Fault status(int code) {
        return NONE.withStatus(code);
    }

    /** Answers {@code status} with the OAuth error JSON {@code {"error":..,"error_description":..}}. */
    public static Fault error(int status, String error, String description) {
        Objects.requireNonNull(error, "error");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", error);
        if (description != null) {
            json.put("error_description", description);
        }
        return status(status).withBody(JSON, JSONObjectUtils.toJSONString(json));
    }

    /** Answers 400 {@code {"error":"invalid_grant","error_description":"Invalid refresh token."}}. */
    public static Fault invalidGrant() {
        return error(400, "invalid_grant", "Invalid refresh token.");
    }

    /** Answers 200 with an HTML page instead of JSON (like a proxy's maintenance page). */
    public static Fault garbage() {
        return status(200).withBody("text/html; charset=utf-8",
                "<html><head><title>Service Unavailable</title></head><body><h1>We'll be right back</h1>"
                        + "<p>Tranquility is undergoing maintenance.</p></body></html>");
    }

    /** Answers normally, with the header {@code name: value} added (the fake ESI keeps it over its own). */
    public static Fault header(String name, String value) {
        return NONE.withHeader(name, value);
    }

    /** Waits {@code delay} (at most {@link #MAX_DELAY}), then answers normally. */
    public static Fault delay(Duration delay) {
        return NONE.afterDelay(delay);
    }

    /** Closes the connection without sending any answer. */
    public static Fault disconnect() {
        return of(s -> s.disconnect = Disconnect.BEFORE_ANSWER);
    }

    /**
     * Sends the status line and headers of the answer (the endpoint's own, or the one set with {@link #withStatus}),
     * announcing a body that never comes, then closes the connection. The endpoint does its work as usual: a code or
     * refresh token sent to the token endpoint is consumed, as when EVE's answer is lost on the way. An answer
     * without a body (revoke's 200, the authorize redirect) goes out complete.
     */
    public static Fault disconnectAfterHeaders() {
        return of(s -> s.disconnect = Disconnect.AFTER_HEADERS);
    }

    /**
     * {@link Endpoint#TOKEN} only: processes the grant normally (the code or refresh token is consumed and a
     * refresh token issued) but answers with {@code jwt} as the {@code access_token}.
     */
    public static Fault accessToken(String jwt) {
        Objects.requireNonNull(jwt, "jwt");
        return of(s -> s.accessToken = jwt);
    }

    // ---------------------------------------------------------------- settings to add

    /** The same fault, played after waiting {@code delay} (at most {@link #MAX_DELAY}). */
    public Fault afterDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        return with(s -> s.delay = delay);
    }

    /**
     * Answers {@code code} instead of the endpoint's own answer, with the body set by {@link #withBody} or else EVE's
     * failure body.
     */
    public Fault withStatus(int code) {
        return with(s -> {
            s.status = code;
            if (s.body == null) {
                s.contentType = JSON;
                s.body = EVE_ERROR_BODY;
            }
        });
    }

    /** Answers exactly {@code body} as {@code contentType} (status 200 unless one was set). */
    public Fault withBody(String contentType, String body) {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        return with(s -> {
            s.contentType = contentType;
            s.body = body;
            if (s.status == 0) {
                s.status = 200;
            }
        });
    }

    /** Adds the header {@code name: value} to the answer (the endpoint's own or the replaced one). */
    public Fault withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return with(s -> s.headers.put(name, value));
    }

    /** Adds {@code Retry-After} in whole seconds. */
    public Fault withRetryAfter(Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("Retry-After must not be negative: " + wait);
        }
        return withHeader("Retry-After", Long.toString(wait.getSeconds()));
    }

    // ---------------------------------------------------------------- for the server

    Duration delay() {
        return delay;
    }

    /** Whether the endpoint's own answer is replaced by {@link #status()}, {@link #contentType()}, {@link #body()}. */
    boolean replacesAnswer() {
        return status != 0;
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

    Disconnect disconnectMode() {
        return disconnect;
    }

    /** The substitute access token, or {@code null}. */
    String accessToken() {
        return accessToken;
    }

    /** The settings, shortly: never the body or a token. */
    @Override
    public String toString() {
        StringJoiner parts = new StringJoiner(", ", "Fault[", "]");
        if (!delay.isZero()) {
            parts.add("after " + delay);
        }
        if (status != 0) {
            parts.add("status " + status + " " + contentType);
        }
        headers.keySet().forEach(name -> parts.add("header " + name));
        if (disconnect != Disconnect.NONE) {
            parts.add("disconnect " + disconnect.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        if (accessToken != null) {
            parts.add("access token substituted");
        }
        return parts.toString();
    }
}
