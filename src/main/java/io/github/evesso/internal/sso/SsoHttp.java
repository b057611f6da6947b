package io.github.evesso.internal.sso;

import io.github.evesso.internal.http.BoundedBody;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The one HTTP client for calls to the SSO: connect and whole-call timeouts, no redirects, bounded response bodies.
 * Transport failures, 5xx and 429/420 become {@link SsoUnavailableException}; other statuses are returned.
 */
public final class SsoHttp implements AutoCloseable {
    /** Largest response body read from the SSO. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private final ExecutorService executor;
    private final HttpClient client;
    private final Duration readTimeout;

    /** Builds the client with the given timeouts; its threads are daemons, ended by {@link #close()}. */
    public SsoHttp(Duration connectTimeout, Duration readTimeout) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "eve-sso-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.readTimeout = readTimeout;
    }

    /** Stops the client's threads; calls in flight fail. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** A status and a UTF-8 body of at most {@link #MAX_BODY_BYTES}. */
    public record Response(int status, String body) {
    }

    /** GETs {@code uri}. */
    public Response get(URI uri, String what) throws SsoException {
        return send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json"), what);
    }

    /** POSTs {@code form} URL-encoded to {@code uri} with HTTP Basic authentication. */
    public Response postForm(URI uri, String basicCredentials, Map<String, String> form, String what)
            throws SsoException {
        String body = formEncode(form);
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + basicCredentials)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), what);
    }

    /** {@code application/x-www-form-urlencoded} (also used for query strings, with spaces as {@code %20}). */
    public static String formEncode(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Response send(HttpRequest.Builder request, String what) throws SsoException {
        request.timeout(readTimeout); // up to the response headers; the body by the deadline below
        long deadline = System.nanoTime() + readTimeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(500);
        HttpResponse<byte[]> response;
        try {
            // send() on the calling thread, not sendAsync(): sendAsync completes on CompletableFuture's default
            // executor, which starts a new thread for every call where the common pool has parallelism 1 (2 CPUs)
            response = client.send(request.build(), info -> new BoundedBody(MAX_BODY_BYTES, deadline));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SsoUnavailableException(what + ": interrupted", null, e);
        } catch (IOException e) {
            if (BoundedBody.causedBy(e, BoundedBody.TooLargeException.class)) {
                throw new SsoBadResponseException(what + ": response larger than " + MAX_BODY_BYTES + " bytes");
            }
            if (BoundedBody.causedBy(e, TimeoutException.class)) {
                throw new SsoUnavailableException(what + ": no answer within " + readTimeout.toMillis() + " ms", null, e);
            }
            throw new SsoUnavailableException(what + ": " + describe(e), null, e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429 || status == 420) {
            throw new SsoUnavailableException(what + ": HTTP " + status, retryAfter(response.headers()), null);
        }
        return new Response(status, new String(response.body(), StandardCharsets.UTF_8));
    }


    private static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        if (t instanceof java.net.http.HttpConnectTimeoutException) {
            return "connect timeout";
        }
        if (t instanceof java.net.http.HttpTimeoutException) {
            return "read timeout";
        }
        if (t instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return t instanceof IOException ? "I/O error (" + name + ")" : name;
    }

    /** {@code Retry-After} as seconds or an HTTP date; {@code null} when absent or unreadable. */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").map(String::strip).orElse(null);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
