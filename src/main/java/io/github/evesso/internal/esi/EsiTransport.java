package io.github.evesso.internal.esi;

import io.github.evesso.EsiBadResponseException;
import io.github.evesso.EsiUnavailableException;
import io.github.evesso.internal.http.BoundedBody;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP exchange with ESI: connect timeout, a deadline for the whole exchange (body included), no redirects, a
 * bounded body. Failures to get an answer become {@link EsiUnavailableException}, a body over the limit
 * {@link EsiBadResponseException}; every status is returned.
 */
public final class EsiTransport implements AutoCloseable {

    /**
     * An answer.
     *
     * @param status  its HTTP status
     * @param headers its headers (case-insensitive names)
     * @param body    its body, possibly empty
     */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private final ExecutorService executor;
    private final HttpClient client;
    private final Duration readTimeout;
    private final int maxBytes;

    /** A client for {@code settings}; its threads are daemons, ended by {@link #close()}. */
    public EsiTransport(EsiSettings settings) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "eve-esi-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        boolean https = settings.baseUrl().getScheme().equalsIgnoreCase("https");
        this.client = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/2 where TLS negotiates it; no h2c upgrade attempts on plain http (local fakes, proxies)
                .version(https ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build();
        this.readTimeout = settings.readTimeout();
        this.maxBytes = settings.maxResponseBytes();
    }

    /**
     * Sends {@code request} and reads the answer.
     *
     * @param what names the call in messages ({@code ESI GET /path}), never with a token
     */
    public Answer send(HttpRequest.Builder request, String what) {
        request.timeout(readTimeout); // up to the headers; the body by the deadline below
        long deadline = System.nanoTime() + readTimeout.toNanos();
        HttpResponse<byte[]> response;
        try {
            // send() on the calling thread: sendAsync() would complete on the common pool
            response = client.send(request.build(), info -> new BoundedBody(maxBytes, deadline));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EsiUnavailableException(what + ": interrupted", 0, null, null, e);
        } catch (IOException e) {
            if (BoundedBody.causedBy(e, BoundedBody.TooLargeException.class)) {
                throw new EsiBadResponseException(what + ": answer larger than " + maxBytes + " bytes", 0, null);
            }
            if (e instanceof HttpConnectTimeoutException) {
                throw new EsiUnavailableException(what + ": no connection within the connect timeout", 0, null,
                        null, e);
            }
            if (e instanceof HttpTimeoutException || BoundedBody.causedBy(e, TimeoutException.class)) {
                throw new EsiUnavailableException(what + ": no answer within " + readTimeout.toMillis() + " ms", 0,
                        null, null, e);
            }
            throw new EsiUnavailableException(what + ": " + describe(e), 0, null, null, e);
        }
        return new Answer(response.statusCode(), response.headers().map(), response.body());
    }


    private static String describe(IOException e) {
        return BoundedBody.causedBy(e, ConnectException.class) ? "connection refused"
                : "I/O error (" + e.getClass().getSimpleName() + ")";
    }

    /** Stops the client's threads; calls in flight fail. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
