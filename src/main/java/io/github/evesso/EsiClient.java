package io.github.evesso;

import io.github.evesso.internal.esi.EsiCall;
import io.github.evesso.internal.esi.EsiCaller;
import io.github.evesso.internal.esi.EsiResult;
import io.github.evesso.internal.esi.EsiSettings;
import io.github.evesso.internal.esi.EsiTransport;
import io.github.evesso.internal.esi.Sleeper;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.config.PropertyNamingStrategy;
import java.io.ByteArrayInputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A small client for EVE's ESI that keeps its etiquette: a {@code User-Agent} naming the application and a contact,
 * {@code X-Compatibility-Date}, {@code Authorization: Bearer} from an {@link EveAccessToken} (refreshed when due),
 * GET answers cached by their {@code Expires}/{@code Cache-Control} and revalidated by {@code ETag}, no calls while
 * ESI's error limit is nearly reached, 420/429 {@code Retry-After} waited for (bounded) or reported, idempotent calls
 * retried on 502/503/504 with back-off, never a 4xx; JSON bodies mapped with JSON-B (property names in ESI's
 * {@code snake_case}: a record component {@code serverVersion} reads {@code server_version}; records and classes
 * must be public). Build one per application and share it; it is thread-safe. {@link #close()} ends its threads.
 *
 * <pre>{@code
 * EsiClient esi = EsiClient.builder().userAgent("my-app/1.0 (me@example.com)").build();
 * BigDecimal isk = esi.get("/characters/" + id + "/wallet/", BigDecimal.class, token).body();
 * }</pre>
 *
 * <p>No argument of any method may be {@code null} ({@link NullPointerException}). A path starts with a single
 * {@code /} and is appended to the base URL; query values in it must be URL-encoded. Every call may throw, besides
 * the {@link EsiException} family, what {@link EveAccessToken#accessToken()} throws ({@link EveLoginExpiredException},
 * {@link EveSsoUnavailableException}) when the token needs a refresh that cannot happen. Nothing is logged but
 * method, path and status; neither the client nor its answers show a token in {@code toString()}.
 */
public final class EsiClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EsiClient.class.getName());

    /** ESI's base URL: {@value}. */
    public static final String DEFAULT_BASE_URL = "https://esi.evetech.net";
    /**
     * The {@code X-Compatibility-Date} sent unless another is set: 2025-09-30, the date this client and its README
     * examples were written against. Set the date your application was tested with: ESI then keeps answering as it
     * did on that date.
     */
    public static final LocalDate DEFAULT_COMPATIBILITY_DATE = LocalDate.of(2025, 9, 30);

    private final EsiSettings settings;
    private final EsiTransport transport;
    private final EsiCaller caller;
    private final Jsonb jsonb;

    private EsiClient(EsiSettings settings) {
        this.settings = settings;
        this.transport = new EsiTransport(settings);
        this.caller = new EsiCaller(settings, transport);
        this.jsonb = JsonbBuilder.create(new JsonbConfig()
                .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));
    }

    /** A builder with the defaults; {@link Builder#userAgent} is required. */
    public static Builder builder() {
        return new Builder(new Builder.Values());
    }

    /**
     * GETs a public route (no token), e.g. {@code get("/status/", ServerStatus.class)}.
     *
     * @param type the body's type: a public record or class, an array of them, {@code BigDecimal}, {@code Long},
     *             ...; {@code String} gives the body's JSON text unmapped, {@code Void} no body
     * @throws EsiException when ESI gives no usable answer; see the subclasses
     */
    public <T> EsiResponse<T> get(String path, Class<T> type) {
        return call(EsiCall.get(settings.baseUrl(), path, null), type);
    }

    /**
     * GETs an authenticated route with the character's token, e.g. {@code get("/characters/" + id + "/wallet/",
     * BigDecimal.class, token)}. The cached answers of one character are never served to a call with another's;
     * a fresh cached answer is served without asking the token (so without a refresh).
     *
     * @throws EsiException when ESI gives no usable answer; see the subclasses
     */
    public <T> EsiResponse<T> get(String path, Class<T> type, EveAccessToken token) {
        Objects.requireNonNull(token, "token (use get(path, type) for a public route)");
        return call(EsiCall.get(settings.baseUrl(), path, token), type);
    }

    /**
     * GETs page {@code page} (from 1) of a paged public route; {@link EsiResponse#pages()} tells how many there are.
     *
     * @throws IllegalArgumentException when {@code page < 1}
     * @throws EsiException             when ESI gives no usable answer (a page beyond the last: 404, rejected)
     */
    public <T> EsiResponse<T> getPage(String path, int page, Class<T> type) {
        return get(paged(path, page), type);
    }

    /**
     * GETs page {@code page} (from 1) of a paged authenticated route with the character's token.
     *
     * @throws IllegalArgumentException when {@code page < 1}
     * @throws EsiException             when ESI gives no usable answer
     */
    public <T> EsiResponse<T> getPage(String path, int page, Class<T> type, EveAccessToken token) {
        return get(paged(path, page), type, token);
    }

    /**
     * POSTs {@code body} as JSON to a public route, e.g. {@code post("/universe/names/", List.of(id),
     * Name[].class)}. Not cached, and not retried on 5xx (it might have been done); only a 420/429, which ESI
     * answers before doing anything, is sent again.
     *
     * @throws EsiException when ESI gives no usable answer
     */
    public <T> EsiResponse<T> post(String path, Object body, Class<T> type) {
        return call(EsiCall.post(settings.baseUrl(), path, json(body), null), type);
    }

    /**
     * POSTs {@code body} as JSON to an authenticated route with the character's token; as {@link #post(String,
     * Object, Class)}.
     *
     * @throws EsiException when ESI gives no usable answer
     */
    public <T> EsiResponse<T> post(String path, Object body, Class<T> type, EveAccessToken token) {
        Objects.requireNonNull(token, "token (use post(path, body, type) for a public route)");
        return call(EsiCall.post(settings.baseUrl(), path, json(body), token), type);
    }

    private static String paged(String path, int page) {
        if (page < 1) {
            throw new IllegalArgumentException("pages count from 1: " + page);
        }
        return path + (path.indexOf('?') < 0 ? "?" : "&") + "page=" + page;
    }

    private byte[] json(Object body) {
        Objects.requireNonNull(body, "body");
        return jsonb.toJson(body).getBytes(StandardCharsets.UTF_8);
    }

    private <T> EsiResponse<T> call(EsiCall call, Class<T> type) {
        Objects.requireNonNull(type, "type");
        EsiResult result = caller.call(call);
        T body = null;
        if (type == String.class) {
            body = type.cast(new String(result.body(), StandardCharsets.UTF_8));
        } else if (result.body().length > 0 && type != Void.class) {
            try {
                body = jsonb.fromJson(new ByteArrayInputStream(result.body()), type);
            } catch (JsonbException e) {
                throw new EsiBadResponseException(call.describe() + " answered " + result.status()
                        + " with a body that does not map to " + type.getSimpleName(), result.status(), e);
            }
        }
        return new EsiResponse<>(result.status(), body, result.headers(), result.source(), result.freshUntil());
    }

    /** Stops the client's HTTP threads; calls in flight fail. Idempotent. */
    @Override
    public void close() {
        transport.close();
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "closing JSON-B failed: {0}", e.toString());
        }
    }

    /** The base URL, compatibility date and number of cached answers: never a token. */
    @Override
    public String toString() {
        return "EsiClient[" + settings.baseUrl() + ", compatibility date " + settings.compatibilityDate() + ", "
                + caller.cachedAnswers() + " cached answers]";
    }

    /**
     * The settings of a client: an immutable value, each method returns a new builder. Only {@link #userAgent} is
     * required; no argument may be {@code null}. Values out of range fail {@link #build()} with an
     * {@link IllegalArgumentException} naming the setting.
     */
    public static final class Builder {
        private final Values values;

        private Builder(Values values) {
            this.values = values;
        }

        /** Required: names the application and a contact, e.g. {@code "my-app/1.2 (me@example.com)"}. */
        public Builder userAgent(String userAgent) {
            Objects.requireNonNull(userAgent, "userAgent");
            return with(v -> v.userAgent = userAgent);
        }

        /** ESI's base URL (default {@value EsiClient#DEFAULT_BASE_URL}); another for the local SSO's fake ESI. */
        public Builder baseUrl(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            return with(v -> v.baseUrl = baseUrl);
        }

        /** The {@code X-Compatibility-Date} (default {@link EsiClient#DEFAULT_COMPATIBILITY_DATE}). */
        public Builder compatibilityDate(LocalDate date) {
            Objects.requireNonNull(date, "compatibilityDate");
            return with(v -> v.compatibilityDate = date);
        }

        /** Connecting to ESI, at most 5 minutes (default 5 s). */
        public Builder connectTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "connectTimeout");
            return with(v -> v.connectTimeout = timeout);
        }

        /** One whole HTTP exchange with ESI, body included, at most 5 minutes (default 10 s). */
        public Builder readTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "readTimeout");
            return with(v -> v.readTimeout = timeout);
        }

        /** The largest body read, 1 KiB to 256 MiB (default 4 MiB); a larger one is an EsiBadResponseException. */
        public Builder maxResponseBytes(int bytes) {
            return with(v -> v.maxResponseBytes = bytes);
        }

        /** Cached answers at most (default 1000; 0 turns the cache off); the least recently used go first. */
        public Builder cacheEntries(int entries) {
            return with(v -> v.cacheEntries = entries);
        }

        /** Bytes of cached bodies and headers at most (default 16 MiB). */
        public Builder cacheBytes(long bytes) {
            return with(v -> v.cacheBytes = bytes);
        }

        /**
         * The longest one call waits in total, at most 10 minutes (default 10 s): for a {@code Retry-After}, the
         * error limit's reset and retry back-offs. A longer wait fails the call at once with an
         * {@link EsiUnavailableException} whose {@code retryAfter()} says when to try again.
         */
        public Builder maxWait(Duration maxWait) {
            Objects.requireNonNull(maxWait, "maxWait");
            return with(v -> v.maxWait = maxWait);
        }

        /** How often one call is sent again (0 to 10, default 2): a GET after 502/503/504, any call after 420/429. */
        public Builder retries(int retries) {
            return with(v -> v.retries = retries);
        }

        /** The wait before the first retry after a 502/503/504, doubling for each next one (default 1 s). */
        public Builder retryBackoff(Duration backoff) {
            Objects.requireNonNull(backoff, "retryBackoff");
            return with(v -> v.retryBackoff = backoff);
        }

        /**
         * Errors left in ESI's error-limit window ({@code X-ESI-Error-Limit-Remain}) at which the client stops
         * calling until the window resets (0 to 99, default 10), so that ESI never answers 420.
         */
        public Builder errorLimitMargin(int errorsLeft) {
            return with(v -> v.errorLimitMargin = errorsLeft);
        }

        /** The clock that decides freshness and waits (default {@code Clock.systemUTC()}). */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            return with(v -> v.clock = clock);
        }

        /** For tests: how the client waits (default: the thread sleeps). */
        Builder sleeper(Sleeper sleeper) {
            Objects.requireNonNull(sleeper, "sleeper");
            return with(v -> v.sleeper = sleeper);
        }

        /**
         * The client. It logs a warning when the base URL is plain http to a host other than this one (the token
         * would travel readable).
         *
         * @throws NullPointerException     when no user agent was set
         * @throws IllegalArgumentException when a value is out of range or the user agent names no contact
         */
        public EsiClient build() {
            Values v = values;
            EsiSettings settings = new EsiSettings(v.baseUrl, v.userAgent,
                    v.compatibilityDate, v.connectTimeout, v.readTimeout, v.maxResponseBytes, v.cacheEntries,
                    v.cacheBytes, v.maxWait, v.retries, v.retryBackoff, v.errorLimitMargin, v.clock, v.sleeper);
            if (settings.plainHttpToAnotherHost()) {
                LOG.log(Level.WARNING, "ESI base URL {0} is plain http to another host: access tokens travel"
                        + " readable", settings.baseUrl());
            }
            return new EsiClient(settings);
        }

        private Builder with(Consumer<Values> change) {
            Values copy = values.copy();
            change.accept(copy);
            return new Builder(copy);
        }

        /** The settings while a new builder is made; each builder holds its own copy, never changed again. */
        private static final class Values implements Cloneable {
            private URI baseUrl = URI.create(DEFAULT_BASE_URL);
            private String userAgent;
            private LocalDate compatibilityDate = DEFAULT_COMPATIBILITY_DATE;
            private Duration connectTimeout = Duration.ofSeconds(5);
            private Duration readTimeout = Duration.ofSeconds(10);
            private int maxResponseBytes = 4 << 20;
            private int cacheEntries = 1000;
            private long cacheBytes = 16L << 20;
            private Duration maxWait = Duration.ofSeconds(10);
            private int retries = 2;
            private Duration retryBackoff = Duration.ofSeconds(1);
            private int errorLimitMargin = 10;
            private Clock clock = Clock.systemUTC();
            private Sleeper sleeper = Sleeper.threadSleep();

            private Values copy() {
                try {
                    return (Values) clone();
                } catch (CloneNotSupportedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
